import ArgumentParser
import CaptureKit
import Foundation
import LivePipeline
import MarkerTracker
import ReviewTUI
import RunnerSimulation
import SessionStore

/// `gaitlive bench soak`: the paced demo recording both cameras for a long time, with the console
/// drawn, watching memory, drops, frames not saved and bytes written (issue #15, item 7;
/// docs/performance.md "Soak").
struct BenchSoakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Record the paced demo for --minutes with the console drawn; watch memory, drops and bytes.",
        usage: """
            gaitlive bench soak --minutes 30
            gaitlive bench soak --minutes 1 --report-every 10 --size 320x240
            """,
        discussion: """
            Both simulated cameras run in real time (--fps, --size) into a live session that records \
            the whole time as the console does (compressed video by default, the pre-record ring, \
            the live tables), and the live screen is drawn into a --screen grid 25 times a second \
            (no terminal). Every --report-every seconds one line: resident memory, frames, frames \
            the cameras dropped (the pipeline fell behind), frames not saved (the recorder fell \
            behind), bytes written, the ring's memory. At the end: 'soak_memory_change_percent' \
            (resident memory at the end against the first report), 'soak_dropped', 'soak_not_saved', \
            'soak_bytes_written'. Goal: memory flat within 5 %, 0 dropped, 0 not saved. The session \
            is written under --dir (a temporary directory by default) and removed unless --keep.
            """)

    @Option(name: .long, help: "Minutes to record.")
    var minutes: Double = 30

    @Option(name: .long, help: "Seconds between reports.")
    var reportEvery: Double = 60

    @Option(name: .long, help: ArgumentHelp("Size of the drawn console in cells.", valueName: "COLSxROWS"))
    var screen: TerminalSize = TerminalSize(argument: "200x60")!

    @Option(name: .long, help: ArgumentHelp("Directory to record into (must not exist).", valueName: "dir"))
    var dir: String?

    @Flag(name: .long, help: "Keep the recorded session.")
    var keep = false

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var recording: RecordingOptions
    @OptionGroup var preRecord: PreRecordOption

    func validate() throws {
        guard minutes > 0, minutes <= 600 else { throw ValidationError("--minutes must be between 0 and 600 (got \(minutes))") }
        guard reportEvery >= 1 else { throw ValidationError("--report-every must be at least 1 second") }
    }

    func run() throws {
        let directory = dir ?? NSTemporaryDirectory() + "gaitlive-soak-\(getpid())"
        let origin = MonotonicClock.now()
        let runner = SimulatedRunner(profile: .flat, findings: simulation.findings, seed: simulation.seed,
                                     sideCameraOn: simulation.cameraSide, clockOrigin: origin)
        let fps = simulation.fps
        let session: LiveSession
        do {
            session = try LiveSession(
                cameras: simulation.cameras(runner: runner, pacing: .realtime, frameLimit: nil),
                options: .init(athlete: .init(name: "Soak"), directory: directory, source: "simulated",
                               queueFramesPerCamera: Int(fps * 2), markerSide: simulation.cameraSide, clockOrigin: origin,
                               software: "gaitlive \(GaitLive.version)", minimumFreeMinutes: minutes,
                               videoStorage: recording.storage, preRecordSeconds: preRecord.seconds))
        } catch let e as FreeSpace.Shortage {
            throw Failure.badInput(e.description)
        }
        let screenView = LiveScreen(session: session, pane: ViewPane(mode: .halfBlock, utf8: true, colour: true), title: "soak")
        print("gaitlive bench soak: \(PopulationBench.number(minutes)) min, two \(simulation.size.width)x\(simulation.size.height) "
              + "cameras at \(PopulationBench.number(fps)) fps (paced), recording \(BenchSoakCommand.describe(recording.storage)), console \(screen.columns)x\(screen.rows) drawn at 25 Hz, into \(directory)")
        session.start()
        session.setRecording(true)
        let start = MonotonicClock.now()
        let end = start + UInt64(minutes * 60e9)
        var nextReport = start + UInt64(reportEvery * 1e9)
        var firstRSS: Int?
        var maxRSS = 0
        var grid = CellGrid(width: screen.columns, height: screen.rows)
        while MonotonicClock.now() < end {
            usleep(40_000)
            let now = MonotonicClock.now()
            _ = screenView.tick(now: Double(now - start) / 1e9)
            screenView.draw(into: &grid)
            guard now >= nextReport else { continue }
            nextReport += UInt64(reportEvery * 1e9)
            let rss = ProcessMemory.residentBytes()
            if firstRSS == nil { firstRSS = rss }
            maxRSS = max(maxRSS, rss)
            print(line(session.status, at: Double(now - start) / 1e9, rss: rss))
        }
        let lastRSS = ProcessMemory.residentBytes()
        let before = session.status
        let status = session.stop()
        print(line(before, at: Double(MonotonicClock.now() - start) / 1e9, rss: lastRSS))
        let first = firstRSS ?? lastRSS
        let change = first > 0 ? 100 * Double(lastRSS - first) / Double(first) : 0
        let dropped = before.cameras.values.reduce(0) { $0 + $1.dropped }
        let notSaved = status.droppedByRecorder.values.reduce(0, +)
        print(String(format: "soak_memory_first_mb %.1f", Double(first) / 1e6))
        print(String(format: "soak_memory_last_mb %.1f", Double(lastRSS) / 1e6))
        print(String(format: "soak_memory_max_mb %.1f", Double(max(maxRSS, lastRSS)) / 1e6))
        print(String(format: "soak_memory_change_percent %.1f", change))
        print("soak_frames_written \(status.framesWritten.values.reduce(0, +))")
        print("soak_dropped \(dropped)")
        print("soak_not_saved \(notSaved)")
        print("soak_bytes_written \(status.bytesWritten)")
        if let failure = status.failure { print("soak_failure \(failure)") }
        if !keep { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func describe(_ storage: VideoStorage) -> String {
        switch storage {
        case .raw: "raw Y4M"
        case .jpeg(let q): "JPEG q\(q) in Matroska"
        }
    }

    func line(_ s: LiveStatus, at seconds: Double, rss: Int) -> String {
        let frames = CameraView.allCases.map { "\($0.rawValue) \(s.cameras[$0]?.frames ?? 0)" }.joined(separator: ", ")
        let dropped = s.cameras.values.reduce(0) { $0 + $1.dropped }
        let notSaved = s.recorder?.droppedByRecorder.values.reduce(0, +) ?? 0
        return String(format: "%6.0f s: resident %.1f MB; frames %@; dropped %d; not saved %d; written %.1f MB; ring %.1f MB (%.1f s)",
                      seconds, Double(rss) / 1e6, frames, dropped, notSaved, Double(s.recorder?.bytesWritten ?? 0) / 1e6,
                      Double(s.recorder?.ringBytes ?? 0) / 1e6, s.recorder?.ringSeconds ?? 0)
    }
}
