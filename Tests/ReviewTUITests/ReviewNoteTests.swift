import MarkerTracker
import Testing
@testable import ReviewTUI
import SessionStore

/// `a` in review: a one-line note, saved into the session's manifest with the frame's time.
@Suite struct ReviewNoteTests {
    @Test func aNoteTypedInReviewIsSavedWithTheFrameTime() throws {
        let fixture = try SessionFixture(seconds: 0.25)
        let screen = ReviewScreen(session: try RecordedSession(directory: fixture.directory),
                                  pane: ViewPane(mode: .halfBlock, utf8: true, colour: true))
        for _ in 0..<12 { _ = screen.handle(.right) }
        _ = screen.handle(.character("a"))
        for c in "hip dropx" { _ = screen.handle(.character(c)) }
        _ = screen.handle(.backspace)
        var grid = CellGrid(width: 120, height: 40)
        screen.draw(into: &grid)
        #expect(grid.text(row: 39).contains("note at "))
        #expect(grid.text(row: 39).contains(": hip drop▏"))
        // While typing, keys are text: 'q' does not quit.
        #expect(screen.handle(.character("q")) == .none)
        _ = screen.handle(.backspace)
        _ = screen.handle(.enter)
        #expect(screen.noteDraft == nil)

        let saved = try RecordedSession(directory: fixture.directory).manifest.notes
        #expect(saved.map(\.text) == ["hip drop"])
        let time = try #require(saved.first?.seconds)
        let frameTime = try #require(screen.session.stages.first?.views[.side]?.times[12])
        #expect(abs(time - frameTime) < 1e-9)

        // Esc cancels without saving.
        _ = screen.handle(.character("a"))
        _ = screen.handle(.character("x"))
        _ = screen.handle(.escape)
        #expect(try RecordedSession(directory: fixture.directory).manifest.notes.count == 1)
    }
}
