import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI
import SessionStore
import LivePipeline

/// Issue #14 items 5, 8, 9 and 11: every screen at 80x24 keeps what is essential, labels name
/// the angle, the report overlay covers the screen, and the small slips.
@Suite(.serialized) struct SmallScreenTests {
    func review() throws -> ReviewScreen {
        ReviewScreen(session: try RecordedSession(directory: reviewFeatureFixture.directory),
                     pane: ViewPane(mode: .halfBlock, utf8: true, colour: true))
    }

    func render(_ screen: any ConsoleScreen, _ w: Int = 80, _ h: Int = 24) -> CellGrid {
        var g = CellGrid(width: w, height: h)
        screen.draw(into: &g)
        return g
    }

    @Test func reviewAt80x24KeepsFooterStatusAndState() throws {
        let screen = try review()
        for _ in 0..<40 { _ = screen.handle(.right) }
        let g = render(screen)
        #expect(g.text(row: 23).trimmingCharacters(in: .whitespaces).hasSuffix("? help  q quit"), "\(g.text(row: 23))")
        #expect(g.text(row: 0).contains("paused"), "\(g.text(row: 0))")
        #expect(g.text(row: 0).contains("REC 00:00.3"))
        // The tracking word is whole (or left out), never cut.
        for row in 0..<24 {
            let line = g.text(row: row)
            #expect(!line.contains("trackin") || line.contains("tracking"), "cut status word in row \(row): \(line)")
        }
        // The stride list and the editor keep their whole footers.
        _ = screen.handle(.character("s"))
        #expect(render(screen).text.contains("strides, stage 1"))
        #expect(render(screen).text(row: 23).trimmingCharacters(in: .whitespaces).hasSuffix("Esc back"))
        _ = screen.handle(.escape)
        _ = screen.handle(.character("e"))
        #expect(render(screen).text(row: 23).trimmingCharacters(in: .whitespaces).hasSuffix("Esc discard"))
        _ = screen.handle(.escape)
    }

    @Test func reviewHelpListsEachKeyOnce() throws {
        let screen = try review()
        _ = screen.handle(.character("?"))
        let text = render(screen, 140, 45).text
        // The key column of the help box: "│ a   add a note ...".
        let aLines = text.split(separator: "\n").filter { $0.contains("│ a ") }
        #expect(aLines.count == 1, "\(text)")
        let names = ReviewScreen.keys.flatMap { $0.keys.map(\.key) }
        #expect(names.count == Set(names).count, "a key bound twice")
        #expect(text.contains("gaitlive review keys"))
    }

