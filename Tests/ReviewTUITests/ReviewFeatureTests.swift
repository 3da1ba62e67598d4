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
        // Left vs right: the side camera films one leg, so the other pane says so rather than
        // showing this leg half a cycle later as if it were the other one.
        _ = screen.handle(.character("v"))
        #expect(screen.compare == .leftRight)
        let lr = render().text
        #expect(lr.contains("SIDE flat right stride"))
        #expect(lr.contains("no left stride: the side camera films the right leg"))
        // Flat vs incline at the same phase, same leg.
        _ = screen.handle(.character("v"))
        #expect(screen.compare == .stages)
        let st = render().text
        #expect(st.contains("SIDE flat right stride"))
        #expect(st.contains("SIDE incline right stride"))
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

    @Test func strideIndexPairsContactsPerSide() {
        func ic(_ side: BodySide, _ t: Double, _ view: CameraView = .side) -> GaitEvent {
            GaitEvent(kind: .initialContact, side: side, view: view, frame: Int(t * 120), time: t)
        }
        let idx = StrideIndex(events: [ic(.right, 1.0), ic(.right, 1.7), ic(.right, 2.41), ic(.right, 6.0),
                                       GaitEvent(kind: .toeOff, side: .right, view: .side, frame: 0, time: 1.27),
                                       ic(.left, 1.35, .rear), ic(.left, 2.05, .rear)])
        let right = idx.strides(of: .right)
        #expect(right.count == 2) // the 3.6 s gap is not a stride
        #expect(abs(right[0].duration - 0.7) < 1e-9)
        #expect(abs((right[0].toeOff ?? 0) - 1.27) < 1e-9)
        #expect(abs(right[0].phase(at: 1.35) - 0.5) < 1e-9)
        #expect(idx.strides(of: .left).count == 1)
        #expect(idx.stride(of: .right, containing: 2.0)?.number == 2)
    }
}
