import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI
import SessionStore
import OfflineAnalysis

/// One 6 s per stage session, recording paused from 3.0 to 4.5 s (recording it is the slow part).
let reviewTrustFixture = try! SessionFixture(seconds: 6, seed: 11, pause: 3.0...4.5)

/// Issue #14, the console side: a correction re-measures only what depends on it and can be
/// undone; notes are on the timeline on the REC clock; a pause is neither drops nor crossed
/// silently; per-stride values in the stride list.
@Suite(.serialized) struct ReviewTrustTests {
    let fixture: SessionFixture
    let screen: ReviewScreen

    init() throws {
        fixture = reviewTrustFixture
        screen = ReviewScreen(session: try RecordedSession(directory: fixture.directory),
                              pane: ViewPane(mode: .halfBlock, utf8: true, colour: true))
    }

    func render(_ w: Int = 140, _ h: Int = 45) -> CellGrid {
        var g = CellGrid(width: w, height: h)
        screen.draw(into: &g)
        return g
    }

    struct Snapshot: Equatable {
        var number: Int, side: BodySide, start: Double, values: [StrideMetric: Double]
    }

    func strides() throws -> [Snapshot] {
        try #require(screen.review).strides.strides.map { Snapshot(number: $0.number, side: $0.side, start: $0.start, values: $0.values) }
    }

    @Test func aCorrectionReMeasuresOnlyTheStridesTouchingItAndIsUndoable() throws {
        // The second stage has no pause: a correction 4 s in, far from its start.
        _ = screen.handle(.character("n"))
        let r = try #require(screen.review)
        let before = try strides()
        let rearBefore = r.events.filter { $0.view == .rear }
        let footerBefore = screen.eventFooter(r, view: .side, time: r.time(.side, 0))
        #expect(before.count >= 10)
        let n = try #require(r.frame(.side, atSeconds: r.time(.side, 0) + 4.0))
        screen.seek(n)
        let t = r.time(.side, n)
        _ = screen.handle(.character("e"))
        _ = screen.handle(.tab)
        _ = screen.handle(.tab) // SHO -> GT -> KNE
        _ = screen.handle(.character("L"))
        _ = screen.handle(.character("L")) // 10 px forward
        _ = screen.handle(.enter)
        let footer = render().text(row: 44)
        #expect(footer.contains("correction saved: KNE frame \(n + 1),"), "\(footer)")
        #expect(footer.contains("re-measured"))
        let after = try strides()
        #expect(after.count == before.count, "no stride lost")
        #expect(after.map(\.number) == before.map(\.number), "numbers kept")
        // Strides well away from the corrected frame keep their numbers and values exactly.
        let far = before.filter { $0.start > t + 1.5 || $0.start < t - 1.5 }
        #expect(far.count >= 4)
        for s in far { #expect(after.contains(s), "stride \(s.side) \(s.number) changed") }
        #expect(r.events.filter { $0.view == .rear } == rearBefore, "the rear view is not touched")
        #expect(screen.eventFooter(r, view: .side, time: r.time(.side, 0)) == footerBefore)
        // The key table lists the undo; it is saved as a row of its own.
        #expect(KeyTable.helpLines(ReviewScreen.keys).contains { $0.hasPrefix("u ") && $0.contains("undo") })
        _ = screen.handle(.character("u"))
        #expect(render().text(row: 44).contains("correction undone: KNE frame \(n + 1)"))
        #expect(try strides() == before)
        #expect(r.markers(.side, n)[SideMarker.kne.rawValue]?.source != .manual)
        let file = fixture.directory + "/incline/side.corrections.csv"
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasSuffix("\(n),KNE,,\n"))
        let reopened = try StageReview(session: RecordedSession(directory: fixture.directory), index: 1)
        #expect(reopened.markers(.side, n)[SideMarker.kne.rawValue]?.source != .manual, "the undo is saved")
        _ = screen.handle(.character("u"))
        #expect(render().text(row: 44).contains("no correction to undo"))
    }

