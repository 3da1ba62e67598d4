import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import RunnerSimulation
@testable import OfflineAnalysis

/// Frames of every size through every writer and reader of the session files, on both sides of
/// every buffer size the code uses (`FileOutput`'s 1 MiB buffer and its 512 KiB direct writes,
/// `FrameTable`'s 16 KiB blocks), and the repair of the videos the large-frame bug left out of order.
@Suite struct LargeFrameTests {
    /// Sizes around the thresholds: luma just under, at and over 512 KiB (1024x511, 1024x512,
    /// 724x724 / 725x724), 4:2:0 frames just under and over 1 MiB (1024x682 / 1024x683), the
    /// common camera sizes, and odd ones.
    static let sizes: [(Int, Int)] = [
        (64, 48), (65, 49), (640, 480), (704, 576), (896, 512), (1024, 511), (1024, 512), (724, 724), (725, 724),
        (1024, 682), (1024, 683), (1280, 720), (720, 1280), (1920, 1080),
    ]

    static func picture(_ w: Int, _ h: Int, seed: UInt64) -> (LumaImage, ChromaPlanes) {
        var rng = SplitMix64(seed: seed)
        func noise(_ count: Int) -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: count) { buffer, n in
                var i = 0
                while i < count {
                    var word = rng.next()
                    for _ in 0..<8 where i < count {
                        buffer[i] = UInt8(truncatingIfNeeded: word)
                        word >>= 8
                        i += 1
                    }
                }
                n = count
            }
        }
        let c = ((w + 1) / 2) * ((h + 1) / 2)
        return (LumaImage(width: w, height: h, pixels: noise(w * h)), ChromaPlanes(cb: noise(c), cr: noise(c)))
    }

    /// The same picture in rows `padding` bytes longer than the width, as V4L2 hands them over
    /// when `bytesperline` exceeds the width.
    static func strided(_ image: LumaImage, padding: Int) -> LumaImage {
        let stride = image.width + padding
        var px = [UInt8](repeating: 0xEE, count: stride * image.height)
        for y in 0..<image.height {
            px.replaceSubrange((y * stride)..<(y * stride + image.width), with: image.pixels[(y * image.width)..<((y + 1) * image.width)])
        }
        return LumaImage(width: image.width, height: image.height, stride: stride, pixels: px)
    }

    /// Writes of every size around the buffer's limits, through both entry points, land in the
    /// file in the order they were made.
    @Test(arguments: [64, 1 << 20])
    func fileOutputKeepsTheOrder(bufferLimit: Int) throws {
        let dir = TestDirectory()
        let out = try FileOutput(creating: dir.file("f"), bufferLimit: bufferLimit)
        let half = bufferLimit / 2
        let sizes = [1, 6, half - 1, half, half + 1, bufferLimit - 1, bufferLimit, bufferLimit + 1, 7, half, 3, bufferLimit * 2]
        var rng = SplitMix64(seed: 11)
        var expected: [UInt8] = []
        for round in 0..<3 {
            var order = sizes
            for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
            for (i, size) in order.enumerated() {
                let block = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i &+ round) }
                if (i + round) % 2 == 0 {
                    try out.write(block)
                } else {
                    var failure: SystemError?
                    block.withUnsafeBytes { raw in
                        do throws(SystemError) { try out.write(contentsOf: raw) } catch { failure = error }
                    }
                    if let failure { throw failure }
                }
                expected += block
                if i == 5 { try out.flush() }
            }
        }
        try out.close()
        let input = try FileInput(path: dir.file("f"))
        #expect(input.size == expected.count)
        #expect(try input.read(at: 0, count: input.size) == expected)
    }

    /// Y4M written and read back at every size, mono and 4:2:0, packed and with padded rows.
    @Test(arguments: sizes)
    func y4mRoundTrip(width: Int, height: Int) throws {
        let dir = TestDirectory()
        for colour in [Y4MHeader.Colour.mono, .c420jpeg] {
            for padding in [0, 13] {
                let path = dir.file("\(colour.rawValue)-\(padding).y4m")
                let header = Y4MHeader(width: width, height: height, framesPerSecond: 120, colour: colour)
                let writer = try Y4MWriter(creating: path, header: header)
                var written: [(LumaImage, ChromaPlanes)] = []
                for n in 0..<3 {
                    let (luma, chroma) = Self.picture(width, height, seed: UInt64(n + 1))
                    let image = padding == 0 ? luma : Self.strided(luma, padding: padding)
                    try writer.append(Frame(view: .side, sequence: UInt32(n), timestampNanoseconds: UInt64(n),
                                            luma: image, chroma: colour.hasChroma ? chroma : nil))
                    written.append((luma, chroma))
                }
                try writer.close()
                let head = try FileInput(path: path).read(at: 0, count: 10)
                #expect(head == Array("YUV4MPEG2 ".utf8), "\(width)x\(height) \(colour) padding \(padding)")
                let reader = try Y4MReader(path: path)
                #expect(reader.frameCount == 3 && reader.trailingBytes == 0)
                for n in 0..<3 {
                    let f = try reader.frame(at: n, view: .side, sequence: 0, timestampNanoseconds: 0)
                    #expect(f.luma.pixels == written[n].0.pixels, "\(width)x\(height) \(colour) padding \(padding) frame \(n)")
                    if colour.hasChroma {
                        #expect(f.chroma?.cb == written[n].1.cb && f.chroma?.cr == written[n].1.cr)
                    }
                }
            }
        }
    }

    static func manifest(_ w: Int, _ h: Int) -> SessionManifest {
        SessionManifest(software: "test", created: "2026-12-03T00:00:00Z", athlete: .init(name: "Test"),
                        source: "simulated", clockOriginNs: 0,
                        cameras: CameraView.allCases.map { .init(view: $0, device: "sim", width: w, height: h,
                                                                 pixelFormat: "GREY", nominalFps: 120) })
    }

    static func write(_ root: String, _ w: Int, _ h: Int, colour: Y4MHeader.Colour, frames: Int,
                      beforeFinish: (SessionWriter) -> Void = { _ in }) throws -> SessionWriter {
        let header = Y4MHeader(width: w, height: h, framesPerSecond: 120, colour: colour)
        let writer = try SessionWriter(directory: root, manifest: manifest(w, h), formats: [.side: header, .rear: header],
                                       storage: .raw)
        let stage = SessionTimeline.Stage(kind: .flat, inclinePercent: 0, ordinal: 1, startNanoseconds: 0)
        for n in 0..<frames {
            for view in CameraView.allCases {
                let (luma, chroma) = picture(w, h, seed: UInt64(n * 2 + (view == .side ? 0 : 1)))
                let frame = Frame(view: view, sequence: UInt32(n), timestampNanoseconds: UInt64(n) * 8_333_333, luma: luma,
                                  chroma: colour.hasChroma ? chroma : nil)
                let tracked = TrackedFrame(markers: MarkerFrame(repeating: nil, count: MarkerSet.standard(for: view).count),
                                           blobCount: 0, status: .searching, forward: 1, fullScan: true)
                try writer.append(ProcessedFrame(frame: frame, streamIndex: n, tracked: tracked, angles: AngleSet(), events: []),
                                  stageIndex: 0, stage: stage, droppedByRecorderBefore: 0)
            }
            if n == 1 { try writer.flush() }
        }
        beforeFinish(writer)
        try writer.finish()
        return writer
    }

    /// The session writer (the recorder's, live and headless, and the importer's) at every size:
    /// the recorder's read-back check passes and review reads every frame.
    @Test(arguments: [(640, 480), (1024, 512), (1280, 720), (1920, 1080)])
    func sessionsOfEverySizeReadBack(width: Int, height: Int) throws {
        let dir = TestDirectory()
        for colour in [Y4MHeader.Colour.mono, .c420jpeg] {
            let root = dir.file("s-\(colour.rawValue)")
            let writer = try Self.write(root, width, height, colour: colour, frames: 4)
            #expect(writer.manifest.status == .complete, "\(writer.manifest.problems ?? [])")
            #expect(writer.manifest.problems == nil)
            let s = try RecordedSession(directory: root)
            let v = try #require(s.stages.first?.views[.rear])
            #expect(v.frameCount == 4)
            #expect(try v.image(at: 3).pixels == Self.picture(width, height, seed: 7).0.pixels)
        }
    }

    /// A file that does not read back as written makes the session `damaged`, with the file named.
    @Test func aFileThatDoesNotReadBackMarksTheSessionDamaged() throws {
        let dir = TestDirectory()
        let root = dir.file("s")
        let writer = try Self.write(root, 64, 48, colour: .mono, frames: 3) { _ in
            unlink(root + "/flat/side.frames.csv") // the writer keeps writing to a file no one can open
        }
        #expect(writer.manifest.status == .damaged)
        let problems = try #require(writer.manifest.problems)
        #expect(problems.count == 1)
        #expect(problems[0].hasPrefix("flat/side.frames.csv: "), "\(problems)")
        let saved = try ManifestStore.read(from: root)
        #expect(saved.status == .damaged && saved.problems == problems)
        // The rest is kept as written.
        #expect(try Y4MReader(path: root + "/flat/side.y4m").frameCount == 3)
    }

    /// Each kind of mismatch the check looks for, named with its file.
    @Test func theReadBackCheckNamesEachProblem() throws {
        let dir = TestDirectory()
        let root = dir.file("s")
        _ = try Self.write(root, 64, 48, colour: .mono, frames: 3)
        let header = Y4MHeader(width: 64, height: 48, framesPerSecond: 120, colour: .mono)
        func expected(frames: Int, header: Y4MHeader = header) -> [ReadBackCheck.Expected] {
            [.init(video: "flat/side.y4m", index: "flat/side.frames.csv", markers: "flat/side.markers.csv",
                   angles: "flat/side.angles.csv", view: .side, header: header, frames: frames)]
        }
        #expect(ReadBackCheck.problems(in: root, expected: expected(frames: 3)).isEmpty)
        #expect(ReadBackCheck.problems(in: root, expected: expected(frames: 4)) == [
            "flat/side.y4m: 3 whole frames, 4 were written",
            "flat/side.frames.csv: 3 rows, 4 frames were written",
            "flat/side.markers.csv: 3 rows, 4 frames were written",
            "flat/side.angles.csv: 3 rows, 4 frames were written",
        ])
        let wider = Y4MHeader(width: 80, height: 48, framesPerSecond: 120, colour: .mono)
        #expect(ReadBackCheck.problems(in: root, expected: expected(frames: 3, header: wider)).first
                == "flat/side.y4m: header says 64x48 mono, 80x48 mono was written")
        let out = try FileOutput(appendingTo: root + "/flat/side.y4m")
        try out.write([1, 2, 3])
        try out.close()
        #expect(ReadBackCheck.problems(in: root, expected: expected(frames: 3)) == ["flat/side.y4m: 3 bytes after the last whole frame"])
    }

    // MARK: - Repair

    static let legacy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/data/legacy/"

    /// Unpacks a session the old binary wrote into `dir`.
    static func unpack(_ name: String, into dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/tar")
        p.arguments = ["xzf", legacy + name, "-C", dir]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// Sessions the old binary wrote: opening says what to do, the repair puts the frames back in
    /// order, and the old writer's rules applied to the repaired frames give back the very bytes
    /// the old binary wrote (so the frames are the ones it was given, in its order).
    @Test(arguments: ["large-frame-1024x512-mono.tar.gz", "large-frame-720x1280-420.tar.gz"])
    func sessionsTheOldVersionWroteAreRepaired(fixture: String) throws {
        let dir = TestDirectory()
        let root = dir.file("s")
        try Self.unpack(fixture, into: root)
        let video = root + "/flat/side.y4m"
        let original = try FileInput(path: video).read(at: 0, count: FileInput(path: video).size)
        do {
            _ = try RecordedSession(directory: root)
            Issue.record("a session out of order opened")
        } catch {
            #expect("\(error)" == video + ": " + RecordedSession.misorderedAdvice(root))
        }
        #expect(Y4MRepair.misordered(in: root, manifest: try ManifestStore.read(from: root)) == ["flat/side.y4m"])

        let outcomes = try Y4MRepair.repair(directory: root)
        #expect(outcomes.map(\.file) == ["flat/side.y4m"])
        #expect(outcomes[0].frames == outcomes[0].indexRows)
        let session = try RecordedSession(directory: root)
        #expect(session.manifest.repairs?.map(\.file) == ["flat/side.y4m"])
        let reader = try Y4MReader(path: video)
        let pictures = try (0..<reader.frameCount).map { n -> LegacyY4MBytes.Picture in
            let f = try reader.frame(at: n, view: .side, sequence: 0, timestampNanoseconds: 0)
            return .init(luma: f.luma.pixels, chroma: f.chroma.map { ($0.cb, $0.cr) })
        }
        #expect(pictures.count >= 4)
        let line = Array(reader.header.line.utf8)
        #expect(LegacyY4MBytes.bytes(headerLine: line, frames: pictures, flushAfter: []) == original)
        // Nothing left to do, nothing left behind.
        #expect(try Y4MRepair.repair(directory: root).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: video + ".reordered"))
    }

    /// Every flush pattern the recorder's clock could have made, at the sizes the bug touched (and
    /// 1920x1080, whose 2 MiB luma always flushed first and so was never out of order), in mono
    /// and 4:2:0: the repaired file is exactly what the fixed writer writes. With pictures that
    /// begin with the bytes of a `FRAME` line or a header (`adversarial`), a second reading of the
    /// file can exist: the repair then refuses and leaves the file as it was, and is never wrong.
    @Test(arguments: [(1024, 512, false), (1280, 720, false), (1920, 1080, false), (1024, 512, true), (720, 1280, true),
                      (1024, 683, true)], [false, true])
    func everyFlushPatternIsUndone(size: (width: Int, height: Int, chroma: Bool), adversarial: Bool) throws {
        let (width, height, chroma) = size
        let dir = TestDirectory()
        let colour: Y4MHeader.Colour = chroma ? .c420jpeg : .mono
        let header = Y4MHeader(width: width, height: height, framesPerSecond: 120, colour: colour, comments: ["GAITLIVE_VIEW=side"])
        var frames: [Frame] = []
        for n in 0..<7 {
            var (luma, planes) = Self.picture(width, height, seed: UInt64(100 + n))
            // Pictures that start like the buffered bytes, where a flush could have put them.
            if adversarial && n == 2 { luma.pixels.replaceSubrange(0..<6, with: Array("FRAME\n".utf8)) }
            if adversarial && n == 4 { luma.pixels.replaceSubrange(0..<10, with: Array("YUV4MPEG2 ".utf8)) }
            if adversarial && n == 5 { planes.cb.replaceSubrange(0..<6, with: Array("FRAME\n".utf8)) }
            frames.append(Frame(view: .side, sequence: UInt32(n), timestampNanoseconds: 0, luma: luma, chroma: chroma ? planes : nil))
        }
        let good = dir.file("good.y4m")
        let w = try Y4MWriter(creating: good, header: header)
        for f in frames { try w.append(f) }
        try w.close()
        let expected = try FileInput(path: good).read(at: 0, count: FileInput(path: good).size)

        var rng = SplitMix64(seed: UInt64(width * 7 + height))
        // Pattern 0 and the last one flush nowhere: the last is read as an import's (no flushes known).
        var patterns: [Set<Int>] = [[], Set(0..<7), [0], [1, 3], [2], [4, 5]]
        for _ in 0..<6 { patterns.append(Set((0..<7).filter { _ in rng.next() % 2 == 0 })) }
        patterns.append([])
        var repaired = 0, refused = 0
        for (i, flushes) in patterns.enumerated() {
            let bytes = LegacyY4MBytes.bytes(headerLine: Array(header.line.utf8),
                                             frames: frames.map { .init(luma: $0.luma.pixels, chroma: $0.chroma.map { ($0.cb, $0.cr) }) },
                                             flushAfter: flushes)
            let path = dir.file("old-\(i).y4m")
            dir.write("old-\(i).y4m", bytes: bytes)
            if width * height >= 1 << 20 {
                // A luma of 1 MiB or more always flushed the buffer first: those files were in order.
                #expect(bytes == expected)
                #expect(!MisorderedY4M.looksMisordered(path: path))
                continue
            }
            let flushes = i == patterns.count - 1 ? [] : flushes
            #expect(MisorderedY4M.looksMisordered(path: path), "pattern \(flushes.sorted())")
            // Import never flushed between frames: then the sizes alone fix the layout.
            let knownFlushes = flushes.isEmpty && i > 0
            let layout: MisorderedY4M
            do {
                layout = try MisorderedY4M(path: path, flushesBetweenFrames: !knownFlushes)
            } catch let error as MisorderedY4M.LayoutError {
                // 4:2:0 with flushes between frames: a luma and two chroma planes can trade places.
                #expect(chroma && !knownFlushes, "\(error)")
                #expect(error.problem.contains("two orders fit"), "\(error)")
                refused += 1
                continue
            }
            #expect(layout.frames.count == 7, "pattern \(flushes.sorted())")
            do {
                try Y4MRepair.rewrite(layout, to: path)
                #expect(!adversarial, "pictures that hold FRAME lines were repaired, pattern \(flushes.sorted())")
                #expect(try FileInput(path: path).read(at: 0, count: expected.count + 1) == expected, "pattern \(flushes.sorted())")
                repaired += 1
            } catch let error as Y4MRepair.RepairError {
                // Refused, never wrong: another reading of such a file exists.
                #expect(adversarial, "\(error)")
                #expect(error.problem.contains("cannot be put back in order with certainty"))
                #expect(try FileInput(path: path).read(at: 0, count: bytes.count + 1) == bytes)
                refused += 1
            }
        }
        print("repair \(width)x\(height) \(chroma ? "4:2:0" : "mono")\(adversarial ? " with FRAME lines in pictures" : ""): "
              + (width * height >= 1 << 20 ? "written in order"
                 : "\(repaired) of \(patterns.count) flush patterns repaired, \(refused) refused"))
        if !adversarial && !chroma { #expect(repaired == patterns.count - (width * height >= 1 << 20 ? patterns.count : 0)) }
    }

    /// A file in order, and one that is damaged rather than out of order, are not touched.
    @Test func onlyTheBugsLayoutIsRepaired() throws {
        let dir = TestDirectory()
        let root = dir.file("s")
        _ = try Self.write(root, 1280, 720, colour: .mono, frames: 2)
        #expect(try Y4MRepair.repair(directory: root).isEmpty)
        // Pixels first, then a header at the wrong place: no order of frames fits.
        var bytes = [UInt8](repeating: 7, count: 1280 * 720 + 100)
        bytes += Array("YUV4MPEG2 W1280 H720 F120:1 Ip A1:1 Cmono\n".utf8)
        dir.write("bad.y4m", bytes: bytes)
        #expect(!MisorderedY4M.looksMisordered(path: dir.file("bad.y4m")))
        #expect(throws: MisorderedY4M.LayoutError.self) { try MisorderedY4M(path: dir.file("bad.y4m")) }
    }
}
