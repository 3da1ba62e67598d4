import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI
import SessionStore
import OfflineAnalysis

/// One recorded session shared by these tests (recording it is the slow part).
let reviewFeatureFixture = try! SessionFixture(seconds: 2.5)

@Suite(.serialized) struct ReviewFeatureTests {
    let fixture: SessionFixture
    let screen: ReviewScreen

    init() throws {
        fixture = reviewFeatureFixture
        screen = ReviewScreen(session: try RecordedSession(directory: fixture.directory),
                              pane: ViewPane(mode: .halfBlock, utf8: true, colour: true))
    }

    func render() -> CellGrid {
        var g = CellGrid(width: 140, height: 45)
        screen.draw(into: &g)
        return g
    }

    @Test func strideListLoopsTheChosenStride() throws {
        let strides = try #require(screen.review?.strides.strides)
        #expect(strides.count >= 2, "a 2.5 s stage has at least two strides of the camera-side leg")
        _ = screen.handle(.character("s"))
        #expect(render().text.contains("strides, stage 1"))
        _ = screen.handle(.down)
        _ = screen.handle(.enter)
        let loop = try #require(screen.loop)
        #expect(screen.playing)
        #expect(screen.frame == loop.lowerBound)
        // Play well past the stride's end: the frame stays inside the loop.
        var t = 10.0
        for _ in 0..<200 {
            t += 0.05
            _ = screen.tick(now: t)
            #expect(loop.contains(screen.frame))
        }
        _ = screen.handle(.escape)
        #expect(screen.loop == nil)
    }

    /// Puts the playhead 30 % into the first stride of `side`.
    func seekIntoFirstStride(of side: BodySide) throws {
        let r = try #require(screen.review)
        let s = try #require(r.strides.strides(of: side).first)
        screen.seek(try #require(r.frame(.side, atSeconds: s.time(atPhase: 0.3))))
    }

    @Test func gaitCycleChartAndComparison() throws {
        try seekIntoFirstStride(of: .right)
        let g = render()
        #expect(g.text.contains("knee flex over the right gait cycle"))
        // Left vs right: the side camera films one leg, so with a side-view angle chosen the
        // comparison moves to the rear camera's angle of the same leg (no empty pane).
        _ = screen.handle(.character("v"))
        #expect(screen.compare == .leftRight)
        #expect(screen.chartAngle == .hipAdductionRight)
        let lr = render().text
        #expect(lr.contains("REAR flat right stride"))
        #expect(lr.contains("REAR flat left stride"))
        #expect(!lr.contains("the side camera films"))
        // Flat vs incline at the same phase, same leg.
        _ = screen.handle(.character("v"))
        #expect(screen.compare == .stages)
        let st = render().text
        #expect(st.contains("REAR flat right stride"))
        #expect(st.contains("REAR incline right stride"))
        #expect(st.contains("% of the cycle"))
        _ = screen.handle(.character("v"))
        #expect(screen.compare == .off)
    }

    @Test func rearViewComparesLeftWithRight() throws {
        // Choose a rear angle of the left leg: the rear camera times both legs' strides.
        while screen.chartAngle != .hipAdductionLeft { _ = screen.handle(.character("c")) }
        let r = try #require(screen.review)
        #expect(!r.strides.strides(of: .left).isEmpty && !r.strides.strides(of: .right).isEmpty)
        try seekIntoFirstStride(of: .left)
        _ = screen.handle(.character("v"))
        #expect(screen.compare == .leftRight)
        let text = render().text
        #expect(text.contains("REAR flat left stride"))
        #expect(text.contains("REAR flat right stride"))
        #expect(text.contains("% of the cycle"))
        _ = screen.handle(.character("v"))
        _ = screen.handle(.character("v"))
        #expect(screen.compare == .off)
    }

    @Test func manualCorrectionIsSavedAndRecomputesAngles() throws {
        _ = screen.handle(.pageDown)
        let n = screen.frame
        let r = try #require(screen.review)
        let before = r.markers(.side, n)
        let kneeBefore = try #require(before[SideMarker.kne.rawValue]).position
        let angleBefore = try #require(r.angles(.side, n)[.kneeFlexion])
        _ = screen.handle(.character("e"))
        _ = screen.handle(.tab)
        _ = screen.handle(.tab) // SHO -> GT -> KNE
        for _ in 0..<3 { _ = screen.handle(.character("L")) } // 15 px forward
        #expect(render().text.contains("editing KNE"))
        _ = screen.handle(.enter)
        let after = r.markers(.side, n)[SideMarker.kne.rawValue]
        #expect(after?.source == .manual)
        #expect(abs((after?.position.x ?? 0) - kneeBefore.x - 15) < 1e-9)
        let angleAfter = try #require(r.angles(.side, n)[.kneeFlexion])
        #expect(abs(angleAfter - angleBefore) > 1)
        let file = fixture.directory + "/flat/side.corrections.csv"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("frame,label,x,y\n\(n),KNE,"))
        // Reopened, the correction is still applied.
        let again = ReviewScreen(session: try RecordedSession(directory: fixture.directory),
                                 pane: ViewPane(mode: .ascii, utf8: false, colour: false))
        #expect(again.review?.markers(.side, n)[SideMarker.kne.rawValue]?.source == .manual)
    }

