import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore

@Suite struct Y4MTests {
    func frame(_ n: Int, width: Int = 8, height: Int = 6, chroma: Bool = false) -> Frame {
        let luma = LumaImage(width: width, height: height, pixels: (0..<(width * height)).map { UInt8(($0 + n * 7) % 256) })
        let c = ((width + 1) / 2) * ((height + 1) / 2)
        return Frame(view: .side, sequence: UInt32(n), timestampNanoseconds: UInt64(n) * 8_333_333, luma: luma,
                     chroma: chroma ? ChromaPlanes(cb: [UInt8](repeating: UInt8(n), count: c),
                                                   cr: [UInt8](repeating: 200, count: c)) : nil)
    }

    @Test func headerRoundTrip() throws {
        let h = Y4MHeader(width: 640, height: 480, framesPerSecond: 119.88, colour: .mono, comments: ["GAITLIVE_VIEW=side"])
        #expect(h.rateNumerator == 120_000 && h.rateDenominator == 1001)
        let parsed = try Y4MHeader(parsing: String(h.line.dropLast()))
        #expect(parsed == h)
        #expect(Y4MHeader(width: 640, height: 480, framesPerSecond: 120, colour: .mono).line
                == "YUV4MPEG2 W640 H480 F120:1 Ip A1:1 Cmono\n")
    }

    @Test(arguments: [
        ("YUV4MPEG W640 H480", "not a YUV4MPEG2 file"),
        ("YUV4MPEG2 H480 F30:1", "no width"),
        ("YUV4MPEG2 W640 H480 F30:0", "invalid Y4M frame rate"),
        ("YUV4MPEG2 W640 H480 C444", "unsupported Y4M colour space C444"),
        ("YUV4MPEG2 W640 H480 It", "unsupported Y4M interlacing"),
        ("YUV4MPEG2 W-5 H480", "invalid Y4M width"),
    ])
    func badHeadersAreNamed(line: String, expected: String) {
        #expect {
            _ = try Y4MHeader(parsing: line)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test(arguments: [false, true])
    func writtenFramesReadBackExactly(colour: Bool) throws {
        let dir = TestDirectory()
        let path = dir.file("v.y4m")
        let header = Y4MHeader(width: 8, height: 6, framesPerSecond: 120, colour: colour ? .c420jpeg : .mono)
        let w = try Y4MWriter(creating: path, header: header)
        for n in 0..<5 { try w.append(frame(n, chroma: colour)) }
        try w.close()
        #expect(dir.mode("v.y4m") == 0o600)
        let r = try Y4MReader(path: path)
        #expect(r.frameCount == 5)
        #expect(r.trailingBytes == 0)
        for n in [4, 0, 2] {
            #expect(try r.luma(at: n).pixels == frame(n).luma.pixels)
            if colour {
                let f = try r.frame(at: n, view: .side, sequence: 0, timestampNanoseconds: 0)
                #expect(f.chroma?.cb.first == UInt8(n))
            }
        }
    }

    @Test func aTruncatedLastFrameIsNotCounted() throws {
        let dir = TestDirectory()
        let path = dir.file("v.y4m")
        let w = try Y4MWriter(creating: path, header: Y4MHeader(width: 8, height: 6, framesPerSecond: 30, colour: .mono))
        for n in 0..<3 { try w.append(frame(n)) }
        try w.close()
        // Cut the file in the middle of the third frame, as a crash would.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count - 20).write(to: URL(fileURLWithPath: path))
        let r = try Y4MReader(path: path)
        #expect(r.frameCount == 2)
        #expect(r.trailingBytes > 0)
        #expect(try r.luma(at: 1).pixels == frame(1).luma.pixels)
    }

    @Test func framesWithParametersAreIndexedByScanning() throws {
        let dir = TestDirectory()
        var bytes = Array("YUV4MPEG2 W4 H2 F25:1 Cmono\n".utf8)
        for n in 0..<3 {
            bytes += Array("FRAME Ixyz\n".utf8) + [UInt8](repeating: UInt8(n + 1), count: 8)
        }
        dir.write("p.y4m", bytes: bytes)
        let r = try Y4MReader(path: dir.file("p.y4m"))
        #expect(r.frameCount == 3)
        #expect(try r.luma(at: 2).pixels == [UInt8](repeating: 3, count: 8))
    }

    @Test func garbageIsRejectedWithTheFileName() {
        let dir = TestDirectory()
        dir.write("g.y4m", "this is not a video\n")
        #expect {
            _ = try Y4MReader(path: dir.file("g.y4m"))
        } throws: { error in
            "\(error)".hasPrefix(dir.file("g.y4m") + ": not a YUV4MPEG2 file")
        }
        #expect {
            _ = try Y4MReader(path: dir.file("missing.y4m"))
        } throws: { error in
            "\(error)" == dir.file("missing.y4m") + ": cannot open: No such file or directory"
        }
    }

    @Test func neverOverwritesAnExistingFile() throws {
        let dir = TestDirectory()
        dir.write("v.y4m", "precious")
        #expect(throws: SystemError.self) {
            _ = try Y4MWriter(creating: dir.file("v.y4m"), header: Y4MHeader(width: 8, height: 6, framesPerSecond: 30, colour: .mono))
        }
        #expect(try String(contentsOfFile: dir.file("v.y4m"), encoding: .utf8) == "precious")
    }
}
