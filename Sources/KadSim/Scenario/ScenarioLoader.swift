import Foundation

/// Reads and validates scenario files. Every rejection is a `ScenarioError` whose description is one line naming
/// the file, the JSON field path and what was expected.
public enum ScenarioLoader {
    /// Loads the scenario at `path`. A relative `churn.trace` is resolved against the file's directory.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, field: nil, problem: "cannot read file")
        }
        return try decode(data: data, fileName: path)
    }

    /// Decodes scenario JSON. `fileName` is used in error messages and as the base for a relative `churn.trace`.
    public static func decode(data: Data, fileName: String) throws(ScenarioError) -> Scenario {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw ScenarioError(file: fileName, field: nil, problem: "not valid JSON (\(describe(error)))")
        }
        try rejectDuplicateKeys(in: data, fileName: fileName)
        return try decode(root: root, fileName: fileName)
    }

    static func decode(root: JSONValue, fileName: String) throws(ScenarioError) -> Scenario {
        let directory = (fileName as NSString).deletingLastPathComponent
        return try ScenarioDecoder(file: fileName, baseDirectory: directory).scenario(from: root)
    }

    /// A repeated key would silently lose one of its values, so it is an error naming the key and both lines.
    static func rejectDuplicateKeys(in data: Data, fileName: String, path: String = "") throws(ScenarioError) {
        guard let duplicate = DuplicateKeyScanner.firstDuplicate(in: data, prefix: path) else { return }
        throw ScenarioError(
            file: fileName, field: duplicate.path,
            problem: "duplicate key (lines \(duplicate.firstLine) and \(duplicate.repeatLine)): expected each key once per object")
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let debug = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return debug }
        return nsError.localizedDescription
    }
}
