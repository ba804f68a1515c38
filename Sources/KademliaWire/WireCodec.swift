import KademliaCore

/// rpcudp framing of Kademlia messages, byte-compatible with the Python kademlia 2.2.3 library:
/// `type (0x00 request, 0x01 response) | 20-byte message id | one msgpack object`.
public enum WireCodec {
    static let requestType: UInt8 = 0x00
    static let responseType: UInt8 = 0x01

    /// The datagram for `message`, packed as u-msgpack-python packs it.
    public static func encode(_ message: Message) -> [UInt8] {
        var writer = MessagePackWriter(reservingCapacity: encodedSize(of: message))
        switch message.body {
        case .request(let request, let sender):
            writer.writeRaw(requestType)
            writer.writeRaw(message.id.bits.bytes)
            writeRequest(request, sender: sender, into: &writer)
        case .response(let response):
            writer.writeRaw(responseType)
            writer.writeRaw(message.id.bits.bytes)
            writeResponse(response, into: &writer)
        }
        return writer.bytes
    }

    /// Parses one datagram. Bytes after the msgpack object are ignored, as the Python library ignores them.
    /// A `stun` request carries no sender id, so it decodes with `NodeID.zero` as its sender.
    public static func decode(_ datagram: [UInt8]) throws(WireError) -> Message {
        guard datagram.count >= WireLimits.minimumDatagramBytes else { throw .datagramTooShort(datagram.count) }
        guard datagram.count <= WireLimits.maximumDatagramBytes else { throw .datagramTooLarge(datagram.count) }
        let type = datagram[0]
        guard type == requestType || type == responseType else { throw .unknownMessageType(type) }
        guard let bits = NodeID(bytes: datagram[1..<WireLimits.headerBytes]) else { throw .truncated }
        var reader = MessagePackReader(bytes: datagram, offset: WireLimits.headerBytes)
        let payload = try reader.read()
        let body: MessageBody
        if type == requestType {
            let (request, sender) = try readRequest(payload)
            body = .request(request, sender: sender)
        } else {
            body = .response(try readResponse(payload))
        }
        return Message(id: MessageID(bits: bits), body: body)
    }
}