    @Test func helpAt80x24WrapsAndPages() throws {
        let screen = try review()
        _ = screen.handle(.character("?"))
        var pages = render(screen).text
        #expect(pages.contains("gaitlive review keys 1/"))
        #expect(pages.contains("more"))
        var n = 0
        while screen.help != nil && n < 5 {
            _ = screen.handle(.down)
            pages += render(screen).text
            n += 1
        }
        #expect(screen.help == nil, "down past the last page closes the help")
        let flat = pages.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "│", with: " ").split(separator: " ").joined(separator: " ")
        #expect(flat.contains("re-measures the strides touching the frame"), "a long line is wrapped, not cut")
        #expect(flat.contains("q quit"))
        _ = screen.handle(.character("?"))
        _ = screen.handle(.character("x"))
        #expect(screen.help == nil)
    }

    @Test func reportOverlayCoversTheWholeWidth() throws {
        let screen = try review()
        _ = screen.handle(.character("R"))
        let g = render(screen, 120, 40)
        for row in 1..<40 {
            #expect(g[0, row].background == 234 && g[119, row].background == 234, "row \(row) shows the screen underneath")
        }
    }

    @Test func chartCyclesBothWaysAndEventsGoBack() throws {
        let screen = try review()
        #expect(screen.chartAngle == .kneeFlexion)
        _ = screen.handle(.character("c"))
        #expect(screen.chartAngle != .kneeFlexion)
        _ = screen.handle(.character("C"))
        #expect(screen.chartAngle == .kneeFlexion)
        _ = screen.handle(.character("C"))
        #expect(screen.chartAngle == .hipFlexion, "the one before knee flexion")
        _ = screen.handle(.character("i"))
        _ = screen.handle(.character("i"))
        let second = screen.frame
        _ = screen.handle(.character("I"))
        #expect(screen.frame < second)
        #expect(KeyTable.helpLines(ReviewScreen.keys).contains { $0.hasPrefix("g ") && $0.contains("go to a time") })
    }

    @Test func labelsNameTheAngleAndNeverTouchAnotherMarker() {
        let painter = OverlayPainter(utf8: true, colour: true)
        let mapping = ViewMapping(imageWidth: 640, imageHeight: 480, fitting: CellRect(column: 0, row: 0, width: 80, height: 30),
                                  mode: .halfBlock)
        // Side view: the angle at the hip is named, not the marker.
        var side = MarkerFrame(repeating: nil, count: MarkerSet.standard(for: .side).count)
        side[SideMarker.gt.rawValue] = TrackedMarker(position: Point(x: 300, y: 200), confidence: 1, source: .detected)
        var angles = AngleSet()
        angles[.hipFlexion] = 35
        var g = CellGrid(width: 80, height: 30)
        painter.drawMarkers(.init(markerSet: .standard(for: .side), markers: side, angles: angles), mapping: mapping, into: &g)
        #expect(g.text.contains("hip flex 35°"))
        #expect(!g.text.contains("GT"))
        // Rear view: two spines in neighbouring cells: each label keeps a blank between it and
        // the other marker, and the pelvis says which side is low.
        var rear = MarkerFrame(repeating: nil, count: MarkerSet.standard(for: .rear).count)
        let a = Point(x: 320, y: 200)
        let (c0, r0) = mapping.cell(a)!
        var b = a
        while mapping.cell(b)!.column == c0 { b.x += 1 }
        rear[RearMarker.rpsi.rawValue] = TrackedMarker(position: a, confidence: 1, source: .detected)
        rear[RearMarker.lpsi.rawValue] = TrackedMarker(position: b, confidence: 1, source: .detected)
        rear[RearMarker.lthi.rawValue] = TrackedMarker(position: Point(x: 380, y: 300), confidence: 1, source: .detected)
        var ra = AngleSet()
        ra[.hipAdductionLeft] = 11
        ra[.pelvicObliquity] = -5
        var h = CellGrid(width: 80, height: 30)
        painter.drawMarkers(.init(markerSet: .standard(for: .rear), markers: rear, angles: ra), mapping: mapping, into: &h)
        let line = h.text(row: r0)
        #expect(line.contains("RPSI ●● LPSI") || (!line.contains("I●") && !line.contains("●R") && !line.contains("●L")), "\(line)")
        #expect(h.text.contains("hip add L 11°"))
        #expect(!h.text.contains("LTHI"))
        #expect(h.text.contains("pelvis L low 5°"))
        #expect(OverlayPainter.pelvisLabel(4.6, utf8: false) == "pelvis R low 5")
        // The live panel's pelvis row says the low side too.
        var p = CellGrid(width: 60, height: 12)
        AnglePanel(utf8: true, colour: false).draw([.init(title: "rear", view: .rear, current: ra, stage: [:])],
                                                   in: CellRect(column: 0, row: 0, width: 60, height: 12), into: &p)
        #expect(p.text.contains("pelvis low    L 5.0°"), "\(p.text)")
    }

    @Test func footerKeepsHelpAndQuitAtAnyWidth() {
        for width in [60, 80, 100] {
            let f = KeyTable.footer(LiveScreen.keys, utf8: true, width: width)
            #expect(f.count <= width && f.hasSuffix("? help  q quit"), "\(width): \(f)")
            let r = KeyTable.footer(ReviewScreen.keys, utf8: false, width: width)
            #expect(r.count <= width && r.hasSuffix("? help  q quit"), "\(width): \(r)")
        }
    }

    @Test func liveAt80x24AndAt200Columns() throws {
        let fixture = try LiveFixture()
        defer { fixture.stop() }
        let screen = LiveScreen(session: fixture.session, pane: ViewPane(mode: .halfBlock, utf8: true, colour: true),
                                title: "demo: test")
        var g = render(screen)
        #expect(g.text(row: 23).trimmingCharacters(in: .whitespaces).hasSuffix("? help  q quit"), "\(g.text(row: 23))")
        let titles = (1..<23).map { g.text(row: $0) }.filter { $0.contains("SIDE") }
        #expect(titles.contains { $0.contains("fps") && $0.contains("drop") }, "\(titles)")
        // `t` pages through the stage means when they do not fit.
        _ = screen.handle(.character("t"))
        g = render(screen)
        #expect(g.text.contains("means (t)"))
        _ = screen.handle(.character("t"))
        g = render(screen)
        #expect(screen.meansTop > 0)
        #expect(g.text.contains(StridePanel.metrics[screen.meansTop].title))
        // Help title: this is the demo.
        _ = screen.handle(.character("?"))
        #expect(render(screen).text.contains("gaitlive demo keys"))
        _ = screen.handle(.character("x"))
        // At 200 columns both tables are shown: `t` changes something or says nothing.
        let wide = LiveScreen(session: fixture.session, pane: ViewPane(mode: .ascii, utf8: false, colour: false), title: "demo")
        var before = render(wide, 200, 55)
        _ = wide.handle(.character("t"))
        _ = wide.tick(now: 0)
        let after = render(wide, 200, 55)
        let announced = after.text(row: 54).contains("stage means")
        before = render(wide, 200, 55)
        #expect(!announced || wide.meansTop > 0, "t announced a change at 200 columns")
        _ = before
        // The strip chart's axis numbers carry the unit.
        let chart = render(wide, 120, 40).text
        #expect(chart.contains("deg"), "\(chart)")
    }
}
