import CaptureKit
import Foundation
import LivePipeline
import MarkerTracker
import ReviewTUI
import RunnerSimulation
import SessionStore

/// Both simulated cameras paced in real time into a live session that records throughout, with
/// the live screen drawn 25 times a second into a grid (no terminal): what `bench soak` and
/// `bench recording` run to see whether capture, tracking, compression, recording and drawing
/// keep up together.
struct PacedRecording {
    var simulation: SimulationOptions
    var storage: VideoStorage
    var preRecordSeconds: Double
    var screen: TerminalSize

    /// What a run gave.
    struct Result {
        var firstResident = 0
        /// Resident memory at the first report after the warm-up.
        var settledResident = 0
        var lastResident = 0
        var maximumResident = 0
        var framesWritten = 0
        /// Frames the cameras skipped because the pipeline fell behind.
        var dropped = 0
        /// Frames the recorder could not take.
        var notSaved = 0
        var bytesWritten: UInt64 = 0
        var failure: String?
        /// Resident memory at the end against the first report, percent.
        var memoryChangePercent: Double {
            firstResident > 0 ? 100 * Double(lastResident - firstResident) / Double(firstResident) : 0
        }
        /// Resident memory at the end against the first report after the warm-up, percent.
        var settledMemoryChangePercent: Double {
            settledResident > 0 ? 100 * Double(lastResident - settledResident) / Double(settledResident) : 0
        }
        /// The resident memory of every report after the warm-up, in order.
        var settledReports: [Int] = []
        /// The median of the later half of `settledReports` against that of the earlier half,
        /// percent: the trend, which a burst (the recorder's queue filling while the machine is
        /// busy, then draining) does not move as it moves a single reading.
        var halvesMemoryChangePercent: Double? {
            guard settledReports.count >= 4 else { return nil }
            func median(_ a: ArraySlice<Int>) -> Double { Double(a.sorted()[a.count / 2]) }
            let h = settledReports.count / 2
            let first = median(settledReports[..<h]), second = median(settledReports[h...])
            return 100 * (second - first) / first
        }
    }

    /// Records `seconds` into `directory` (which must not exist); `report` gets one line every
    /// `reportEvery` seconds and one at the end. Memory is also taken at the first report after
    /// `warmUp` seconds (the allocator's arenas and the process's pages settle in the first
    /// minutes: docs/performance.md, "Soak").
    func record(into directory: String, seconds: Double, reportEvery: Double, warmUp: Double = 0,
                report: (String) -> Void) throws -> Result {
        let origin = MonotonicClock.now()
        let runner = SimulatedRunner(profile: simulation.profile(), findings: simulation.findings, seed: simulation.seed,
                                     sideCameraOn: simulation.cameraSide, clockOrigin: origin)
        let fps = simulation.fps
        let session: LiveSession
        do {
            session = try LiveSession(
                cameras: simulation.cameras(runner: runner, pacing: .realtime, frameLimit: nil),
                options: .init(athlete: .init(name: "Bench"), directory: directory, source: "simulated",
                               queueFramesPerCamera: Int(fps * 2), markerSide: simulation.cameraSide, clockOrigin: origin,
                               software: "gaitlive \(GaitLive.version)", minimumFreeMinutes: seconds / 60,
                               videoStorage: storage, preRecordSeconds: preRecordSeconds))
        } catch let e as FreeSpace.Shortage {
            throw Failure.badInput(e.description)
        }
        let live = LiveScreen(session: session, pane: ViewPane(mode: .halfBlock, utf8: true, colour: true), title: "bench")
        session.start()
        session.setRecording(true)
        let start = MonotonicClock.now()
        let end = start + UInt64(seconds * 1e9)
        var nextReport = start + UInt64(reportEvery * 1e9)
        var result = Result()
        var grid = CellGrid(width: screen.columns, height: screen.rows)
        while MonotonicClock.now() < end {
            usleep(40_000)
            let now = MonotonicClock.now()
            _ = live.tick(now: Double(now - start) / 1e9)
            live.draw(into: &grid)
            guard now >= nextReport else { continue }
            nextReport += UInt64(reportEvery * 1e9)
            let rss = ProcessMemory.residentBytes()
            if result.firstResident == 0 { result.firstResident = rss }
            if Double(now - start) / 1e9 >= warmUp {
                if result.settledResident == 0 { result.settledResident = rss }
                result.settledReports.append(rss)
            }
            result.maximumResident = max(result.maximumResident, rss)
            report(line(session.status, at: Double(now - start) / 1e9, rss: rss))
        }
        result.lastResident = ProcessMemory.residentBytes()
        if result.firstResident == 0 { result.firstResident = result.lastResident }
        if result.settledResident == 0 { result.settledResident = result.lastResident }
        result.maximumResident = max(result.maximumResident, result.lastResident)
        let before = session.status
        let status = session.stop()
        report(line(before, at: Double(MonotonicClock.now() - start) / 1e9, rss: result.lastResident))
        result.framesWritten = status.framesWritten.values.reduce(0, +)
        result.dropped = before.cameras.values.reduce(0) { $0 + $1.dropped }
        result.notSaved = status.droppedByRecorder.values.reduce(0, +)
        result.bytesWritten = status.bytesWritten
        result.failure = status.failure
        return result
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
