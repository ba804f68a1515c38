import FuzzerDriver
import Glibc
import KademliaWire

/// One fuzz input is one datagram. Decoding must never crash, hang or allocate without bound, and whatever
/// decodes must survive a round trip: its encoding decodes again, to a message with the same encoding and the
/// size `encodedSize` predicts. (Encodings are compared rather than messages, since a NaN value is not equal to itself.)
func fuzzOneDatagram(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let datagram = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? WireCodec.decode(datagram) else { return 0 }
    let encoded = WireCodec.encode(message)
    precondition(WireCodec.encodedSize(of: message) == encoded.count, "encodedSize disagrees with encode")
    guard let again = try? WireCodec.decode(encoded) else { preconditionFailure("a decoded message's encoding does not decode") }
    precondition(WireCodec.encode(again) == encoded, "a decoded message's encoding decodes to another message")
    return 0
}

exit(run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv) { fuzzOneDatagram($0, $1) })
