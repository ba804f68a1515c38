import Foundation

extension Scenario {
    /// Returns this scenario with fields replaced by dotted path, as given to `kadsim sweep --set PATH=VALUE`:
    /// `["network.loss": "0.02", "churn.session.mean": "1h", "seeds": "[1,2,3]"]`.
    ///
    /// A path is field names joined by `.`; a numeric segment (or `[n]`) picks an array element
    /// (`network.partitions.0.fraction`). Missing objects on the way are created. The value is read as JSON
    /// when it parses as JSON (`0.02`, `true`, `[1,2]`, `{"distribution": ...}`, `"quoted"`) and as a plain
    /// string otherwise (`1h`, `timestamped`); `null` removes the field, restoring its default.
    /// Overrides apply in sorted path order, then the whole scenario is validated exactly like a file, so an
    /// error names the field: `x.json: network.loss: expected a probability between 0 and 1, got 1.5`.
    public func applying(overrides: [String: String]) throws(ScenarioError) -> Scenario {
        var root = jsonValue
        for path in overrides.keys.sorted() {
            let segments = Self.segments(of: path)
            if segments.isEmpty || segments.contains(where: \.isEmpty) {
                throw ScenarioError(file: sourceFile, field: path, problem: "cannot override: expected a dotted field path like network.loss")
            }
            let text = overrides[path]!
            try ScenarioLoader.rejectDuplicateKeys(in: Data(text.utf8), fileName: sourceFile, path: path)
            let value = Self.overrideValue(text)
            try Self.set(value, at: segments[...], in: &root, walked: "", file: sourceFile)
        }
        return try ScenarioLoader.decode(root: root, fileName: sourceFile)
    }

    /// Parses `"path=value"` as given on a command line into a key and a value.
    public static func parseOverride(_ assignment: String) -> (path: String, value: String)? {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else { return nil }
        return (String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
    }

    static func segments(of path: String) -> [String] {
        let normalized = path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
        return normalized.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    static func overrideValue(_ text: String) -> JSONValue {
        if let parsed = try? JSONValue.parse(Data(text.utf8)) { return parsed }
        return .string(text)
    }

    private static func set(
        _ value: JSONValue, at segments: ArraySlice<String>, in node: inout JSONValue, walked: String, file: String
    ) throws(ScenarioError) {
        guard let head = segments.first else {
            node = value
            return
        }
        let rest = segments.dropFirst()
        switch node {
        case .object(var members):
            let here = walked.isEmpty ? head : "\(walked).\(head)"
            if rest.isEmpty, value == .null {
                members[head] = nil
            } else {
                var child = members[head] ?? .object([:])
                try set(value, at: rest, in: &child, walked: here, file: file)
                members[head] = child
            }
            node = .object(members)
        case .array(var items):
            let here = "\(walked)[\(head)]"
            guard let index = Int(head), items.indices.contains(index) else {
                throw ScenarioError(file: file, field: here, problem: "cannot override: \(walked) has \(items.count) elements")
            }
            if rest.isEmpty, value == .null {
                items.remove(at: index)
            } else {
                try set(value, at: rest, in: &items[index], walked: here, file: file)
            }
            node = .array(items)
        default:
            throw ScenarioError(file: file, field: walked, problem: "cannot override \(head) inside \(node.shortDescription)")
        }
    }
}