    @Test func notesAreAddedToTheManifest() throws {
        _ = screen.handle(.pageDown)
        _ = screen.handle(.character("a"))
        for c in "hip drops" { _ = screen.handle(.character(c)) }
        _ = screen.handle(.enter)
        let m = try ManifestStore.read(from: fixture.directory)
        #expect(m.notes.last?.text == "hip drops")
        #expect(abs((m.notes.last?.seconds ?? 0) - screen.currentTime) < 1e-6)
    }
}

@Suite struct WidgetTests {
    @Test func lineEditorEditsAcceptsAndCancels() {
        var e = LineEditor(prompt: "note:")
        for c in "abc" { #expect(e.handle(.character(c)) == .editing) }
        _ = e.handle(.backspace)
        #expect(e.text == "ab")
        #expect(e.handle(.enter) == .accepted("ab"))
        var empty = LineEditor(prompt: "x")
        #expect(empty.handle(.enter) == .cancelled)
        #expect(empty.handle(.escape) == .cancelled)
    }

    @Test func lineChartDrawsBrailleWithinItsRect() {
        var g = CellGrid(width: 30, height: 6)
        let pts = (0...100).map { (x: Double($0), y: Double?(Double($0 % 50))) }
        LineChart(xRange: 0...100, yRange: 0...50, utf8: true, colour: true)
            .draw([.init(points: pts, colour: 51)], in: CellRect(column: 0, row: 0, width: 30, height: 6), cursorX: 50, into: &g)
        let braille = g.cells.filter { $0.character.unicodeScalars.first!.value >= 0x2801 && $0.character.unicodeScalars.first!.value <= 0x28FF }
        #expect(braille.count > 20)
        #expect(g.text(row: 0).hasPrefix(" 50.0"))
        #expect(g.text(row: 5).hasPrefix("  0.0"))
        var a = CellGrid(width: 30, height: 6)
        LineChart(xRange: 0...100, yRange: 0...50, utf8: false, colour: false)
            .draw([.init(points: pts, colour: 51)], in: CellRect(column: 0, row: 0, width: 30, height: 6), into: &a)
        #expect(a.text.contains("*"))
        #expect(a.text.unicodeScalars.allSatisfy { $0.isASCII })
    }

    /// The review's strides are the report's: a stride spanning a missed contact (about twice as
    /// long) is in neither the chart nor the list; numbers are the recorded ones; each stride
    /// carries both cameras' metrics, and an odd value is marked.
    @Test func strideIndexUsesTheReportsAcceptance() {
        func stride(_ view: CameraView, _ side: BodySide, _ n: Int, _ t: Double, _ d: Double = 0.7,
                    _ values: [StrideMetric: Double] = [:]) -> StrideRecord {
            StrideRecord(view: view, side: side, number: n, contactFrame: Int(t * 120), contactTime: t,
                         toeOffTime: t + 0.25, nextContactFrame: Int((t + d) * 120), nextContactTime: t + d, values: values)
        }
        var records: [StrideRecord] = []
        for n in 1...8 { records.append(stride(.side, .right, n, 0.7 * Double(n), 0.7, [.kneeFlexionAtContact: 20 + Double(n % 2)])) }
        records[5].values[.kneeFlexionAtContact] = 35 // the odd stride
        records.append(stride(.side, .right, 9, 0.7 * 9, 1.4, [.kneeFlexionAtContact: 21])) // a missed contact
        records.append(stride(.side, .right, 10, 0.7 * 11, 0.7, [.kneeFlexionAtContact: 20]))
        for n in 1...8 { records.append(stride(.rear, .right, n, 0.7 * Double(n) + 0.01, 0.7, [.pelvicDrop: 5])) }
        records.append(stride(.rear, .left, 1, 1.05, 0.7, [.pelvicDrop: 6]))
        let idx = StrideIndex(records: records)
        let right = idx.strides(of: .right)
        #expect(right.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 8, 10], "the 1.4 s stride is left out, numbers kept")
        #expect(idx.implausible == 1)
        #expect(right.allSatisfy { $0.view == .side })
        #expect(right[0].values[.pelvicDrop] == 5, "the rear camera's metrics of the same stride")
        #expect(abs((right[0].toeOff ?? 0) - 0.95) < 1e-9)
        #expect(right[5].outliers == [.kneeFlexionAtContact])
        #expect(right.filter { !$0.outliers.isEmpty }.count == 1)
        #expect(idx.strides(of: .left).map(\.view) == [.rear])
        #expect(idx.stride(of: .right, containing: 2.0)?.number == 2)
    }
}
