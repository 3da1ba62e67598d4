import Foundation
import Glibc
import MarkerTracker
import Synchronization
import Testing
@testable import CaptureKit

/// CaptureKit against real kernel drivers: vivid (the kernel's virtual camera) and v4l2loopback.
/// They run inside the VM of `scripts/v4l2-vm-test`; elsewhere (no such devices) they skip.
/// Serialized: the tests share the devices.
@Suite(.serialized) struct V4L2DeviceTests {
    @Test(.enabled(if: TestDevices.hasTwoVivid))
    func discoveryListsEachWebcamWithFormatsSizesAndRates() throws {
        let cams = TestDevices.vivid
        #expect(cams.count == 2)
        let c = try #require(cams.first)
        #expect(c.card == "vivid")
        #expect(c.driver == "vivid")
        #expect(c.busInfo == "platform:vivid-000")
        #expect(cams[1].busInfo == "platform:vivid-001")
        let yuyv = try #require(c.formats.first { $0.pixelFormat == .yuyv })
        #expect(yuyv.name.hasPrefix("YUYV"))
        let vga = try #require(yuyv.sizes.first { $0.width == 640 && $0.height == 480 })
        #expect(vga.intervals.first == FrameInterval(numerator: 1, denominator: 25)) // fastest first
        #expect(vga.intervals.contains(FrameInterval(numerator: 1, denominator: 1)))
        #expect(c.formats.filter(\.pixelFormat.isSupported).count >= 3)
    }

    @Test(.enabled(if: TestDevices.hasTwoVivid))
    func negotiationReportsWhatTheCameraGranted() throws {
        let path = TestDevices.vivid[0].path
        let cam = try V4L2Camera(path: path, view: .side, request: .init(width: 640, height: 480, fps: 25))
        defer { cam.stop() }
        let n = cam.negotiated
        #expect(n.width == 640 && n.height == 480)
        #expect(n.interval == FrameInterval(numerator: 1, denominator: 25))
        #expect(n.bytesPerLine >= 640 * (n.pixelFormat == .yuyv || n.pixelFormat == .uyvy ? 2 : 1))
        // GREY is offered by vivid and is the cheapest to track.
        #expect(n.pixelFormat == .grey)
        #expect(cam.kernelTimestamps)
    }

