/// A CSV table read back from a session: a header row and string fields, addressed by column name.
///
/// Reads gaitlive's own tables (no quoting). Every problem is reported with the file and line.
public struct CSVTable: Sendable {
    public let path: String
    public let columns: [String]
    public let rows: [[Substring]]
    private let index: [String: Int]

    /// A table that cannot be used; `description` names the file and the problem.
    public struct FormatError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
        public init(path: String, problem: String) {
            self.path = path
            self.problem = problem
        }
    }

    /// Parses `text` (the file's content) read from `path`. A last line without a newline (a
    /// write cut short) is ignored, as are blank lines.
    public init(path: String, text: String, requiredColumns: [String] = []) throws(FormatError) {
        self.path = path
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let last = lines.last, !text.hasSuffix("\n") || last.isEmpty { lines.removeLast() }
        guard let head = lines.first else { throw FormatError(path: path, problem: "empty table (no header row)") }
        columns = head.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var idx: [String: Int] = [:]
        for (i, c) in columns.enumerated() { idx[c] = i }
        index = idx
        for r in requiredColumns where idx[r] == nil {
            throw FormatError(path: path, problem: "missing column '\(r)' (has: \(columns.joined(separator: ",")))")
        }
        var parsed: [[Substring]] = []
        parsed.reserveCapacity(lines.count)
        for (n, line) in lines.dropFirst().enumerated() where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns.count else {
                throw FormatError(path: path,
                                  problem: "line \(n + 2) has \(fields.count) fields, the header has \(columns.count)")
            }
            parsed.append(fields)
        }
        rows = parsed
    }

    public func column(_ name: String) -> Int? { index[name] }

    public func string(_ row: Int, _ column: Int) -> Substring { rows[row][column] }

    /// The number in a cell; nil for an empty field. Throws for text that is not a number.
    public func double(_ row: Int, _ column: Int) throws(FormatError) -> Double? {
        let s = rows[row][column]
        if s.isEmpty { return nil }
        guard let v = Double(s) else {
            throw FormatError(path: path, problem: "line \(row + 2), column '\(columns[column])': '\(s)' is not a number")
        }
        return v
    }

    public func int(_ row: Int, _ column: Int) throws(FormatError) -> Int {
        let s = rows[row][column]
        guard let v = Int(s) else {
            throw FormatError(path: path, problem: "line \(row + 2), column '\(columns[column])': '\(s)' is not an integer")
        }
        return v
    }
}
