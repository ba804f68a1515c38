import KademliaCore

/// The label a sweep gives each run (`runs.variant`): the variant, then the row's assignments in path order,
/// e.g. `signed d=3 q=2 adversary.fraction=0.2`. `kadsim report` reads sweeps back from it.
public enum SweepLabel {
    public static func text(row: [String: String], variant: SweepVariant) -> String {
        ([variant.description] + row.keys.sorted().map { "\($0)=\(row[$0]!)" }).joined(separator: " ")
    }

    /// The variant and row of a label written by `text`; nil for anything else (an empty label, an unknown store).
    public static func parse(_ label: String) -> (variant: SweepVariant, row: [String: String])? {
        var words = label.split(separator: " ").map(String.init)
        guard !words.isEmpty, let store = StoreMode(rawValue: words.removeFirst()) else { return nil }
        var variant = SweepVariant(store: store)
        if words.count >= 2, words[0].hasPrefix("d="), words[1].hasPrefix("q="),
           let paths = Int(words[0].dropFirst(2)), let quorum = Int(words[1].dropFirst(2)) {
            variant.disjointPaths = paths
            variant.quorum = quorum
            words.removeFirst(2)
        }
        var row: [String: String] = [:]
        for word in words {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return nil }
            row[String(word[..<equals])] = String(word[word.index(after: equals)...])
        }
        return (variant, row)
    }
}
