import KademliaCore

/// Failures of the UDP node and the commands built on it, each worded as the one line a user sees.
public enum KadNodeError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidAddress(String)
    case addressInUse(host: String, port: Int)
    case cannotBind(host: String, port: Int, reason: String)
    /// None of the bootstrap addresses answered a ping.
    case bootstrapUnreachable([NodeAddress])
    /// A put reached the network but no node acknowledged the STORE.
    case notStored(key: String)
    case invalidValue(String)
    /// A value whose STORE cannot travel in one UDP datagram.
    case valueTooLarge(datagramBytes: Int, limit: Int)
    case invalidDuration(String)
    case shutDown

    public var description: String {
        switch self {
        case .invalidAddress(let text):
            return "invalid address '\(text)': expected an IPv4 HOST:PORT such as 127.0.0.1:5050"
        case .addressInUse(let host, let port):
            return "cannot listen on \(host):\(port): address already in use"
        case .cannotBind(let host, let port, let reason):
            return "cannot listen on \(host):\(port): \(reason)"
        case .bootstrapUnreachable(let addresses):
            return "no bootstrap node answered: \(addresses.map(\.description).joined(separator: ", "))"
        case .notStored(let key):
            return "no node acknowledged the store of '\(key)'"
        case .invalidValue(let reason):
            return "invalid value: \(reason)"
        case .valueTooLarge(let datagramBytes, let limit):
            return "value too large: its STORE would be a \(datagramBytes)-byte datagram, over the \(limit)-byte UDP limit"
        case .invalidDuration(let text):
            return "invalid duration '\(text)': expected a number with ms, s, m or h, such as 10m"
        case .shutDown:
            return "the node was shut down before the operation finished"
        }
    }
}
