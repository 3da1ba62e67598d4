import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import ReviewTUI
import RunnerSimulation
import OfflineAnalysis
import SessionStore

/// `gaitlive bench session`: recording throughput against the disk's own sequential write speed
/// (dd, same run, same directory), random frame seek latency in raw (format 1) and compressed
/// (format 2) sessions, and session open time and memory for a two-minute and a twenty-minute session.
struct BenchSessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Benchmark recording throughput, frame seek latency and session open time.",
        discussion: """
            Writes into --dir (default: a new directory under the system temp dir; removed afterwards \
            unless --keep). 'Cold' figures are taken after dropping the session's own files from the page \
            cache (posix_fadvise DONTNEED), without touching the rest of the machine.
            """)

    @Option(name: .long, help: ArgumentHelp("Directory to work in (on the disk to measure).", valueName: "dir"))
    var dir: String?

    @Option(name: .long, help: "Megabytes written by dd and by the recorder.")
    var megabytes = 1024

    @Option(name: .long, help: "Rounds of dd and recording, alternated (medians are reported).")
    var rounds = 3

    @Option(name: .long, help: "Random seeks to time.")
    var seeks = 2000

    @Flag(name: .long, help: "Keep the files written.")
    var keep = false

    func run() throws {
        let base = dir ?? NSTemporaryDirectory() + "gaitlive-bench-\(getpid())"
        do {
            try SessionLayout.createDirectory(base, allowExistingEmpty: true)
        } catch {
            throw Failure.badInput(error.description)
        }
        defer { if !keep { try? FileManager.default.removeItem(atPath: base) } }
        print("gaitlive bench session: \(base)")

        // 1 and 2, alternated over --rounds (the disk of a shared VM varies from second to second):
        // the disk's own sequential write speed (dd with a final fdatasync, as the recorder syncs),
        // then the recorder: two 640x480 cameras through the real queue and thread, final sync included.
        var ddRates: [Double] = [], recRates: [Double] = [], frameRates: [Double] = []
        let recorded = base + "/recorded"
        for round in 0..<rounds {
            let ddPath = base + "/dd.bin"
            let t0 = Date()
            let dd = Process()
            dd.executableURL = URL(fileURLWithPath: "/bin/dd")
            dd.arguments = ["if=/dev/zero", "of=\(ddPath)", "bs=1M", "count=\(megabytes)", "conv=fdatasync"]
            dd.standardError = FileHandle.nullDevice
            try dd.run()
            dd.waitUntilExit()
            ddRates.append(Double(megabytes) * 1_048_576 / Date().timeIntervalSince(t0) / 1e6)
            unlink(ddPath)
            let target = round == rounds - 1 ? recorded : base + "/recorded-\(round)"
            let (bytes, seconds, frames) = try recordThroughput(directory: target, megabytes: megabytes)
            recRates.append(Double(bytes) / seconds / 1e6)
            frameRates.append(Double(frames) / seconds)
            if target != recorded { try? FileManager.default.removeItem(atPath: target) }
        }
        let ddRate = percentile(ddRates, 0.5), rate = percentile(recRates, 0.5)
        print("dd sequential write (\(megabytes) MiB, conv=fdatasync), median of \(rounds): \(f(ddRate, 0)) MB/s "
              + "(runs: \(ddRates.map { f($0, 0) }.joined(separator: ", ")))")
        print("recorder (2 x 640x480 mono + tables, fdatasync each second and at the end), median of \(rounds): "
              + "\(f(rate, 0)) MB/s = \(f(rate / ddRate * 100, 0))% of dd, \(f(percentile(frameRates, 0.5), 0)) frames/s "
              + "(runs: \(recRates.map { f($0, 0) }.joined(separator: ", ")))")

        // 3. Random seeks on that session: side picture + markers + angles, rear nearest frame + picture.
        let session = try RecordedSession(directory: recorded)
        dropCache(recorded)
        let cold = try seekTimes(session, count: min(seeks, 200), seed: 1)
        let warm = try seekTimes(session, count: seeks, seed: 2)
        print("random seek, both views (cold cache, \(cold.count)): median \(ms(percentile(cold, 0.5))), "
              + "p99 \(ms(percentile(cold, 0.99))), max \(ms(cold.max() ?? 0))")
        print("random seek, both views (warm cache, \(warm.count)): median \(ms(percentile(warm, 0.5))), "
              + "p99 \(ms(percentile(warm, 0.99))), max \(ms(warm.max() ?? 0))")

        // 3b. The same in format 2: the simulated runner's 640x480 pictures as JPEG in Matroska at
        // the default quality; each picture read is one pread and one libjpeg-turbo decode.
        let compressed = base + "/recorded-v2"
        let v2frames = try recordCompressed(directory: compressed, seconds: 20)
        let s2 = try RecordedSession(directory: compressed)
        dropCache(compressed)
        let cold2 = try seekTimes(s2, count: min(seeks, 200), seed: 3)
        let warm2 = try seekTimes(s2, count: seeks, seed: 4)
        let one = try pictureTimes(s2, count: seeks, seed: 5)
        print("format 2 (JPEG quality \(VideoStorage.defaultJPEGQuality), \(v2frames) frames per view): random seek, both views "
              + "(cold cache, \(cold2.count)): median \(ms(percentile(cold2, 0.5))), p99 \(ms(percentile(cold2, 0.99))), "
              + "max \(ms(cold2.max() ?? 0))")
        print("format 2: random seek, both views (warm cache, \(warm2.count)): median \(ms(percentile(warm2, 0.5))), "
              + "p99 \(ms(percentile(warm2, 0.99))), max \(ms(warm2.max() ?? 0))")
        print("format 2: one picture (index row, pread, JPEG decode of the luma; warm, \(one.count)): "
              + "median \(ms(percentile(one, 0.5))), p99 \(ms(percentile(one, 0.99))), max \(ms(one.max() ?? 0))")

        // 4. Open time and memory against session length (pictures 64x48: opening reads no picture).
        for minutes in [2, 20] {
            let dir = base + "/open-\(minutes)min"
            try synthesize(directory: dir, secondsPerStage: Double(minutes) * 60)
            dropCache(dir)
            let rss0 = ProcessMemory.residentBytes()
            var t = Date()
            let s = try RecordedSession(directory: dir)
            let openCold = Date().timeIntervalSince(t)
            let rss1 = ProcessMemory.residentBytes()
            t = Date()
            let screen = ReviewScreen(session: s, pane: ViewPane(mode: .halfBlock, utf8: true, colour: true))
            screen.open(stage: 0, frame: 0)
            var grid = CellGrid(width: 160, height: 48)
            screen.draw(into: &grid)
            let firstScreen = Date().timeIntervalSince(t)
            t = Date()
            _ = try RecordedSession(directory: dir)
            let openWarm = Date().timeIntervalSince(t)
            let frames = s.stages.reduce(0) { $0 + $1.views.values.reduce(0) { $0 + $1.frameCount } }
            print("open, 2 cameras x 2 stages x \(minutes) min (\(frames) frames): cold \(ms(openCold)), warm \(ms(openWarm)); "
                  + "first review screen (incl. stage statistics) \(ms(firstScreen)); resident memory +\(f(Double(rss1 - min(rss0, rss1)) / 1e6, 1)) MB")
        }
    }

    func f(_ v: Double, _ d: Int) -> String { String(format: "%.\(d)f", v) }
    func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }

    func percentile(_ xs: [Double], _ p: Double) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[min(s.count - 1, Int(Double(s.count - 1) * p))]
    }

    /// One processed frame with all markers and angles present (full-length table rows).
    func processed(_ view: CameraView, _ n: Int, luma: LumaImage, origin: UInt64, fps: Double) -> ProcessedFrame {
        let set = MarkerSet.standard(for: view)
        let markers: MarkerFrame = (0..<set.count).map { i in
            TrackedMarker(position: Point(x: 100.123 + Double(i * 20) + Double(n % 50), y: 200.456 - Double(i)),
                          confidence: 0.87, source: .detected)
        }
        var angles = AngleSet()
        for (i, k) in AngleKind.kinds(for: view).enumerated() { angles[k] = 12.34 + Double(i) - Double(n % 30) }
        let stamp = origin + UInt64((Double(n) / fps * 1e9).rounded()) + (view == .rear ? 3_100_000 : 0)
        let frame = Frame(view: view, sequence: UInt32(n), timestampNanoseconds: stamp, luma: luma)
        return ProcessedFrame(frame: frame, streamIndex: n,
                              tracked: TrackedFrame(markers: markers, blobCount: set.count, status: .tracking, forward: 1,
                                                    fullScan: false),
                              angles: angles, events: [])
    }

    func manifest(width: Int, height: Int, origin: UInt64) -> SessionManifest {
        SessionManifest(software: "gaitlive \(GaitLive.version) bench", created: ISO8601DateFormatter().string(from: Date()),
                        athlete: .init(name: "Bench"), source: "simulated", clockOriginNs: origin,
                        cameras: CameraView.allCases.map { .init(view: $0, device: "bench", width: width, height: height,
                                                                 pixelFormat: "GREY", nominalFps: 120) })
    }

    func recordThroughput(directory: String, megabytes: Int) throws -> (UInt64, Double, Int) {
        let (w, h) = (640, 480)
        let origin: UInt64 = 1_000_000_000
        let format = Y4MHeader(width: w, height: h, framesPerSecond: 120, colour: .mono)
        let recorder = try SessionRecorder(directory: directory, manifest: manifest(width: w, height: h, origin: origin),
                                           formats: [.side: format, .rear: format], storage: .raw, capacity: 480,
                                           lossless: true)
        let pictures = (0..<8).map { k in LumaImage(width: w, height: h, pixels: (0..<(w * h)).map { UInt8(($0 &* 31 &+ k * 17) & 0xFF) }) }
        let perView = max(1, megabytes * 1_048_576 / (2 * (w * h + 6)))
        let stage = SessionTimeline.Stage(kind: .flat, inclinePercent: 0, ordinal: 1, startNanoseconds: 0)
        let items = CameraView.allCases.map { v in
            (0..<8).map { processed(v, $0, luma: pictures[$0], origin: origin, fps: 120) }
        }
        let start = Date()
        recorder.start()
        for n in 0..<perView {
            for (i, v) in CameraView.allCases.enumerated() {
                var p = items[i][n % 8]
                p.frame = Frame(view: v, sequence: UInt32(n), timestampNanoseconds: origin + UInt64(n) * 8_333_333,
                                luma: pictures[n % 8])
                p.streamIndex = n
                recorder.enqueue(.init(processed: p, stageIndex: 0, stage: stage))
            }
        }
        let status = recorder.finish()
        let seconds = Date().timeIntervalSince(start)
        if let failure = status.failure { throw Failure.failed(failure) }
        return (status.bytesWritten, seconds, 2 * perView)
    }

    /// A format-2 session of `seconds` of both cameras at 120 fps: 24 pictures of the simulated
    /// runner per view, repeated, encoded at the default quality. Returns the frames per view.
    func recordCompressed(directory: String, seconds: Double) throws -> Int {
        let (w, h) = (640, 480)
        let origin: UInt64 = 1_000_000_000
        let format = Y4MHeader(width: w, height: h, framesPerSecond: 120, colour: .mono)
        let writer = try SessionWriter(directory: directory, manifest: manifest(width: w, height: h, origin: origin),
                                       formats: [.side: format, .rear: format])
        let runner = SimulatedRunner(seed: 4, clockOrigin: origin)
        let pictures = CameraView.allCases.map { v in
            let cam = SimulatedCamera(runner: runner, view: v, width: w, height: h, pacing: .unpaced)
            return (0..<24).map { cam.render(index: UInt64($0), time: Double($0) / 120).luma }
        }
        let stage = SessionTimeline.Stage(kind: .flat, inclinePercent: 0, ordinal: 1, startNanoseconds: 0)
        let frames = Int(seconds * 120)
        for n in 0..<frames {
            for (i, v) in CameraView.allCases.enumerated() {
                try writer.append(processed(v, n, luma: pictures[i][n % 24], origin: origin, fps: 120), stageIndex: 0,
                                  stage: stage, droppedByRecorderBefore: 0)
            }
        }
        try writer.finish()
        return frames
    }

    /// One side picture at a random frame: what stepping to a frame costs in review.
    func pictureTimes(_ s: RecordedSession, count: Int, seed: UInt64) throws -> [Double] {
        var rng = SplitMix(seed)
        guard let side = s.stages.first?.views[.side], side.frameCount > 0 else { return [] }
        return try (0..<count).map { _ in
            let n = Int(rng.next() % UInt64(side.frameCount))
            let t = Date()
            _ = try side.image(at: n)
            return Date().timeIntervalSince(t)
        }
    }

    func seekTimes(_ s: RecordedSession, count: Int, seed: UInt64) throws -> [Double] {
        var rng = SplitMix(seed)
        var out: [Double] = []
        for _ in 0..<count {
            let stage = s.stages[Int(rng.next() % UInt64(s.stages.count))]
            guard let side = stage.views[.side], let rear = stage.views[.rear], side.frameCount > 0 else { continue }
            let n = Int(rng.next() % UInt64(side.frameCount))
            let t = Date()
            _ = try side.image(at: n)
            _ = try side.readMarkers(at: n)
            _ = try side.readAngles(at: n)
            let r = rear.nearestFrame(toTimestamp: try side.indexEntry(at: n).timestampNanoseconds) ?? 0
            _ = try rear.image(at: r)
            _ = try rear.readMarkers(at: r)
            out.append(Date().timeIntervalSince(t))
        }
        return out
    }

    /// A session of two stages of `secondsPerStage` at 120 fps, tiny pictures, full table rows.
    func synthesize(directory: String, secondsPerStage: Double) throws {
        let origin: UInt64 = 1_000_000_000
        let writer = try SessionWriter(directory: directory, manifest: manifest(width: 64, height: 48, origin: origin),
                                       formats: [.side: Y4MHeader(width: 64, height: 48, framesPerSecond: 120, colour: .mono),
                                                 .rear: Y4MHeader(width: 64, height: 48, framesPerSecond: 120, colour: .mono)],
                                       storage: .raw)
        let luma = LumaImage(width: 64, height: 48, pixels: [UInt8](repeating: 40, count: 64 * 48))
        let perStage = Int(secondsPerStage * 120)
        for (s, kind) in [StageKind.flat, .incline].enumerated() {
            let stage = SessionTimeline.Stage(kind: kind, inclinePercent: kind == .incline ? 5 : 0, ordinal: 1,
                                              startNanoseconds: origin + UInt64(s * perStage) * 8_333_333)
            for i in 0..<perStage {
                let n = s * perStage + i
                for v in CameraView.allCases {
                    var p = processed(v, n, luma: luma, origin: origin, fps: 120)
                    if i % 40 == 0 { p.events = [GaitEvent(kind: .initialContact, side: .left, view: v, frame: n, time: Double(n) / 120)] }
                    try writer.append(p, stageIndex: s, stage: stage, droppedByRecorderBefore: 0)
                }
            }
        }
        try writer.finish()
    }

    func dropCache(_ directory: String) {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return }
        for case let f as String in e {
            let fd = open(directory + "/" + f, O_RDONLY)
            if fd >= 0 {
                posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)
                close(fd)
            }
        }
    }
}

/// A tiny deterministic random generator for reproducible seek positions.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
