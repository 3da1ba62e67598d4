import Foundation
import MarkerTracker
import RunnerSimulation
import Testing
@testable import CaptureKit
@testable import SessionStore

/// MatroskaWriter and MatroskaReader: session video v2 as players and gaitlive read it.
@Suite struct MatroskaTests {
    /// `count` frames of the simulated runner, encoded as JPEG.
    static func pictures(_ count: Int, width: Int = 320, height: Int = 240, quality: Int = 85) throws -> [(Frame, [UInt8])] {
        let runner = SimulatedRunner(seed: 5, clockOrigin: 1_000_000_000)
        let cam = SimulatedCamera(runner: runner, view: .side, width: width, height: height, pacing: .unpaced)
        let encoder = try JPEGEncoder(quality: quality)
        return try (0..<count).map { n in
            let f = cam.render(index: UInt64(n), time: Double(n) / 120)
            return (f, try encoder.encode(f))
        }
    }

    static func write(_ path: String, _ pictures: [(Frame, [UInt8])]) throws -> [MatroskaWriter.Location] {
        let f = pictures[0].0
        let w = try MatroskaWriter(creating: path, track: .init(width: f.width, height: f.height, framesPerSecond: 120,
                                                                 name: "side"))
        let locations = try pictures.map { try w.append(jpeg: $0.1, timestampNanoseconds: $0.0.timestampNanoseconds) }
        try w.close()
        return locations
    }

    @Test func ebmlSizesAreShortestAndNeverAllOnes() {
        #expect(EBMLBytes.size(0) == [0x80])
        #expect(EBMLBytes.size(126) == [0xFE])
        #expect(EBMLBytes.size(127) == [0x40, 0x7F])   // 0xFF alone would mean "unknown"
        #expect(EBMLBytes.size(16382) == [0x7F, 0xFE])
        #expect(EBMLBytes.size(16383) == [0x20, 0x3F, 0xFF])
    }

    @Test func writtenPicturesAreFoundWhereTheWriterSaid() throws {
        let dir = TestDirectory()
        let pics = try MatroskaTests.pictures(30)
        let locations = try MatroskaTests.write(dir.file("side.mkv"), pics)
        #expect(dir.mode("side.mkv") == 0o600)
        let r = try MatroskaReader(path: dir.file("side.mkv"))
        #expect(r.track.codecID == "V_MJPEG" && r.track.width == 320 && r.track.height == 240)
        #expect(r.track.framesPerSecond == 120)
        #expect(MatroskaReader.rate(frameDurationNanoseconds: 8_341_667) == 120_000.0 / 1001)
        #expect(MatroskaReader.rate(frameDurationNanoseconds: 10_000_000) == 100)
        #expect(MatroskaReader.rate(frameDurationNanoseconds: 7_000_000) == 1e9 / 7_000_000)
        let scan = try r.scan()
        #expect(scan.trailingBytes == 0)
        #expect(scan.blocks.map { MatroskaWriter.Location(offset: $0.offset, bytes: $0.bytes) } == locations)
        let file = try FileInput(path: dir.file("side.mkv"))
        for (n, loc) in locations.enumerated() {
            #expect(try file.read(at: loc.offset, count: loc.bytes) == pics[n].1)
            // Block times are microseconds from the first picture.
            let expected = Int64((pics[n].0.timestampNanoseconds - pics[0].0.timestampNanoseconds) / 1000 * 1000)
            #expect(scan.blocks[n].timestampNanoseconds == expected)
        }
    }

    @Test func ffmpegReadsAndDecodesEveryFrame() throws {
        let dir = TestDirectory()
        _ = try MatroskaTests.write(dir.file("side.mkv"), try MatroskaTests.pictures(40))
        let p = try FFmpegCheck.probe(dir.file("side.mkv"))
        #expect(p.codec == "mjpeg" && p.width == 320 && p.height == 240 && p.frames == 40)
        #expect(try FFmpegCheck.decodeErrors(dir.file("side.mkv")) == "")
    }

    @Test func aFileCutByACrashKeepsEveryWholePicture() throws {
        let dir = TestDirectory()
        let locations = try MatroskaTests.write(dir.file("side.mkv"), try MatroskaTests.pictures(20))
        let bytes = try FileInput(path: dir.file("side.mkv")).read(at: 0, count: locations[19].offset + 100)
        dir.write("cut.mkv", bytes: bytes)
        let scan = try MatroskaReader(path: dir.file("cut.mkv")).scan()
        #expect(scan.blocks.count == 19)
        #expect(scan.trailingBytes > 100)
        // Players read the whole pictures of the cut file too.
        #expect(try FFmpegCheck.probe(dir.file("cut.mkv")).frames >= 19)
    }

    @Test func ffmpegsOwnMatroskaIsRead() throws {
        let dir = TestDirectory()
        guard FFmpegCheck.output("ffmpeg -nostdin -v error -f lavfi -i testsrc=size=160x120:rate=30 -frames:v 12 "
                                 + "-c:v mjpeg -f matroska '\(dir.file("ff.mkv"))'") != nil else {
            Issue.record("ffmpeg could not write a test video")
            return
        }
        let r = try MatroskaReader(path: dir.file("ff.mkv"))
        #expect(r.track.width == 160 && r.track.height == 120 && r.track.codecID == "V_MJPEG")
        let scan = try r.scan()
        #expect(scan.blocks.count == 12)
        let d = try JPEGDecoder()
        let file = try FileInput(path: dir.file("ff.mkv"))
        for b in scan.blocks { #expect(try d.luma(try file.read(at: b.offset, count: b.bytes)).width == 160) }
    }

    @Test(arguments: [
        ([UInt8](), "not a Matroska file"),
        (Array("YUV4MPEG2 W1 H1\n".utf8), "not a Matroska file"),
        ([0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x82, 0x81, 0x78], "is not Matroska"),
    ])
    func foreignFilesAreNamed(bytes: [UInt8], expected: String) {
        let dir = TestDirectory()
        dir.write("x.mkv", bytes: bytes)
        #expect {
            _ = try MatroskaReader(path: dir.file("x.mkv")).scan()
        } throws: { "\($0)".contains(expected) && "\($0)".contains("x.mkv") }
    }

    @Test func everyCutAndFlippedByteIsAnErrorOrAShorterScanNeverACrash() throws {
        let dir = TestDirectory()
        let locations = try MatroskaTests.write(dir.file("side.mkv"), try MatroskaTests.pictures(3, width: 64, height: 48))
        let whole = try FileInput(path: dir.file("side.mkv")).read(at: 0, count: locations[2].offset + locations[2].bytes)
        var readable = 0
        for cut in stride(from: 0, to: whole.count, by: 7) {
            dir.write("c.mkv", bytes: Array(whole.prefix(cut)))
            if let scan = try? MatroskaReader(path: dir.file("c.mkv")).scan() {
                #expect(scan.blocks.count <= 3)
                readable += 1
            }
        }
        for i in stride(from: 0, to: min(whole.count, 400), by: 3) {
            var b = whole
            b[i] ^= 0xA5
            dir.write("f.mkv", bytes: b)
            _ = try? MatroskaReader(path: dir.file("f.mkv")).scan()
        }
        #expect(readable > 0)
    }
}
