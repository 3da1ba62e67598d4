import MarkerTracker
import Testing
@testable import ReviewTUI
import SessionStore

/// The report in the review console: `R` opens it over the views, it scrolls, Esc closes it and
/// the frame keys work again. The fixture session is too short to judge, and the report says so.
@Suite(.serialized) struct ReportOverlayTests {
    let fixture: SessionFixture
    let screen: ReviewScreen

    init() throws {
        fixture = try SessionFixture()
        screen = ReviewScreen(session: try RecordedSession(directory: fixture.directory),
                              pane: ViewPane(mode: .halfBlock, utf8: true, colour: true))
    }

    func render(_ w: Int = 120, _ h: Int = 40) -> [String] {
        var g = CellGrid(width: w, height: h)
        screen.draw(into: &g)
        return (0..<h).map { g.text(row: $0) }
    }

    @Test func rOpensTheReportWhichScrollsAndCloses() throws {
        #expect(!render().joined().contains("report (up/down"))
        _ = screen.handle(.character("R"))
        let overlay = try #require(screen.report)
        #expect(overlay.text.first == "Findings")
        #expect(overlay.text.contains { $0.hasPrefix("No findings can be made") })
        #expect(overlay.text.contains { $0.contains("too few strides, nothing judged") })
        #expect(overlay.text.contains { $0.hasPrefix("pelvic drop (deg)") })
        let rows = render()
        #expect(rows[1].contains("report (up/down PgUp/PgDn scroll, Esc close)"))
        #expect(rows[2].contains("Findings"))
        // Keys go to the overlay: the frame does not move, the text scrolls (a page of 13 rows).
        _ = render(120, 16)
        _ = screen.handle(.down)
        _ = screen.handle(.right)
        _ = screen.handle(.down)
        #expect(screen.frame == 0)
        #expect(screen.report?.top == 2)
        #expect(!render(120, 16)[2].contains("Findings"))
        _ = screen.handle(.escape)
        #expect(screen.report == nil)
        _ = screen.handle(.right)
        #expect(screen.frame == 1)
        #expect(render()[39].contains("R report"))
    }
}