    @Test(.enabled(if: TestDevices.hasTwoVivid))
    func anUnofferedSizeOrRateIsRefusedWithWhatIsOffered() throws {
        let path = TestDevices.vivid[0].path
        let size = #expect(throws: NegotiationError.self) {
            try V4L2Camera(path: path, view: .side, request: .init(width: 800, height: 600, fps: 25))
        }
        #expect(size?.description.contains("does not offer 800x600") == true)
        #expect(size?.description.contains("640x480") == true)
        let rate = #expect(throws: NegotiationError.self) {
            try V4L2Camera(path: path, view: .side, request: .init(width: 640, height: 480, fps: 120))
        }
        #expect(rate?.description.contains("does not offer 640x480 at 120 fps") == true)
        #expect(rate?.description.contains("25") == true)
    }

    /// The same test pattern read in every format gaitlive converts gives the same picture.
    @Test(.enabled(if: TestDevices.hasTwoVivid), arguments: [PixelFormat.yuyv, .uyvy, .grey, .nv12, .nv21, .yu12, .yv12])
    func everyUncompressedFormatGivesTheSameLuma(format: PixelFormat) throws {
        let path = TestDevices.vivid[0].path
        /// The 10th, 50th and 90th percentiles of the top of vivid's test pattern (black is 16 in
        /// limited range and 0 in full range, so a wrong range moves the dark end by 16 levels;
        /// the mean this test once compared sat within 2 levels either way and failed at 2.02),
        /// and whether the frame has chroma.
        func barLevels(_ f: PixelFormat) throws -> ([Double], Bool) {
            let cam = try V4L2Camera(path: path, view: .side, request: .init(width: 320, height: 180, pixelFormat: f))
            defer { cam.stop() }
            try cam.start()
            let frame = try #require(try read(cam, skipping: 1))
            #expect(frame.width == 320 && frame.height == 180)
            // The top half is colour bars; the bottom has changing text.
            var values: [UInt8] = []
            for y in 0..<80 { for x in 0..<320 { values.append(frame.luma[x, y]) } }
            if let c = frame.chroma { #expect(c.cb.count == 160 * 90 && c.cr.count == 160 * 90) }
            values.sort()
            return ([0.1, 0.5, 0.9].map { Double(values[Int($0 * Double(values.count - 1))]) }, frame.chroma != nil)
        }
        let offered = TestDevices.vivid[0].formats.contains { $0.pixelFormat == format }
        try #require(offered, "vivid does not offer \(format)")
        let (reference, _) = try barLevels(.yuyv)
        let (levels, colour) = try barLevels(format)
        // vivid sends GREY full range (0-255) and YUV limited range (16-235); its GREY comes from
        // RGB, its Y with its own rounding, so a level may differ by a couple of steps.
        let expected = reference.map { format == .grey ? ($0 - 16) * 255 / 219 : $0 }
        #expect(zip(levels, expected).allSatisfy { abs($0 - $1) <= 3 }, "\(format): bar levels \(levels), expected \(expected) from YUYV")
        #expect(colour == format.hasColour)
        print("vivid bar levels (10/50/90 %), \(format): \(levels), from YUYV \(expected)")
        // Dark and bright parts, not a flat frame (measured: 16 / 16 / 179 in YUYV, 0 / 0 / 190 in GREY).
        #expect(reference[2] - reference[0] > 100, "\(reference)")
    }

    @Test(.enabled(if: TestDevices.hasTwoVivid))
    func streamsAHundredFramesWithMonotonicKernelTimestamps() throws {
        let cam = try V4L2Camera(path: TestDevices.vivid[0].path, view: .side,
                                 request: .init(width: 320, height: 180, fps: 60))
        #expect(cam.kernelTimestamps)
        let thread = try CaptureThread(name: "stream")
        let frames = Mutex<[(UInt32, UInt64, UInt64)]>([])
        thread.start(Transfer(cam)) { f in frames.withLock { $0.append((f.sequence, f.timestampNanoseconds, MonotonicClock.now())) } }
        let got = TestDevices.wait(seconds: 60) { frames.withLock { $0.count } >= 100 }
        thread.stop()
        #expect(got)
        let list = frames.withLock { $0 }
        for (a, b) in zip(list, list.dropFirst()) {
            // vivid under emulation may hand out two buffers with one sequence number when its
            // thread catches up; numbers never go back.
            #expect(b.0 >= a.0, "sequence numbers never go back")
            #expect(b.1 > a.1, "timestamps increase")
        }
        // Kernel timestamps are on CLOCK_MONOTONIC: each is within a second of its arrival on
        // that clock (vivid stamps the ideal end of exposure, which can be a little ahead).
        let worst = list.map { abs(Double(Int64(bitPattern: $0.2 &- $0.1))) / 1e6 }.max() ?? .infinity
        print("vivid timestamps vs arrival on CLOCK_MONOTONIC: at most \(Int(worst)) ms apart")
        #expect(worst < 1000)
        let stats = thread.statistics
        #expect(stats.frames == list.count)
        #expect(stats.measuredFramesPerSecond > 1)
        print("vivid 320x180 at 60 fps: \(stats.frames) frames, \(stats.dropped) dropped, "
              + "measured \(Int(stats.measuredFramesPerSecond)) fps (under software emulation)")
    }

    @Test(.enabled(if: TestDevices.hasTwoVivid && TestDevices.inVM))
    func buffersDroppedByTheDriverAreCounted() throws {
        let path = TestDevices.vivid[0].path
        let cam = try V4L2Camera(path: path, view: .side, request: .init(width: 320, height: 180, fps: 60))
        try cam.controls.set("percentage_of_dropped_buffers", to: "30")
        defer { _ = try? CameraControls(path: path).set("percentage_of_dropped_buffers", to: "0") }
        let thread = try CaptureThread(name: "drops")
        let sequences = Mutex<[UInt32]>([])
        thread.start(Transfer(cam)) { f in sequences.withLock { $0.append(f.sequence) } }
        let got = TestDevices.wait(seconds: 60) { sequences.withLock { $0.count } >= 100 }
        thread.stop()
        #expect(got)
        let seqs = sequences.withLock { $0 }
        let stats = thread.statistics
        // Gaps between consecutive delivered sequence numbers (a repeated number is no gap).
        let gaps = zip(seqs, seqs.dropFirst()).reduce(0) { $0 + ($1.1 > $1.0 &+ 1 ? Int($1.1 &- $1.0 &- 1) : 0) }
        print("vivid with 30% of buffers dropped: \(seqs.count) frames, \(stats.dropped) counted as dropped")
        #expect(gaps > 0)
        #expect(stats.dropped == gaps)
        // 30% of roughly 100 + gaps frames: well away from 0 and from all.
        #expect(Double(gaps) > 0.1 * Double(seqs.count))
    }

    /// Reads one frame within a few seconds, after discarding `skipping` frames.
    func read(_ cam: V4L2Camera, skipping: Int = 0) throws -> Frame? {
        var skipped = 0
        let end = MonotonicClock.now() + 10_000_000_000
        while MonotonicClock.now() < end {
            guard let fd = cam.descriptor else { return nil }
            let ready = try Poll.wait([fd], timeoutMilliseconds: 2000)
            guard !ready.isEmpty else { continue }
            guard let f = try cam.readFrame() else { continue }
            if skipped < skipping {
                skipped += 1
                continue
            }
            return f
        }
        return nil
    }
}
