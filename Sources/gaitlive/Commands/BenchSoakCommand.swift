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
            (resident memory at the end against the first report), 'soak_memory_settled_change_percent' \
            (against the first report after --warm-up minutes; the first report when the run is no longer), \
            'soak_memory_halves_change_percent' (the median of the later half of the reports after the \
            warm-up against the earlier half's: the trend, unmoved by a burst), 'soak_dropped', 'soak_not_saved', \
            'soak_bytes_written'. Goal: memory flat within 5 % after the warm-up (the halves), 0 dropped, 0 not saved. The session \
            is written under --dir (a temporary directory by default) and removed unless --keep.
            """)

    @Option(name: .long, help: "Minutes to record.")
    var minutes: Double = 30

    @Option(name: .long, help: "Minutes of warm-up before the memory the end is compared with (the allocator settles).")
    var warmUp: Double = 3

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
        guard warmUp >= 0 else { throw ValidationError("--warm-up must be at least 0 (got \(warmUp))") }
        guard reportEvery >= 1 else { throw ValidationError("--report-every must be at least 1 second") }
    }

    func run() throws {
        let directory = dir ?? NSTemporaryDirectory() + "gaitlive-soak-\(getpid())"
        print("gaitlive bench soak: \(PopulationBench.number(minutes)) min, two \(simulation.size.width)x\(simulation.size.height) "
              + "cameras at \(PopulationBench.number(simulation.fps)) fps (paced), recording \(BenchSoakCommand.describe(recording.storage)), "
              + "console \(screen.columns)x\(screen.rows) drawn at 25 Hz, into \(directory)")
        let run = PacedRecording(simulation: simulation, storage: recording.storage, preRecordSeconds: preRecord.seconds,
                                 screen: screen)
        let r = try run.record(into: directory, seconds: minutes * 60, reportEvery: reportEvery,
                             warmUp: warmUp < minutes ? warmUp * 60 : 0) { print($0) }
        print(String(format: "soak_memory_first_mb %.1f", Double(r.firstResident) / 1e6))
        print(String(format: "soak_memory_last_mb %.1f", Double(r.lastResident) / 1e6))
        print(String(format: "soak_memory_max_mb %.1f", Double(r.maximumResident) / 1e6))
        print(String(format: "soak_memory_change_percent %.1f", r.memoryChangePercent))
        print(String(format: "soak_memory_settled_mb %.1f", Double(r.settledResident) / 1e6))
        print(String(format: "soak_memory_settled_change_percent %.1f", r.settledMemoryChangePercent))
        if let h = r.halvesMemoryChangePercent { print(String(format: "soak_memory_halves_change_percent %.1f", h)) }
        print("soak_frames_written \(r.framesWritten)")
        print("soak_dropped \(r.dropped)")
        print("soak_not_saved \(r.notSaved)")
        print("soak_bytes_written \(r.bytesWritten)")
        if let failure = r.failure { print("soak_failure \(failure)") }
        if !keep { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func describe(_ storage: VideoStorage) -> String {
        switch storage {
        case .raw: "raw Y4M"
        case .jpeg(let q): "JPEG q\(q) in Matroska"
        }
    }
}
