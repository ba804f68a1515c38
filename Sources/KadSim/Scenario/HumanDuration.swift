import KademliaCore

/// Durations written for people: one or more `<number><unit>` groups with units `d`, `h`, `m`, `s`, `ms`, `us`,
/// largest unit first and each unit at most once: `"250ms"`, `"5s"`, `"24h"`, `"7d"`, `"1h30m"`, `"0s"`. A number
/// may have decimals (`"2.5s"`, `"0.25h"`) as long as the whole comes to a whole number of microseconds, so a
/// scenario scaled down by hand ("5s/12") can be written as it is meant (`"0.416667s"`). No signs, spaces,
/// exponents or bare numbers.
public enum HumanDuration {
    /// The units in the order they must appear, with their length in microseconds.
    public static let units: [(name: String, length: Microseconds)] = [
        ("d", Time.day), ("h", Time.hour), ("m", Time.minute), ("s", Time.second),
        ("ms", Time.millisecond), ("us", 1),
    ]

    /// Parses `text`, or returns nil if it is not a well-formed duration (or does not fit in `Int64` microseconds).
    public static func parse(_ text: String) -> Microseconds? {
        let bytes = Array(text.utf8)
        var index = 0
        var total: Microseconds = 0
        var lastUnitRank = -1
        guard !bytes.isEmpty else { return nil }
        while index < bytes.count {
            var number: Microseconds = 0
            let digitsStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let (times10, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times10.addingReportingOverflow(Microseconds(bytes[index] - UInt8(ascii: "0")))
                if overflow1 || overflow2 { return nil }
                number = next
                index += 1
            }
            guard index > digitsStart, index - digitsStart <= 19 else { return nil }
            // Decimals: `fraction` over `scale` (10^digits), kept exact in integers.
            var fraction: Microseconds = 0
            var scale: Microseconds = 1
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    guard index - fractionStart < 18 else { return nil }
                    fraction = fraction * 10 + Microseconds(bytes[index] - UInt8(ascii: "0"))
                    scale *= 10
                    index += 1
                }
                guard index > fractionStart else { return nil }
            }
            let unitStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "a"), bytes[index] <= UInt8(ascii: "z") {
                index += 1
            }
            let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let rank = units.firstIndex(where: { $0.name == unit }), rank > lastUnitRank else { return nil }
            lastUnitRank = rank
            let (scaled, overflow3) = number.multipliedReportingOverflow(by: units[rank].length)
            let (fractionScaled, overflow4) = fraction.multipliedReportingOverflow(by: units[rank].length)
            guard !overflow3, !overflow4, fractionScaled % scale == 0 else { return nil }
            let (whole, overflow5) = scaled.addingReportingOverflow(fractionScaled / scale)
            let (sum, overflow6) = total.addingReportingOverflow(whole)
            if overflow5 || overflow6 { return nil }
            total = sum
        }
        return total
    }

    /// Renders `value` in the same notation, largest units first: `5_400_000_000` → `"1h30m"`, `0` → `"0s"`.
    /// `parse(format(x)) == x` for every `x >= 0`.
    public static func format(_ value: Microseconds) -> String {
        precondition(value >= 0, "durations are never negative")
        if value == 0 { return "0s" }
        var rest = value
        var text = ""
        for unit in units where rest >= unit.length {
            text += "\(rest / unit.length)\(unit.name)"
            rest %= unit.length
        }
        return text
    }
}
