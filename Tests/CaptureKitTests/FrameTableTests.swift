import Foundation
import Testing
@testable import SessionStore

@Suite struct FrameTableTests {
    /// Rows of uneven length (frame numbers gain digits, some fields empty) so that interpolation
    /// alone misses and bisection has to finish the search.
    func table(rows: Int, partialTail: String = "") -> String {
        var s = "frame,time_s,note\n"
        for n in 0..<rows {
            let note = n % 7 == 0 ? "" : String(repeating: "x", count: (n * 13) % 40)
            s += "\(n),\(Double(n) / 120),\(note)\n"
        }
        return s + partialTail
    }

    @Test func everyRowIsFoundWithoutReadingTheTableWhole() throws {
        let dir = TestDirectory()
        dir.write("t.csv", table(rows: 5000, partialTail: "5000,41.6"))
        let t = try FrameTable(path: dir.file("t.csv"), requiredColumns: ["frame", "time_s"])
        #expect(t.rowCount == 5000) // the unfinished last line is not a row
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 9, 10, 99, 100, 4998, 4999] + (0..<300).map({ _ in Int.random(in: 0..<5000, using: &rng) }) {
            let r = try #require(try t.row(n))
            #expect(r.frame == n)
            #expect(try r.int(0) == n)
            #expect(try r.double(1) == Double(n) / 120)
        }
        #expect(try t.row(5000) == nil)
        #expect(try t.row(-1) == nil)
        var seen = 0
        try t.forEachRow { r in
            #expect(r.frame == seen)
            seen += 1
            return true
        }
        #expect(seen == 5000)
    }

    @Test func anEmptyTableHasNoRows() throws {
        let dir = TestDirectory()
        dir.write("h.csv", "frame,a\n")
        #expect(try FrameTable(path: dir.file("h.csv"), requiredColumns: ["a"]).rowCount == 0)
        dir.write("p.csv", "frame,a\n0,1")
        #expect(try FrameTable(path: dir.file("p.csv"), requiredColumns: ["a"]).rowCount == 0)
    }

    @Test(arguments: [
        ("", "empty table (no header row)"),
        ("frame,a", "no complete header row"),
        ("frame,b\n0,1\n", "missing column 'a' (has: frame,b)"),
        ("a,frame\n0,1\n", "first column is 'a', expected 'frame'"),
        ("frame,a\n1,1\n2,2\n", "first row is not frame 0"),
        ("frame,a\n0,1\nx,2\n", "last row does not start with a frame number"),
    ])
    func badTablesAreNamed(text: String, problem: String) {
        let dir = TestDirectory()
        dir.write("bad.csv", text)
        #expect(throws: CSVTable.FormatError(path: dir.file("bad.csv"), problem: problem)) {
            _ = try FrameTable(path: dir.file("bad.csv"), requiredColumns: ["a"])
        }
    }

    @Test func aBadRowIsReportedWhenRead() throws {
        let dir = TestDirectory()
        dir.write("r.csv", "frame,a\n0,1\n1,2,3\n2,zz\n3,4\n")
        let t = try FrameTable(path: dir.file("r.csv"), requiredColumns: ["a"])
        #expect(t.rowCount == 4)
        #expect(try t.row(0)?.double(1) == 1)
        #expect(throws: CSVTable.FormatError(path: dir.file("r.csv"), problem: "frame 1: row has 3 fields, the header has 2")) {
            _ = try t.row(1)
        }
        #expect(throws: CSVTable.FormatError(path: dir.file("r.csv"), problem: "frame 2, column 'a': 'zz' is not a number")) {
            _ = try t.row(2)?.double(1)
        }
    }

    @Test func numbersAreReadLikeDoubleParsing() throws {
        let dir = TestDirectory()
        let fields = ["12.34", "-0.5", "", "7", "1e3", "-123456.789012", "0.000001", "99999999999999999999"]
        dir.write("n.csv", "frame,a,b\n" + fields.enumerated().map { "\($0.offset),\($0.element),x" }.joined(separator: "\n") + "\n")
        let t = try FrameTable(path: dir.file("n.csv"), requiredColumns: ["a"])
        var got: [Double?] = []
        try t.forEachNumbers(columns: [1], limit: 100) { got.append($0[0]) }
        #expect(got == fields.map { $0.isEmpty ? nil : Double($0) })
        var first: [Double?] = []
        try t.forEachNumbers(columns: [1], limit: 2) { first.append($0[0]) }
        #expect(first == [12.34, -0.5])
        #expect(throws: CSVTable.FormatError(path: dir.file("n.csv"), problem: "line 2, column 'b': 'x' is not a number")) {
            try t.forEachNumbers(columns: [2], limit: 100) { _ in }
        }
    }
}
