/// A plain-text table: columns separated by two spaces, the first column left-aligned (labels) and all others
/// right-aligned (numbers), a dashed rule under the header. Widths count Unicode characters.
public struct TextTable: Sendable, Hashable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// The table as lines joined by "\n", with a trailing newline. Short rows are padded with empty cells.
    public func render() -> String {
        let columnCount = ([header] + rows).map(\.count).max() ?? 0
        guard columnCount > 0 else { return "" }
        func cell(_ row: [String], _ column: Int) -> String { column < row.count ? row[column] : "" }
        let widths = (0..<columnCount).map { column in
            ([header] + rows).map { cell($0, column).count }.max() ?? 0
        }
        func line(_ row: [String]) -> String {
            (0..<columnCount).map { column -> String in
                let text = cell(row, column)
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return column == 0 ? text + padding : padding + text
            }.joined(separator: "  ").trailingSpacesRemoved()
        }
        var lines = [line(header)]
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func trailingSpacesRemoved() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
