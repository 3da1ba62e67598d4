import Foundation
import Glibc
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import RunnerSimulation
@testable import SessionStore

extension V4L2DeviceTests {
    /// Simulated-runner side-view frames rendered at 640x480 with their true angles (rendered
    /// once: both loopback tests use them).
    static let runnerFrames = makeRunnerFrames(72)

    static func makeRunnerFrames(_ count: Int) -> [Frame] {
        let runner = SimulatedRunner(seed: 4, sideCameraOn: .right, clockOrigin: 0)
        let cam = SimulatedCamera(runner: runner, view: .side, width: 640, height: 480, pacing: .unpaced)
        return (0..<count).map { cam.render(index: UInt64($0), time: 0.5 + Double($0) / 120) }
    }

    /// Writes each frame to the loopback writer and reads it back through a `V4L2Camera`,
    /// one at a time; returns the frames received, with the truth of the frame written.
    func roundTrip(_ frames: [Frame], label: String, format: PixelFormat, encode: (Int) -> [UInt8],
                   maxFrameBytes: Int) throws -> [Frame] {
        let path = try #require(TestDevices.loopback(label))
        let writer = try LoopbackWriter(path: path, format: format, width: 640, height: 480, maxFrameBytes: maxFrameBytes)
        defer { writer.close() }
        try writer.write(encode(0))
        let cam = try V4L2Camera(path: path, view: .side, request: .init(width: 640, height: 480))
        defer { cam.stop() }
        #expect(cam.negotiated.pixelFormat == format)
        try cam.start()
        // The first buffer of a fresh loopback stream can be stale: prime with frame 0 twice.
        try writer.write(encode(0))
        _ = try read(cam)
        var out: [Frame] = []
        for i in 1..<frames.count {
            try writer.write(encode(i))
            guard var f = try read(cam) else { break }
            f.truth = frames[i].truth
            out.append(f)
        }
        return out
    }

