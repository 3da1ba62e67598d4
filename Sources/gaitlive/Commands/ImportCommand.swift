public import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import OfflineAnalysis
import SessionStore
import RunnerSimulation

/// `gaitlive import --side A.y4m --rear B.y4m --out DIR`: a session from videos recorded elsewhere.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build and analyse a session from videos recorded elsewhere (Y4M, MJPEG Matroska, or anything ffmpeg reads).",
        usage: """
            gaitlive import --side side.y4m --rear rear.y4m --out /tmp/imported
            gaitlive import --side run.mp4 --athlete "Ana Ruiz" --stage incline --incline 6
            """,
        discussion: """
            Each video runs through the same tracking, angles and gait events as live capture and is copied \
            into the new session with its tables, as one stage. Y4M is read directly; other formats are \
            converted with ffmpeg when it is installed. Frame times come from the video's frame rate.
            """)

    @Option(name: .long, help: ArgumentHelp("Video of the side camera.", valueName: "file"))
    var side: String?

    @Option(name: .long, help: ArgumentHelp("Video of the rear camera.", valueName: "file"))
    var rear: String?

    @Option(name: .long, help: ArgumentHelp("Session directory to create (must not exist or be empty). Default: a new directory under the sessions root.", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: "Athlete's name, as stored in the session.")
    var athlete = "Imported"

    @Option(name: .long, help: ArgumentHelp("Leg carrying the side-view markers.", valueName: "left|right"))
    var markerSide: BodySide = .right

    @Option(name: .long, help: ArgumentHelp("Treadmill stage of the videos.", valueName: "flat|incline"))
    var stage: StageKind = .flat

    @Option(name: .long, help: "Grade of an incline stage, percent.")
    var incline: Double = 5

    @Option(name: .long, help: ArgumentHelp("Rear video starts this much later than the side video.", valueName: "ms"))
    var rearOffset: Double = 0

    @OptionGroup var recording: RecordingOptions

    func validate() throws {
        guard side != nil || rear != nil else { throw ValidationError("give --side, --rear or both") }
        guard (0...20).contains(incline) else { throw ValidationError("--incline must be 0 to 20 percent (got \(incline))") }
    }

    func run() throws {
        let directory = out ?? SessionLayout.newSessionPath(root: SessionLayout.defaultRoot(), athlete: athlete)
        let work = NSTemporaryDirectory() + "gaitlive-import-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: work) }
        var inputs: [VideoImport.Input] = []
        for (view, path) in [(CameraView.side, side), (.rear, rear)] {
            guard let path else { continue }
            inputs.append(.init(view: view, path: try VideoInput.readable(path, work: work, name: view.rawValue)))
        }
        let manifest: SessionManifest
        do {
            manifest = try VideoImport.run(inputs, directory: directory, athlete: .init(name: athlete),
                                           markerSide: markerSide, stage: stage,
                                           inclinePercent: stage == .incline ? incline : 0,
                                           rearOffsetSeconds: rearOffset / 1000, software: "gaitlive \(GaitLive.version)",
                                           storage: recording.storage)
        } catch {
            throw Failure.badInput("\(error)")
        }
        let session = try RecordedSession(directory: directory)
        print("session imported: \(directory)")
        for st in session.stages {
            for view in CameraView.allCases {
                guard let v = st.views[view] else { continue }
                let stats = (try? v.angleStatistics()) ?? [:]
                let means = AngleKind.kinds(for: view).compactMap { k in
                    stats[k].flatMap { $0.count > 0 ? "\(k.column) \(String(format: "%.1f", $0.mean))" : nil }
                }
                let events = st.events.filter { $0.view == view }.count
                print("  \(view.rawValue): \(v.frameCount) frames at \(String(format: "%.2f", manifest.camera(view)?.nominalFps ?? 0)) fps, "
                      + "\(events) gait events" + (means.isEmpty ? "" : "; mean angles (deg): " + means.joined(separator: ", ")))
            }
        }
        print("Review it with: gaitlive review \(directory)")
    }
}

extension StageKind: ExpressibleByArgument {}
