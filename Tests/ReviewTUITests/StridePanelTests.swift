import MarkerTracker
import Testing
@testable import ReviewTUI
import OfflineAnalysis

@Suite struct StridePanelTests {
    /// A stride of one camera and leg with a cadence and a knee flexion at contact.
    func stride(_ view: CameraView, _ side: BodySide, _ n: Int, cadence: Double, knee: Double? = nil,
                drop: Double? = nil) -> StrideMetrics {
        var s = StrideMetrics(view: view, side: side, number: n, contact: .init(frame: n * 80, time: Double(n) * 0.7),
                              nextContact: .init(frame: n * 80 + 84, time: Double(n) * 0.7 + 0.7))
        s[.cadence] = cadence
        s[.kneeFlexionAtContact] = knee
        s[.pelvicDrop] = drop
        return s
    }

    @Test func meansAppearPerSideAfterSevenStrides() {
        var summary = StageSummary()
        // Rear camera: both legs, timing and pelvic drop; six right strides only so far.
        for n in 1...7 { summary.add(stride(.rear, .left, n, cadence: 170 + Double(n % 2), drop: 6 + Double(n % 2))) }
        for n in 1...6 { summary.add(stride(.rear, .right, n, cadence: 170, drop: 3)) }
        // Side camera: the right leg's sagittal angles.
        for n in 1...8 { summary.add(stride(.side, .right, n, cadence: 171, knee: 20 + Double(n % 2))) }

        let panel = StridePanel(utf8: false, colour: false)
        #expect(panel.cell(summary, .cadence, .left) == "171 +- 1")
        #expect(panel.cell(summary, .cadence, .right) == "6/7") // from the rear camera, preferred for timing
        #expect(panel.cell(summary, .pelvicDrop, .left) == "6.6 +- 0.5")
        #expect(panel.cell(summary, .kneeFlexionAtContact, .left) == "--") // the side camera sees the right leg
        #expect(panel.cell(summary, .kneeFlexionAtContact, .right) == "20.5 +- 0.5")

        var g = CellGrid(width: 46, height: 5)
        panel.draw(summary, stageTitle: "incline 5%", in: CellRect(column: 0, row: 0, width: 46, height: 5), into: &g)
        #expect(g.text(row: 0) == "incline 5% means           left         right ")
        #expect(g.text(row: 1) == "cadence steps/min      171 +- 1           6/7 ")
        #expect(g.text(row: 2) == "knee flex IC                 --   20.5 +- 0.5 ")
        #expect(g.text(row: 3).hasPrefix("knee flex peak"))
        #expect(g.text(row: 4).hasPrefix("ankle DF peak"))
    }

    @Test func liveScreenShowsStageMeansBesideTheAnglesWhenWide() throws {
        let fixture = try LiveFixture()
        defer { fixture.stop() }
        let screen = LiveScreen(session: fixture.session, pane: ViewPane(mode: .ascii, utf8: false, colour: false),
                                title: "test")
        var wide = CellGrid(width: 200, height: 60)
        screen.draw(into: &wide)
        #expect(wide.text.contains("flat means"))
        #expect(wide.text.contains("stage mean +- SD"))
        #expect(wide.text.contains("knee flex, last 6 s"))

        // Narrower: angles, or the stride means with `t`; the chart stays beside them.
        var narrow = CellGrid(width: 120, height: 40)
        screen.draw(into: &narrow)
        #expect(!narrow.text.contains("flat means"))
        #expect(narrow.text.contains("stage mean +- SD"))
        _ = screen.handle(.character("t"))
        screen.draw(into: &narrow)
        #expect(narrow.text.contains("flat means"))
        #expect(narrow.text.contains("pelvic drop"))
        #expect(!narrow.text.contains("stage mean +- SD"))
        #expect(narrow.text.contains("knee flex, last 6 s"))
    }
}
