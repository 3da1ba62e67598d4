import Foundation
public import MarkerTracker
public import CaptureKit
public import SessionStore

/// Builds a session from videos recorded elsewhere (`gaitlive import`): each video (Y4M, or MJPEG
/// Matroska, whose pictures are stored as they are when the session is compressed) runs through the
/// same per-camera processing as live capture (`ViewProcessor`: tracking, angles, events) and is
/// written with `SessionWriter`, video included, as one stage.
///
/// Frame times come from the video's frame rate (frame n at n / fps seconds; `rearOffsetSeconds`
/// shifts the rear camera), since a Y4M carries no timestamps. Frames are read and written one at
/// a time: memory does not grow with the video. An import that fails part way removes what it
/// wrote, so no half-written session is ever listed.
public enum VideoImport {
    /// One input video and the view it shows.
    public struct Input: Sendable {
        public var view: CameraView
        public var path: String
        public init(view: CameraView, path: String) {
            self.view = view
            self.path = path
        }
    }

    /// Imports `inputs` into a new session at `directory`; returns its manifest.
    public static func run(_ inputs: [Input], directory: String, athlete: SessionManifest.Athlete,
                           markerSide: BodySide, stage kind: StageKind, inclinePercent: Double,
                           rearOffsetSeconds: Double = 0, software: String,
                           storage: VideoStorage = .default) throws -> SessionManifest {
        let readers = try inputs.map { ($0.view, try RecordedVideos.open($0.path)) }
        let origin: UInt64 = 1_000_000_000
        var formats: [CameraView: Y4MHeader] = [:]
        var cameras: [SessionManifest.Camera] = []
        for (view, r) in readers {
            guard r.framesPerSecond > 0 else {
                throw ImportError(path: r.path, problem: "the video does not say its frame rate")
            }
            let rate = (r as? Y4MReader)?.header
                ?? Y4MHeader(width: r.width, height: r.height, framesPerSecond: r.framesPerSecond, colour: .mono)
            formats[view] = Y4MHeader(width: r.width, height: r.height, rateNumerator: rate.rateNumerator,
                                      rateDenominator: rate.rateDenominator, colour: r.hasChroma ? .c420jpeg : .mono,
                                      comments: ["GAITLIVE_VIEW=\(view.rawValue)"])
            let format = r is MatroskaVideo ? "MJPG" : (r.hasChroma ? "I420" : "GREY")
            cameras.append(SessionManifest.Camera(
                view: view, device: r.path, card: "imported video", width: r.width, height: r.height,
                pixelFormat: format, nominalFps: r.framesPerSecond,
                measuredFps: r.framesPerSecond, markerSide: view == .side ? markerSide : nil))
        }
        let manifest = SessionManifest(software: software, created: ISO8601DateFormatter().string(from: Date()),
                                       athlete: athlete, source: "import", clockOriginNs: origin, cameras: cameras)
        let existed = FileManager.default.fileExists(atPath: directory)
        let writer = try SessionWriter(directory: directory, manifest: manifest, formats: formats, storage: storage)
        do {
            try write(readers, with: writer, origin: origin, athlete: athlete, markerSide: markerSide, kind: kind,
                      inclinePercent: inclinePercent, rearOffsetSeconds: rearOffsetSeconds)
        } catch {
            // Nothing half-written is left to be listed as a session: the directory was new or
            // empty (the writer refuses any other), so all of it is ours.
            writer.abandon()
            removeCreated(directory, keepDirectory: existed)
            throw error
        }
        if writer.manifest.status == .damaged {
            let problems = writer.manifest.problems ?? []
            removeCreated(directory, keepDirectory: existed)
            throw ImportError(path: directory, problem: "the imported session did not read back as written ("
                              + problems.joined(separator: "; ") + "); nothing was kept")
        }
        return writer.manifest
    }

    /// Why an import failed after it had started writing; `description` names the directory.
    public struct ImportError: Error, CustomStringConvertible {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    /// Removes what the import created in `directory` (and the directory itself unless it was
    /// there, empty, before).
    static func removeCreated(_ directory: String, keepDirectory: Bool) {
        let fm = FileManager.default
        if keepDirectory {
            for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] {
                try? fm.removeItem(atPath: directory + "/" + name)
            }
        } else {
            try? fm.removeItem(atPath: directory)
        }
    }

    static func write(_ readers: [(CameraView, any RecordedVideo)], with writer: SessionWriter, origin: UInt64,
                      athlete: SessionManifest.Athlete, markerSide: BodySide, kind: StageKind, inclinePercent: Double,
                      rearOffsetSeconds: Double) throws {
        let stage = SessionTimeline.Stage(kind: kind, inclinePercent: inclinePercent, ordinal: 1, startNanoseconds: origin)
        for (view, r) in readers {
            // The per-camera processing of live capture and of `gaitlive analyze` (VideoAnalyzer):
            // tracking, angles, events and stride metrics, at the file's frame rate.
            var processor = ViewProcessor(view: view, markerSide: markerSide, legLengthCm: athlete.legLengthCm,
                                          framesPerSecond: r.framesPerSecond, clockOrigin: origin)
            let offset = view == .rear ? rearOffsetSeconds : 0
            for n in 0..<r.frameCount {
                let t = Double(n) / r.framesPerSecond + offset
                let stamp = origin &+ UInt64(max(0, (t * 1e9).rounded()))
                let frame = try r.frame(at: n, view: view, sequence: UInt32(truncatingIfNeeded: n), timestampNanoseconds: stamp)
                let processed = processor.process(frame, inclinePercent: inclinePercent)
                try writer.append(processed, stageIndex: 0, stage: stage, droppedByRecorderBefore: 0)
            }
        }
        try writer.finish()
    }
}
