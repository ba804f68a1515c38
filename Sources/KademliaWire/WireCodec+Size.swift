import KademliaCore

/// Datagram sizes computed arithmetically, so the simulator can count bytes without encoding.
extension WireCodec {
    private static let idBytes = MessagePackSize.binary(byteCount: NodeID.byteCount)

    /// Equals `encode(message).count`.
    public static func encodedSize(of message: Message) -> Int {
        switch message.body {
        case .request(let request, _): return WireLimits.headerBytes + requestSize(request)
        case .response(let response): return WireLimits.headerBytes + responseSize(response)
        }
    }

    private static func requestSize(_ request: Request) -> Int {
        let prefix = MessagePackSize.arrayHeader(count: 2) + MessagePackSize.string(byteCount: request.name.utf8.count)
        switch request {
        case .ping:
            return prefix + 1 + idBytes
        case .store(_, let record):
            return prefix + 1 + 2 * idBytes + MessagePackSize.record(record)
        case .findNode, .findValue:
            return prefix + 1 + 2 * idBytes
        case .stun:
            return prefix + 1
        }
    }

    private static func responseSize(_ response: Response) -> Int {
        switch response {
        case .pong:
            return idBytes
        case .stored:
            return MessagePackSize.bool
        case .nodes(let contacts):
            var size = MessagePackSize.arrayHeader(count: contacts.count)
            for contact in contacts {
                size += 1 + idBytes + addressSize(contact.address)
            }
            return size
        case .value(let record):
            return 1 + MessagePackSize.string(byteCount: valueKey.utf8.count) + MessagePackSize.record(record)
        case .stunAddress(let address):
            return 1 + addressSize(address)
        }
    }

    private static func addressSize(_ address: NodeAddress) -> Int {
        MessagePackSize.string(byteCount: MessagePackSize.ipv4TextBytes(address.ipv4))
            + MessagePackSize.int(Int64(address.port))
    }
}
