import Foundation
import MarkerTracker
import ReviewTUI
import LivePipeline
import OfflineAnalysis
import SessionStore

/// The short report `gaitlive demo --headless` prints: frames and drops per camera, cadence and
/// mean angles per stage, read back from the saved session so it shows what is on disk.
enum HeadlessSummary {
    static func print(directory: String, session: LiveSession, subject: String, seed: UInt64, size: FrameSize,
                      fps: Double) throws {
        if let problem = SessionDirectory.readBackProblem(directory) { throw Failure.failed(problem) }
        let recorded: RecordedSession
        do {
            recorded = try RecordedSession(directory: directory)
        } catch {
            throw Failure.failed("the session was written but cannot be read back: \(error)")
        }
        var out = "gaitlive demo (headless): \(subject), seed \(seed), \(size.width)x\(size.height) at \(TextFormat.fixed(fps, 0)) fps\n"
        out += "session saved: \(directory)\n"
        if let i = recorded.manifest.interruption {
            out += "recording stopped early (\(i.reason)): the stages below hold what was saved\n"
        }
        let timeline = session.currentTimeline
        for (i, stage) in recorded.stages.enumerated() {
            let s = stage.info
            let title = s.kind == "incline" ? "incline (\(TextFormat.fixed(s.inclinePercent, 0))%)" : "flat"
            out += "stage \(i + 1) \(title): \(TextFormat.fixed(s.durationSeconds ?? 0, 2)) s\n"
            for view in CameraView.allCases {
                guard let v = s.views[view.rawValue] else { continue }
                let measured = recorded.manifest.camera(view)?.measuredFps ?? fps
                out += "  \(TextFormat.padded(view.rawValue, 5, cut: false)) \(v.frames) frames, \(v.droppedByCamera) dropped by camera, "
                out += "\(v.droppedByRecorder) not saved, \(TextFormat.fixed(measured, 1)) fps\n"
            }
            // Stage index in the timeline with the same directory.
            let index = timeline.stages.firstIndex { $0.directory == s.directory } ?? i
            var cadences: [Double] = []
            for view in CameraView.allCases {
                guard let agg = session.aggregates(view)[index] else { continue }
                if let c = agg.cadence.stepsPerMinute { cadences.append(c) }
                let means = AngleKind.kinds(for: view).compactMap { k -> String? in
                    guard let st = agg.angles[k], st.count > 0 else { return nil }
                    return "\(k.column) \(TextFormat.fixed(st.mean, 1))"
                }
                if !means.isEmpty {
                    out += "  \(TextFormat.padded(view.rawValue, 5, cut: false)) mean angles (deg): " + means.joined(separator: ", ") + "\n"
                }
            }
            let cadence = cadences.isEmpty ? "not enough strides" : "\(TextFormat.fixed(cadences.reduce(0, +) / Double(cadences.count), 1)) steps/min"
            out += "  cadence \(cadence); events: \(stage.events.count)\n"
            let aggregates = CameraView.allCases.compactMap { session.aggregates($0)[index] }
            out += strideLines(StageAggregate.combinedSummary(aggregates))
        }
        Swift.print(out, terminator: "")
    }

    /// "disk: side 2.23 GB/min, rear 2.23 GB/min expected; 70.31 GB free"
    static func diskLine(session: LiveSession, directory: String) -> String {
        let per = CameraView.allCases.compactMap { v in
            session.expectedBytesPerMinute[v].map { "\(v.rawValue) \(FreeSpace.format($0))/min" }
        }
        let free = FreeSpace.bytesAvailable(at: directory).map { "; \(FreeSpace.format($0)) free" } ?? ""
        return "disk: " + per.joined(separator: ", ") + " expected" + free
    }

    /// Per-side stride means (mean +- SD, strides), for metrics with a mean on at least one side.
    static func strideLines(_ summary: StageSummary) -> String {
        var out = "  strides: left \(summary.strides(.left)), right \(summary.strides(.right))"
        out += " (a mean needs \(StageSummary.minimumSteps) per side)\n"
        let metrics = StrideMetric.allCases.filter { m in BodySide.allCases.contains { summary.mean(m, $0) != nil } }
        // Each side's cell: "L 9.0 ± 0.0", or for pelvic drop "L stance (R drops) 9.0 ± 0.0"
        // (whose stance, which side drops); the columns as wide as the widest cell.
        let cells = metrics.map { m in
            BodySide.allCases.map { side -> String in
                let st = summary.stats(m, side)
                let d = m.unit == .degrees || m.unit == .centimetres ? 1 : 0
                let value = summary.mean(m, side).map { "\(TextFormat.fixed($0, d)) ± \(TextFormat.fixed(st.standardDeviation, d))" } ?? "--"
                return "\(SideWording.short(m, side)) " + value
            }
        }
        let width = max(18, (cells.flatMap { $0 }.map(\.count).max() ?? 0) + 2)
        for (m, row) in zip(metrics, cells) {
            var line = "    " + TextFormat.padded("\(m.title) (\(m.unit.rawValue))", 28, cut: false)
            for cell in row { line += TextFormat.padded(cell, width, cut: false) }
            if let diff = summary.leftMinusRight(m) {
                line += "L-R \(TextFormat.fixed(diff, 1))"
            }
            out += line + "\n"
        }
        return out
    }

}