    @Test func aPauseIsNotDroppedFramesAndIsOnTheTimeline() throws {
        let manifest = screen.session.manifest
        let flat = try #require(manifest.stages.first)
        #expect(flat.views.values.allSatisfy { $0.droppedByCamera == 0 }, "a pause is not dropped frames: \(flat.views)")
        let side = try #require(screen.session.stages[0].views[.side])
        #expect(side.droppedBefore.allSatisfy { $0 == 0 })
        // The timeline marks the pause; the countdown to the next event says a pause lies between.
        let pauses = screen.clock.pauses(stage: 0)
        #expect(pauses.count == 1)
        let p = try #require(pauses.first)
        #expect(abs(p.upperBound - p.lowerBound - 1.5) < 0.05)
        let last = try #require(side.times.lastIndex { $0 <= p.lowerBound + 1e-9 })
        screen.seek(last)
        let g = render()
        #expect(g.text.contains("‖"))
        #expect(g.text.contains("after a 1.5 s pause"), "\(g.text)")
        // The REC clock leaves the pause out.
        let end = screen.clock.recorded(stage: 0, at: try #require(side.times.last))
        #expect(abs(end - (6 - 1.5)) < 0.05, "\(end)")
        // Jumping to the next contact across the pause says so.
        _ = screen.handle(.character("i"))
        #expect(render().text(row: 44).contains("across a pause of 1.5 s"))
        let across = screen.frame
        _ = screen.handle(.character("I"))
        #expect(screen.frame < across)
    }

    @Test func notesAreOnTheTimelineListedAndJumpedTo() throws {
        let session = screen.session
        let flatTime = try #require(session.stages[0].views[.side]?.times[240])
        let inclineTime = try #require(session.stages[1].views[.side]?.times[360])
        try session.addNote("first look", seconds: flatTime)
        try session.addNote("left hip drops", seconds: inclineTime)
        defer {
            // Other tests read the same session: take the notes out again.
            var m = try! ManifestStore.read(from: fixture.directory)
            m.notes.removeAll()
            try! ManifestStore.write(m, to: fixture.directory)
        }
        let g = render()
        #expect(g.text.contains("♦"))
        #expect(g.text.contains("1 note (N)"), "the flat stage's timeline holds its note")
        _ = screen.handle(.character("N"))
        let list = render().text
        #expect(list.contains("REC 00:02.0  flat"), "\(list)")
        #expect(list.contains("first look"))
        #expect(list.contains("left hip drops"))
        _ = screen.handle(.down)
        _ = screen.handle(.enter)
        #expect(screen.stageIndex == 1)
        #expect(abs(screen.currentTime - inclineTime) < 0.01)
        #expect(render().text(row: 0).contains("REC 00:07.5"), "REC clock: 4.5 s of flat, then 3 s")
        // `a` takes the note's time on the same clock.
        _ = screen.handle(.character("a"))
        #expect(render().text(row: 44).contains("note at REC 00:07.5:"))
        _ = screen.handle(.escape)
        // Go to a time on the REC clock, and by frame.
        _ = screen.handle(.character("g"))
        for c in "0:02" { _ = screen.handle(.character(c)) }
        _ = screen.handle(.enter)
        #expect(screen.stageIndex == 0)
        #expect(abs(screen.currentTime - flatTime) < 0.02)
        _ = screen.handle(.character("g"))
        for c in "f100" { _ = screen.handle(.character(c)) }
        _ = screen.handle(.enter)
        #expect(screen.frame == 99)
    }

    @Test func theStrideListShowsEachStridesMetrics() throws {
        _ = screen.handle(.character("s"))
        let text = render().text
        #expect(text.contains("kneeIC"))
        #expect(text.contains("pdrop"))
        #expect(text.contains("* outlier (modified z > 3.5"))
        let r = try #require(screen.review)
        let first = try #require(r.strides.strides.first)
        let knee = try #require(first.values[.kneeFlexionAtContact] ?? first.values[.cadence])
        #expect(text.contains(TextFormat.fixed(knee, first.values[.kneeFlexionAtContact] == nil ? 0 : 1)))
        // The chart counts what the list shows.
        _ = screen.handle(.escape)
        let side = r.markerSide
        #expect(render().text.contains("\(r.strides.strides(of: side).count) strides"))
    }

    /// The odd stride is found: its value marked `*`, the stride `!`, and `o` selects it.
    @Test func oFindsTheOddStrideInTheList() throws {
        let copy = NSTemporaryDirectory() + "gaitlive-odd-\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: fixture.directory, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        // Stride 4 of the side camera's leg in the incline stage lands with a far straighter knee.
        let path = copy + "/incline/strides.csv"
        var rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let knee = try #require(rows[0].firstIndex(of: "knee_flexion_ic"))
        let sideRows = rows.indices.filter { $0 > 0 && rows[$0][0] == "side" }
        let odd = sideRows[sideRows.count / 2]
        rows[odd][knee] = "2.00"
        try (rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let screen = ReviewScreen(session: try RecordedSession(directory: copy), pane: ViewPane(mode: .ascii, utf8: false, colour: false))
        _ = screen.handle(.character("n"))
        let r = try #require(screen.review)
        let number = Int(rows[odd][2])!
        let flagged = r.strides.strides.filter { !$0.outliers.isEmpty }
        #expect(flagged.contains { $0.number == number && $0.outliers.contains(.kneeFlexionAtContact) })
        #expect(!flagged.contains { $0.outliers.contains(.kneeFlexionAtContact) && $0.number != number })
        _ = screen.handle(.character("s"))
        var g = CellGrid(width: 80, height: 24)
        var selected = ""
        for _ in 0..<flagged.count {
            _ = screen.handle(.character("o"))
            screen.draw(into: &g)
            selected = g.text.split(separator: "\n").first { $0.contains("> ") && $0.contains("ms") }.map(String.init) ?? ""
            if selected.contains(" \(number)!") { break }
        }
        #expect(selected.contains(" \(number)!"), "\(g.text)")
        #expect(selected.contains("2.0*"))
    }

    /// The report agrees: a side-view correction leaves the rear camera's metrics (pelvic drop
    /// counts and values) as recorded, and the side camera's strides far from the frame too.
    @Test func theReportReMeasuresOnlyAroundTheCorrection() throws {
        let copy = NSTemporaryDirectory() + "gaitlive-report-\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: fixture.directory, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        func report() throws -> GaitReport {
            try GaitReport.build(session: RecordedSession(directory: copy), library: .builtIn,
                                 options: .init(curves: false, keyFrames: false))
        }
        let before = try report()
        let review = try StageReview(session: RecordedSession(directory: copy), index: 1)
        let n = try #require(review.frame(.side, atSeconds: review.time(.side, 0) + 4.0))
        let knee = try #require(review.markers(.side, n)[SideMarker.kne.rawValue])
        try review.correct(.side, frame: n, marker: SideMarker.kne.rawValue, to: Point(x: knee.position.x + 10, y: knee.position.y))
        let after = try report()
        for side in BodySide.allCases {
            for metric in [StrideMetric.pelvicDrop, .hipAdduction, .cadence] {
                #expect(after.stages[1].strides.summary(metric, side)?.values == before.stages[1].strides.summary(metric, side)?.values,
                        "\(metric) \(side): the rear camera was not touched")
            }
            #expect(after.stages[1].strides.strideCount(side) == before.stages[1].strides.strideCount(side))
        }
        #expect(after.stages[0].strides.summary(.kneeFlexionAtContact, .right)?.values
                == before.stages[0].strides.summary(.kneeFlexionAtContact, .right)?.values, "the other stage is not touched")
    }
}
