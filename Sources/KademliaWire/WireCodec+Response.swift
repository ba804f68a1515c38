import KademliaCore

/// Responses are bare values, decoded by shape alone because the datagram does not say which RPC it answers.
extension WireCodec {
    static let valueKey = "value"

    static func writeResponse(_ response: Response, into writer: inout MessagePackWriter) {
        switch response {
        case .pong(let id):
            writer.writeBinary(id.bytes)
        case .stored(let flag):
            writer.writeBool(flag)
        case .nodes(let contacts):
            writer.writeArrayHeader(count: contacts.count)
            for contact in contacts {
                writer.writeArrayHeader(count: 3)
                writer.writeBinary(contact.id.bytes)
                writer.writeIPv4(contact.address.ipv4)
                writer.writeInt(Int64(contact.address.port))
            }
        case .value(let record):
            writer.writeMapHeader(count: 1)
            writer.writeString(valueKey)
            writer.writeRecord(record)
        case .stunAddress(let address):
            writer.writeArrayHeader(count: 2)
            writer.writeIPv4(address.ipv4)
            writer.writeInt(Int64(address.port))
        }
    }

    /// bin(20) → pong, bool → stored, `{"value": v}` → value, `[str, int]` → stun address,
    /// an array of `[bin20, str, int]` triples (or `[]`) → nodes. Anything else is malformed.
    static func readResponse(_ payload: MessagePackValue) throws(WireError) -> Response {
        switch payload {
        case .binary(let content):
            guard let id = NodeID(bytes: content) else { throw .malformedResponse }
            return .pong(id)
        case .bool(let flag):
            return .stored(flag)
        case .map(let entries):
            guard entries.count == 1, entries[0].key == .string(valueKey) else { throw .malformedResponse }
            return .value(try Record(wire: entries[0].value))
        case .array(let elements):
            if elements.count == 2, case .string = elements[0] {
                return .stunAddress(try address(host: elements[0], port: elements[1]))
            }
            var contacts: [Contact] = []
            contacts.reserveCapacity(elements.count)
            for element in elements {
                contacts.append(try contact(element))
            }
            return .nodes(contacts)
        default:
            throw .malformedResponse
        }
    }

    private static func contact(_ triple: MessagePackValue) throws(WireError) -> Contact {
        guard case .array(let fields) = triple, fields.count == 3,
            case .binary(let idBytes) = fields[0], let id = NodeID(bytes: idBytes)
        else { throw .malformedResponse }
        return Contact(id: id, address: try address(host: fields[1], port: fields[2]))
    }

    /// Only IPv4 dotted quads: the Python node reports the datagram source it saw, which is IPv4 here.
    private static func address(host: MessagePackValue, port: MessagePackValue) throws(WireError) -> NodeAddress {
        guard case .string(let text) = host, case .int(let number) = port,
            let address = NodeAddress(host: text, port: Int(number))
        else { throw .malformedResponse }
        return address
    }
}

extension MessagePackWriter {
    /// Writes an IPv4 address as the dotted-quad str Python reports, without building a String.
    mutating func writeIPv4(_ ipv4: UInt32) {
        writeStringHeader(byteCount: MessagePackSize.ipv4TextBytes(ipv4))
        for shift in [24, 16, 8, 0] {
            let octet = UInt8(truncatingIfNeeded: ipv4 >> UInt32(shift))
            if octet >= 100 { writeRaw(UInt8(ascii: "0") + octet / 100) }
            if octet >= 10 { writeRaw(UInt8(ascii: "0") + octet / 10 % 10) }
            writeRaw(UInt8(ascii: "0") + octet % 10)
            if shift != 0 { writeRaw(UInt8(ascii: ".")) }
        }
    }
}

extension MessagePackSize {
    /// Length of the dotted-quad text of `ipv4`.
    static func ipv4TextBytes(_ ipv4: UInt32) -> Int {
        var length = 3
        for shift in [24, 16, 8, 0] {
            let octet = UInt8(truncatingIfNeeded: ipv4 >> UInt32(shift))
            length += octet >= 100 ? 3 : octet >= 10 ? 2 : 1
        }
        return length
    }
}