    static func meanAbsoluteDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        var sum = 0
        for k in 0..<min(a.count, b.count) { sum += abs(Int(a[k]) - Int(b[k])) }
        return Double(sum) / Double(max(1, min(a.count, b.count)))
    }

    /// Tracks the received frames as the live pipeline does and compares the angles with the truth.
    func trackedAngleErrors(_ frames: [Frame]) -> (compared: Int, meanError: Double, worst: Double) {
        var processor = ViewProcessor(view: .side, markerSide: .right, clockOrigin: 0)
        var errors: [Double] = []
        for f in frames {
            let p = processor.process(f, inclinePercent: 0)
            guard let truth = f.truth?.angles else { continue }
            for kind in [AngleKind.kneeFlexion, .hipFlexion, .trunkLean, .tibiaAngle] {
                if let a = p.angles[kind], let t = truth[kind] { errors.append(abs(a - t)) }
            }
        }
        let mean = errors.isEmpty ? .infinity : errors.reduce(0, +) / Double(errors.count)
        return (errors.count, mean, errors.max() ?? .infinity)
    }

    @Test(.enabled(if: TestDevices.hasLoopback))
    func runnerFramesThroughLoopbackAsYUYVComeBackExactAndTrackCorrectly() throws {
        let frames = Self.runnerFrames
        func yuyv(_ i: Int) -> [UInt8] {
            var out = [UInt8](repeating: 128, count: 640 * 480 * 2)
            frames[i].luma.pixels.withUnsafeBufferPointer { luma in
                out.withUnsafeMutableBufferPointer { o in
                    for k in 0..<(640 * 480) { o[2 * k] = luma[k] }
                }
            }
            return out
        }
        let received = try roundTrip(frames, label: "gaitlive-loop-yuyv", format: .yuyv, encode: yuyv,
                                     maxFrameBytes: 640 * 480 * 2)
        #expect(received.count == frames.count - 1)
        for (i, f) in received.enumerated() {
            #expect(f.luma.pixels == frames[i + 1].luma.pixels, "frame \(i + 1) comes back byte-exact")
            if f.luma.pixels != frames[i + 1].luma.pixels { break }
        }
        let r = trackedAngleErrors(received)
        print("v4l2loopback YUYV: \(received.count) frames, \(r.compared) angles compared, mean error "
              + "\(String(format: "%.2f", r.meanError)) deg, worst \(String(format: "%.2f", r.worst)) deg")
        #expect(r.compared >= 100)
        #expect(r.meanError < 1.0)
    }

    @Test(.enabled(if: TestDevices.hasLoopback))
    func runnerFramesThroughLoopbackAsMJPEGAreDecodedAndTrackCorrectly() throws {
        let frames = Self.runnerFrames
        let jpegs = try JPEGFixture.encode(frames.map(\.luma), quality: 2)
        #expect(jpegs.count == frames.count)
        let largest = jpegs.map(\.count).max() ?? 0
        let received = try roundTrip(frames, label: "gaitlive-loop-mjpeg", format: .mjpeg, encode: { jpegs[$0] },
                                     maxFrameBytes: max(largest, 640 * 480))
        #expect(received.count == frames.count - 1)
        // Which written frame each received frame is: v4l2loopback hands the MJPEG stream back
        // one frame behind (it queues the format-setting first write as a frame; the YUYV
        // stream, primed the same way, is exact), so each picture is paired with the written
        // frame it matches, and that offset must be the same for every frame.
        var offsets: [Int: Int] = [:]
        var paired: [Frame] = []
        var worstMean = 0.0
        for (k, f) in received.enumerated() {
            let i = k + 1
            let candidates = (-2...1).filter { frames.indices.contains(i + $0) }
            guard let best = candidates.min(by: { a, b in
                Self.meanAbsoluteDifference(f.luma.pixels, frames[i + a].luma.pixels)
                    < Self.meanAbsoluteDifference(f.luma.pixels, frames[i + b].luma.pixels)
            }) else { continue }
            offsets[best, default: 0] += 1
            worstMean = max(worstMean, Self.meanAbsoluteDifference(f.luma.pixels, frames[i + best].luma.pixels))
            var g = f
            g.truth = frames[i + best].truth
            paired.append(g)
        }
        print("v4l2loopback MJPEG pairing (received frame = written frame + offset): "
              + offsets.sorted { $0.key < $1.key }.map { "offset \($0.key): \($0.value) frames" }.joined(separator: ", "))
        #expect(offsets.count == 1, "frames arrive out of order: \(offsets)")
        #expect(worstMean < 3, "decoded JPEG frames are close to the originals (mean abs luma difference)")
        let r = trackedAngleErrors(paired)
        print("v4l2loopback MJPEG: \(received.count) frames, largest JPEG \(largest) bytes, worst mean luma error "
              + "\(String(format: "%.2f", worstMean)); \(r.compared) angles compared, mean error "
              + "\(String(format: "%.2f", r.meanError)) deg, worst \(String(format: "%.2f", r.worst)) deg")
        #expect(r.compared >= 100)
        // Paired with the frame they are, JPEG at this quality moves the angles by hundredths of
        // a degree (before the pairing: 1.60 deg mean, 6.27 worst, the motion of one frame).
        #expect(r.meanError < 0.2)
    }

    /// Issue #15: an MJPEG camera's pictures reach the disk as the camera sent them. The JPEGs
    /// ffmpeg made go into the real v4l2loopback driver; every frame `V4L2Camera` delivers carries
    /// one of them byte for byte (besides the decoded planes the tracker reads), and a session
    /// recorded from those frames (format 2, the live pipeline's `ViewProcessor` and
    /// `SessionWriter`) holds exactly those bytes in its Matroska video.
    @Test(.enabled(if: TestDevices.hasLoopback))
    func mjpegFromTheCameraIsRecordedAsSent() throws {
        let frames = Array(Self.runnerFrames.prefix(24))
        let jpegs = try JPEGFixture.encode(frames.map(\.luma), quality: 2)
        let queued = Set(jpegs)
        let largest = jpegs.map(\.count).max() ?? 0
        let received = try roundTrip(frames, label: "gaitlive-loop-mjpeg", format: .mjpeg, encode: { jpegs[$0] },
                                     maxFrameBytes: max(largest, 640 * 480))
        #expect(received.count == frames.count - 1)
        for (k, f) in received.enumerated() {
            let bytes = try #require(f.compressed, "frame \(k) carries the camera's JPEG")
            #expect(queued.contains(bytes), "frame \(k): the bytes the camera sent")
        }
        let root = NSTemporaryDirectory() + "gaitlive-mjpeg-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let stage = SessionTimeline.Stage(kind: .flat, inclinePercent: 0, ordinal: 1, startNanoseconds: 0)
        let writer = try SessionWriter(directory: root, manifest: SessionRoundTripTests().manifest(),
                                       formats: [.side: Y4MHeader(width: 640, height: 480, framesPerSecond: 120, colour: .mono)],
                                       storage: .jpeg(quality: 50))
        var processor = ViewProcessor(view: .side, markerSide: .right, clockOrigin: 0)
        for f in received {
            try writer.append(processor.process(f, inclinePercent: 0), stageIndex: 0, stage: stage, droppedByRecorderBefore: 0)
        }
        try writer.finish()
        let session = try RecordedSession(directory: root)
        let view = try #require(session.stages.first?.views[.side])
        let video = try #require(view.video as? MatroskaVideo)
        #expect(view.frameCount == received.count)
        for n in 0..<view.frameCount {
            #expect(try video.jpeg(at: n) == received[n].compressed, "picture \(n) on disk as the camera sent it")
        }
        print("v4l2loopback MJPEG passthrough: \(view.frameCount) pictures recorded byte for byte "
              + "(\(received.compactMap(\.compressed).map(\.count).reduce(0, +)) bytes)")
    }
}
