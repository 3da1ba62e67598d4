import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore

/// Inputs the fuzzer (scripts/fuzz-readers) steers towards, kept as tests: hostile sizes,
/// nesting and truncation must give an error naming the file, never a crash or a huge allocation.
@Suite struct ReaderEdgeCaseTests {
    @Test func deeplyNestedJSONIsRejected() {
        let bytes = Array(String(repeating: "[", count: 200_000).utf8)
        #expect(throws: ManifestStore.ManifestError(path: "m.json", problem: "not valid JSON")) {
            _ = try ManifestStore.decode(bytes, path: "m.json")
        }
    }

    @Test func aHugePictureSizeWithoutDataHasNoFrames() throws {
        let dir = TestDirectory()
        dir.write("big.y4m", "YUV4MPEG2 W16384 H16384 F1:1 C420jpeg\nFRAME\n" + String(repeating: "x", count: 1000))
        let r = try Y4MReader(path: dir.file("big.y4m"))
        #expect(r.frameCount == 0)
        #expect(r.trailingBytes == 1006)
        #expect(throws: Y4MHeader.ParseError.self) { _ = try Y4MHeader(parsing: "YUV4MPEG2 W16385 H2") }
    }

    /// Every prefix of a valid video opens: whole frames counted, the rest reported as trailing.
    @Test func everyTruncationOfAVideoIsHandled() throws {
        let dir = TestDirectory()
        let path = dir.file("v.y4m")
        let w = try Y4MWriter(creating: path, header: Y4MHeader(width: 4, height: 2, framesPerSecond: 30, colour: .c420jpeg))
        for n in 0..<3 {
            try w.append(Frame(view: .side, sequence: UInt32(n), timestampNanoseconds: 0,
                               luma: .init(width: 4, height: 2, pixels: [UInt8](repeating: UInt8(n), count: 8))))
        }
        try w.close()
        let full = try #require(FileManager.default.contents(atPath: path))
        let headerLength = full.firstIndex(of: 10)! + 1
        for cut in 0...full.count {
            dir.write("c.y4m", bytes: Array(full.prefix(cut)))
            do {
                let r = try Y4MReader(path: dir.file("c.y4m"))
                #expect(cut >= headerLength)
                #expect(r.frameCount == (cut - headerLength) / (6 + 12))
                for n in 0..<r.frameCount { _ = try r.luma(at: n) }
            } catch {
                #expect(cut < headerLength, "cut at \(cut): \(error)")
                #expect("\(error)".hasPrefix(dir.file("c.y4m") + ": "))
            }
        }
    }

    /// Every prefix of a table opens with the rows that are whole, or fails naming the file.
    @Test func everyTruncationOfATableIsHandled() throws {
        let dir = TestDirectory()
        let text = Array("frame,time_s,a\n0,0.0,1\n1,0.1,\n2,0.2,3.5\n".utf8)
        for cut in 0...text.count {
            dir.write("t.csv", bytes: Array(text.prefix(cut)))
            do {
                let t = try FrameTable(path: dir.file("t.csv"), requiredColumns: ["a"])
                let rows = text.prefix(cut).filter { $0 == 10 }.count - 1
                #expect(t.rowCount == rows, "cut at \(cut)")
                for n in 0..<t.rowCount { #expect(try t.row(n)?.frame == n) }
            } catch {
                #expect("\(error)".hasPrefix(dir.file("t.csv") + ": "))
            }
        }
    }

    @Test func aVeryLongLineIsAnErrorNotAHang() throws {
        let dir = TestDirectory()
        dir.write("l.csv", "frame,a\n0," + String(repeating: "9", count: 200_000) + "\n")
        #expect(throws: CSVTable.FormatError.self) {
            _ = try FrameTable(path: dir.file("l.csv"), requiredColumns: ["a"])
        }
    }
}
