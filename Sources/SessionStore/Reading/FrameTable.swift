import Synchronization

/// A per-frame session table (`frames.csv`, `markers.csv`, `angles.csv`) opened for random access
/// without reading it whole: the review's tables.
///
/// Row `n` of these tables is the line whose first field (`frame`) is `n`, rows in order. Opening
/// reads the header and the last complete line only, so open time and memory do not grow with
/// the recording; a row is found by interpolation (rows are nearly the same length) refined by
/// bisection on byte offsets, usually one `pread` of a cached 16 KiB block. A last line without its
/// newline (a write cut by a crash) is not a row.
public final class FrameTable: Sendable {
    public let path: String
    public let columns: [String]
    /// Complete rows: frames `0..<rowCount`.
    public let rowCount: Int
    private let file: FileInput
    /// Byte offset of the first data row and just after the last complete line.
    private let dataStart: Int
    private let dataEnd: Int
    private let blocks = Mutex(BlockCache())

    static let blockSize = 16 << 10
    static let maxLine = 64 << 10

    /// Recently read blocks of the file (a handful: review steps around one place at a time).
    struct BlockCache {
        var blocks: [Int: [UInt8]] = [:]
        var order: [Int] = []
    }

    /// Opens `path`; fails with a `CSVTable.FormatError` naming the file if it is not a table of
    /// this kind (missing columns, rows not numbered from 0).
    public init(path: String, requiredColumns: [String]) throws {
        self.path = path
        file = try FileInput(path: path)
        let head = try file.read(at: 0, count: min(file.size, FrameTable.maxLine))
        guard let nl = head.firstIndex(of: 10) else {
            throw CSVTable.FormatError(path: path, problem: file.size == 0 ? "empty table (no header row)"
                                       : "no complete header row")
        }
        guard let header = String(validating: head[0..<nl], as: UTF8.self) else {
            throw CSVTable.FormatError(path: path, problem: "not a text file")
        }
        columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for r in requiredColumns where !columns.contains(r) {
            throw CSVTable.FormatError(path: path, problem: "missing column '\(r)' (has: \(columns.joined(separator: ",")))")
        }
        guard columns.first == "frame" else {
            throw CSVTable.FormatError(path: path, problem: "first column is '\(columns.first ?? "")', expected 'frame'")
        }
        dataStart = nl + 1
        // The last complete line ends at the last newline of the file.
        let tailStart = max(dataStart, file.size - FrameTable.maxLine)
        let tail = try file.read(at: tailStart, count: file.size - tailStart)
        guard let lastNL = tail.lastIndex(of: 10) else {
            dataEnd = dataStart
            rowCount = 0
            return
        }
        dataEnd = tailStart + lastNL + 1
        let lineStart: Int
        if let before = tail[..<lastNL].lastIndex(of: 10) {
            lineStart = tailStart + before + 1
        } else if tailStart == dataStart {
            lineStart = dataStart
        } else {
            throw CSVTable.FormatError(path: path, problem: "last row is longer than \(FrameTable.maxLine) bytes")
        }
        guard let n = FrameTable.frameNumber(Array(tail[(lineStart - tailStart)..<lastNL])) else {
            throw CSVTable.FormatError(path: path, problem: "last row does not start with a frame number")
        }
        rowCount = n + 1
        guard let firstEnd = head[dataStart...].firstIndex(of: 10),
              FrameTable.frameNumber(Array(head[dataStart..<firstEnd])) == 0 else {
            throw CSVTable.FormatError(path: path, problem: "first row is not frame 0")
        }
    }

    /// The frame number at the start of a line, if it is one.
    static func frameNumber(_ line: [UInt8]) -> Int? {
        var v = 0
        var digits = 0
        for b in line {
            if b == 44 { break }
            guard b >= 48 && b <= 57, digits < 12 else { return nil }
            v = v * 10 + Int(b - 48)
            digits += 1
        }
        return digits > 0 ? v : nil
    }

