/// Fragments of ids and anchors in a report page.
enum ReportIdentifier {
    /// `messagesPerNodePerSecond` → `messages-per-node-per-second`; anything but letters and digits becomes `-`.
    static func slug(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isUppercase {
                result += "-" + character.lowercased()
            } else if character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.hasSuffix("-") {
                result += "-"
            }
        }
        return result
    }
}
