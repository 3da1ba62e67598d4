import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import SessionStore

/// `gaitlive bench track VIDEO.y4m`: times marker detection and labelling on every frame of a video.
///
/// Two measurements, each on one thread over every frame after a warm-up pass over the whole file:
/// "full frame" labels every frame from scratch (exposure levels, detection over the whole
/// frame, the labeller's search), as the tracker does when it acquires the runner; "tracking"
/// runs the real-time tracker frame after frame, which mostly looks only in small windows
/// around the predicted positions. The output ends with the two medians, in microseconds.
struct BenchTrackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Time detection and labelling per frame of a Y4M or MJPEG Matroska video (full frame and frame-to-frame tracking).",
        usage: """
            gaitlive bench track side.y4m
            gaitlive bench track rear.y4m --view rear
            """,
        discussion: """
            Reads every frame into memory, runs one warm-up pass, then times each frame. The last two \
            lines are 'full_frame_us_per_frame <median>' and 'tracking_us_per_frame <median>'. Use a \
            release build ('swift build -c release').
            """)

    @Argument(help: ArgumentHelp("A YUV4MPEG2 video (mono or 4:2:0) or a session's MJPEG .mkv; only the luma is read.", valueName: "video"))
    var video: String

    @Option(name: .long, help: ArgumentHelp("Which marker set the video shows.", valueName: "side|rear"))
    var view: CameraView = .side

    func run() throws {
        let frames = try BenchTrackCommand.loadFrames(video)
        guard !frames.isEmpty else { throw Failure.badInput("\(video): has no frames") }
        let set = MarkerSet.standard(for: view)

        // Warm-up: every frame once through both paths (caches, branch predictors, array capacities).
        var whole = ViewTracker(markerSet: set)
        var tracker = ViewTracker(markerSet: set)
        for f in frames {
            _ = whole.processWholeFrame(f)
            _ = tracker.process(f)
        }

        var fullTimes: [Double] = []
        var fullLabelled = 0
        fullTimes.reserveCapacity(frames.count)
        for f in frames {
            let t0 = MonotonicClock.now()
            let r = whole.processWholeFrame(f)
            let t1 = MonotonicClock.now()
            fullTimes.append(Double(t1 - t0) / 1000)
            if r.status == .tracking { fullLabelled += 1 }
        }

        var trackTimes: [Double] = []
        var windowed = 0, complete = 0
        trackTimes.reserveCapacity(frames.count)
        tracker = ViewTracker(markerSet: set)
        for f in frames {
            let t0 = MonotonicClock.now()
            let r = tracker.process(f)
            let t1 = MonotonicClock.now()
            trackTimes.append(Double(t1 - t0) / 1000)
            if !r.fullScan { windowed += 1 }
            if r.status == .tracking { complete += 1 }
        }

        let first = frames[0]
        print("gaitlive bench track: \(video), \(view.rawValue) view, \(frames.count) frames "
              + "\(first.width)x\(first.height), \(set.count) markers, one thread, after one warm-up pass")
        print("full frame (levels + whole-frame detection + labelling from scratch): "
              + "every marker labelled in \(fullLabelled) of \(frames.count) frames; "
              + BenchTrackCommand.summary(fullTimes))
        print("tracking (the live tracker, frame after frame): windows only in \(windowed) frames, "
              + "every marker found in \(complete); " + BenchTrackCommand.summary(trackTimes))
        print("full_frame_us_per_frame \(BenchTrackCommand.format(BenchTrackCommand.median(fullTimes)))")
        print("tracking_us_per_frame \(BenchTrackCommand.format(BenchTrackCommand.median(trackTimes)))")
    }

    /// Every frame's luma plane; a bad file becomes one line naming it.
    static func loadFrames(_ path: String) throws -> [LumaImage] {
        let reader: any RecordedVideo
        do {
            reader = try RecordedVideos.open(path)   // Y4M, or a session's MJPEG .mkv
        } catch {
            throw Failure.badInput("\(error)")
        }
        do {
            return try (0..<reader.frameCount).map { try reader.luma(at: $0) }
        } catch {
            throw Failure.badInput("\(error)")
        }
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func percentile(_ v: [Double], _ p: Double) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return 0 }
        return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
    }

    static func summary(_ v: [Double]) -> String {
        let mean = v.reduce(0, +) / Double(max(1, v.count))
        return "median \(format(median(v))) us, mean \(format(mean)) us, p90 \(format(percentile(v, 0.9))) us, "
            + "max \(format(v.max() ?? 0)) us"
    }

    static func format(_ v: Double) -> String { String(format: "%.2f", v) }
}

