import MarkerTracker
import Testing
@testable import ReviewTUI
import SessionStore

@Suite(.serialized) struct ReviewScreenTests {
    let fixture: SessionFixture
    let screen: ReviewScreen

    init() throws {
        fixture = try SessionFixture()
        screen = ReviewScreen(session: try RecordedSession(directory: fixture.directory),
                              pane: ViewPane(mode: .halfBlock, utf8: true, colour: true))
    }

    func render(_ w: Int = 120, _ h: Int = 40) -> CellGrid {
        var g = CellGrid(width: w, height: h)
        screen.draw(into: &g)
        return g
    }

    @Test func stepsFramesWithTheArrowKeys() {
        #expect(screen.frame == 0)
        _ = screen.handle(.right)
        _ = screen.handle(.right)
        #expect(screen.frame == 2)
        _ = screen.handle(.left)
        #expect(screen.frame == 1)
        #expect(render().text(row: 0).contains("frame 2/\(fixture.perStage)"))
        _ = screen.handle(.end)
        #expect(screen.frame == fixture.perStage - 1)
        _ = screen.handle(.right)
        #expect(screen.frame == fixture.perStage - 1)
        _ = screen.handle(.home)
        _ = screen.handle(.left)
        #expect(screen.frame == 0)
    }

    @Test func playsSlowlyAndLoops() {
        _ = screen.handle(.character(" "))
        #expect(screen.playing)
        #expect(screen.speed == 0.25)
        _ = screen.tick(now: 100)
        _ = screen.tick(now: 101) // one second at 1/4 speed of 120 fps: 30 frames
        #expect(screen.frame == 30)
        _ = screen.handle(.character("-"))
        #expect(screen.speed == 0.125)
        _ = screen.tick(now: 102)
        #expect(screen.frame == 45)
        _ = screen.tick(now: 106) // past the end: loops to the start
        #expect(screen.frame < 45)
        _ = screen.handle(.right) // stepping pauses
        #expect(!screen.playing)
    }

    @Test func bothViewsLockedByTimestamp() throws {
        _ = screen.handle(.pageDown)
        let side = try #require(screen.frameIndex(for: .side))
        let rear = try #require(screen.frameIndex(for: .rear))
        #expect(side == 120 % fixture.perStage || side == min(120, fixture.perStage - 1))
        #expect(abs(rear - side) <= 1)
        let g = render()
        #expect(g.text.contains("SIDE"))
        #expect(g.text.contains("REAR"))
        #expect(g.text.contains("knee flex"))
    }

    @Test func stagesAndEvents() throws {
        _ = screen.handle(.character("n"))
        #expect(screen.stageIndex == 1)
        #expect(render().text(row: 0).contains("incline 5%"))
        _ = screen.handle(.character("p"))
        #expect(screen.stageIndex == 0)
        let before = screen.frame
        _ = screen.handle(.character("i"))
        let session = screen.session
        let ics = session.stages[0].events.filter { $0.kind == .initialContact && $0.view == .side }
        if let first = ics.first {
            #expect(screen.frame == first.frame)
        } else {
            #expect(screen.frame == before)
        }
    }

    @Test func quitsAndShowsTooSmall() {
        #expect(screen.handle(.character("q")) == .quit)
        #expect(render(50, 12).text.contains("Terminal too small"))
    }
}