    /// The fields of row `n`, or nil if the table has no such row.
    public func row(_ n: Int) throws -> Row? {
        guard n >= 0 && n < rowCount else { return nil }
        guard let line = try find(n) else {
            throw CSVTable.FormatError(path: path, problem: "frame \(n) is missing (rows out of order?)")
        }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw CSVTable.FormatError(path: path, problem: "frame \(n): row is not text")
        }
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == columns.count else {
            throw CSVTable.FormatError(path: path,
                                       problem: "frame \(n): row has \(fields.count) fields, the header has \(columns.count)")
        }
        return Row(table: self, frame: n, fields: fields)
    }

    /// The index of a column, if present.
    public func column(_ name: String) -> Int? { columns.firstIndex(of: name) }

    /// One row's fields, with conversions whose errors name the file, the frame and the column.
    public struct Row {
        let table: FrameTable
        public let frame: Int
        public let fields: [Substring]

        public func string(_ c: Int) -> Substring { fields[c] }

        /// The number in a field; nil when empty.
        public func double(_ c: Int) throws -> Double? {
            let s = fields[c]
            if s.isEmpty { return nil }
            guard let v = Double(s), v.isFinite else { throw problem(c, "'\(s)' is not a number") }
            return v
        }

        public func int(_ c: Int) throws -> Int {
            guard let v = Int(fields[c]) else { throw problem(c, "'\(fields[c])' is not an integer") }
            return v
        }

        public func uint64(_ c: Int) throws -> UInt64 {
            guard let v = UInt64(fields[c]) else { throw problem(c, "'\(fields[c])' is not an integer") }
            return v
        }

        func problem(_ c: Int, _ what: String) -> CSVTable.FormatError {
            CSVTable.FormatError(path: table.path, problem: "frame \(frame), column '\(table.columns[c])': \(what)")
        }
    }

    // MARK: - finding a row

    /// The bytes of row `n` (without its newline): interpolation first, then bisection.
    func find(_ n: Int) throws -> [UInt8]? {
        var lo = dataStart, hi = dataEnd
        let average = Double(dataEnd - dataStart) / Double(max(1, rowCount))
        var probe = dataStart + Int(Double(n) * average)
        var first = true
        while lo < hi {
            let p = first ? min(max(probe, lo), hi - 1) : lo + (hi - lo) / 2
            first = false
            guard let start = try lineStart(atOrAfter: p, limit: hi) else {
                if p == lo { return nil }
                hi = p
                continue
            }
            let line = try lineBytes(from: start)
            guard let k = FrameTable.frameNumber(line) else {
                throw CSVTable.FormatError(path: path, problem: "row at byte \(start) does not start with a frame number")
            }
            if k == n { return line }
            if k < n {
                lo = start + line.count + 1
                // Rows of equal length: jump straight to the estimate from here.
                probe = lo + Int(Double(n - k - 1) * average)
                first = true
            } else {
                hi = start
            }
        }
        return nil
    }

    /// The first line start at or after `p` and before `limit`, if any.
    func lineStart(atOrAfter p: Int, limit: Int) throws -> Int? {
        if p <= dataStart { return dataStart < limit ? dataStart : nil }
        var pos = p - 1
        while pos < limit {
            let (base, block) = try self.block(containing: pos)
            let from = pos - base
            if let i = block[from...].firstIndex(of: 10) {
                let s = base + i + 1
                return s < limit ? s : nil
            }
            pos = base + block.count
            if pos - p > FrameTable.maxLine || block.isEmpty { return nil }
        }
        return nil
    }

    /// The line starting at `start`, up to (not including) its newline.
    func lineBytes(from start: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        var pos = start
        while pos < dataEnd {
            let (base, block) = try self.block(containing: pos)
            let from = pos - base
            if let i = block[from...].firstIndex(of: 10) {
                out.append(contentsOf: block[from..<i])
                return out
            }
            out.append(contentsOf: block[from...])
            pos = base + block.count
            if out.count > FrameTable.maxLine || block.isEmpty { break }
        }
        throw CSVTable.FormatError(path: path, problem: "row at byte \(start) has no end")
    }

    /// The cached block holding byte `p`.
    func block(containing p: Int) throws -> (Int, [UInt8]) {
        let base = p / FrameTable.blockSize * FrameTable.blockSize
        if let b = blocks.withLock({ $0.blocks[base] }) { return (base, b) }
        let bytes = try file.read(at: base, count: min(FrameTable.blockSize, dataEnd - base))
        blocks.withLock { c in
            c.blocks[base] = bytes
            c.order.append(base)
            if c.order.count > 8 { c.blocks[c.order.removeFirst()] = nil }
        }
        return (base, bytes)
    }

    /// Reads every complete row in order, a block at a time (constant memory): for statistics and
    /// exports over a whole table. Stops early when `body` returns false.
    public func forEachRow(_ body: (Row) throws -> Bool) throws {
        var expected = 0
        try forEachLine { line in
            guard let text = String(validating: line, as: UTF8.self) else {
                throw CSVTable.FormatError(path: path, problem: "frame \(expected): row is not text")
            }
            let fields = text.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns.count, FrameTable.frameNumber(Array(line)) == expected else {
                throw CSVTable.FormatError(path: path, problem: fields.count == columns.count
                    ? "line \(expected + 2): expected frame \(expected), found '\(fields[0])'"
                    : "line \(expected + 2) (frame \(expected)) has \(fields.count) fields, the header has \(columns.count)")
            }
            guard try body(Row(table: self, frame: expected, fields: fields)) else { return false }
            expected += 1
            return true
        }
    }

    /// Every complete data line (without its newline), read a block at a time in constant memory;
    /// stops early when `body` returns false. A last line without its newline (a recording cut
    /// short) is not a complete line.
    func forEachLine(_ body: (ArraySlice<UInt8>) throws -> Bool) throws {
        var pending: [UInt8] = []
        var pos = dataStart
        let chunk = 256 << 10
        while pos < dataEnd {
            let bytes = try file.read(at: pos, count: min(chunk, dataEnd - pos))
            if bytes.isEmpty { break }
            pos += bytes.count
            var lineStart = 0
            while let nl = bytes[lineStart...].firstIndex(of: 10) {
                let more: Bool
                if pending.isEmpty {
                    more = try body(bytes[lineStart..<nl])
                } else {
                    pending.append(contentsOf: bytes[lineStart..<nl])
                    more = try body(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                if !more { return }
                lineStart = nl + 1
            }
            pending.append(contentsOf: bytes[lineStart...])
        }
    }

    /// The numbers in `wanted` columns of every complete row below `limit`, in order, a block at a
    /// time and without building strings (about ten times faster than `forEachRow`): for
    /// whole-table statistics. An empty field is nil; other text is an error naming the line.
    public func forEachNumbers(columns wanted: [Int], limit: Int, _ body: ([Double?]) -> Void) throws {
        var slot = [Int](repeating: -1, count: columns.count)
        for (i, c) in wanted.enumerated() where c < columns.count { slot[c] = i }
        var values = [Double?](repeating: nil, count: wanted.count)
        var expected = 0
        func parse(_ line: ArraySlice<UInt8>) throws -> Bool {
            guard expected < limit else { return false }
            var field = 0, start = line.startIndex, frame = 0
            var i = line.startIndex
            while true {
                let atEnd = i == line.endIndex
                if atEnd || line[i] == 44 {
                    let bytes = line[start..<i]
                    if field == 0 {
                        guard let n = FrameTable.frameNumber(Array(bytes)) else { frame = -1; break }
                        frame = n
                    } else if field < slot.count, slot[field] >= 0 {
                        guard let v = FrameTable.number(bytes) else {
                            throw CSVTable.FormatError(path: path, problem: "line \(expected + 2), column '\(columns[field])': "
                                                       + "'\(String(decoding: bytes, as: UTF8.self))' is not a number")
                        }
                        values[slot[field]] = v
                    }
                    field += 1
                    start = i + 1
                    if atEnd { break }
                }
                i += 1
            }
            guard field == columns.count, frame == expected else {
                throw CSVTable.FormatError(path: path, problem: field == columns.count
                    ? "line \(expected + 2): expected frame \(expected)"
                    : "line \(expected + 2) (frame \(expected)) has \(field) fields, the header has \(columns.count)")
            }
            body(values)
            expected += 1
            return true
        }
        try forEachLine(parse)
    }

    /// A plain decimal ("-12.34") parsed directly; anything else through `Double(String)`; empty
    /// is `.some(nil)`; not a number is nil.
    static func number(_ b: ArraySlice<UInt8>) -> Double?? {
        if b.isEmpty { return .some(nil) }
        var i = b.startIndex
        var negative = false
        if b[i] == 45 { negative = true; i += 1 }
        var mantissa: Int64 = 0, scale = 1.0, digits = 0, seenDot = false
        while i < b.endIndex {
            let c = b[i]
            if c >= 48 && c <= 57 {
                guard digits < 17 else { break }
                mantissa = mantissa * 10 + Int64(c - 48)
                digits += 1
                if seenDot { scale *= 10 }
            } else if c == 46 && !seenDot {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        if i == b.endIndex && digits > 0 {
            let v = Double(mantissa) / scale
            return .some(negative ? -v : v)
        }
        guard let v = Double(String(decoding: b, as: UTF8.self)), v.isFinite else { return nil }
        return .some(v)
    }
}
