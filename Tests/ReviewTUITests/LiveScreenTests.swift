import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI
import SessionStore
import LivePipeline

@Suite struct LiveScreenTests {
    @Test func recordStageAndQuitFlow() throws {
        let fixture = try LiveFixture()
        let session = fixture.session
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let screen = LiveScreen(session: session, pane: ViewPane(mode: .ascii, utf8: false, colour: false), title: "test")
        var g = CellGrid(width: 120, height: 40)
        screen.draw(into: &g)
        #expect(g.text(row: 0).contains("stage 1: FLAT"))
        #expect(g.text(row: 0).contains("not recording"))
        #expect(g.text(row: 1).contains("SIDE (right leg)"))
        // What the disk holds at the expected rate, before recording.
        #expect(g.text(row: 0).range(of: #"disk: \d+ (h|min|s) left"#, options: .regularExpression) != nil, "\(g.text(row: 0))")

        #expect(screen.handle(.character("r")) == .none)
        #expect(session.isRecording)
        usleep(100_000)
        screen.draw(into: &g)
        #expect(g.text(row: 0).contains("* REC 00:0"))

        _ = screen.handle(.character("s"))
        #expect(session.status.stage.kind == .incline)
        screen.draw(into: &g)
        #expect(g.text(row: 0).contains("INCLINE 5%"))

        // Mark a moment with a note; choose the strip chart's angle; the debug line.
        _ = screen.handle(.character("m"))
        for c in "left hip drops" { _ = screen.handle(.character(c)) }
        screen.draw(into: &g)
        #expect(g.text(row: 39).contains("note at REC 00:0"), "the REC clock of the header")
        #expect(g.text(row: 39).contains("left hip drops"))
        _ = screen.handle(.enter)
        screen.draw(into: &g)
        #expect(g.text(row: 39).contains("note saved at REC 00:0"))
        #expect(screen.chartAngle == .kneeFlexion)
        _ = screen.handle(.character("c"))
        #expect(screen.chartAngle == .ankleDorsiflexion)
        screen.draw(into: &g)
        #expect(g.text.contains("ankle DF, last 6 s"))
        _ = screen.handle(.character("d"))
        screen.update(diagnostics: ConsoleDiagnostics())
        screen.draw(into: &g)
        #expect(g.text(row: 38).contains("kB/s to the terminal"))

        // Quitting while recording asks first; anything but y keeps running.
        #expect(screen.handle(.character("q")) == .none)
        screen.draw(into: &g)
        #expect(g.text(row: 39).contains("Quit now?"))
        #expect(screen.handle(.character("n")) == .none)
        #expect(screen.handle(.character("q")) == .none)
        #expect(screen.handle(.character("y")) == .quit)

        _ = screen.handle(.character("?"))
        screen.draw(into: &g)
        #expect(g.text.contains("gaitlive demo keys"), "a simulated session is the demo")
        _ = session.stop()
        let manifest = try ManifestStore.read(from: fixture.directory)
        #expect(manifest.notes.map(\.text) == ["left hip drops"])
    }
}

/// A note marked live (`m`) is timed on the header's REC clock, and review lists it at that time.
@Suite struct LiveNoteClockTests {
    @Test func aLiveNoteIsListedInReviewAtTheRECTimeTheHeaderShowed() throws {
        let fixture = try LiveFixture()
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let session = fixture.session
        let screen = LiveScreen(session: session, pane: ViewPane(mode: .ascii, utf8: false, colour: false), title: "test")
        session.setRecording(true)
        // Wait for a state: at least half a second recorded.
        while session.status.recordedSeconds < 0.5 { usleep(10_000) }
        _ = screen.handle(.character("m"))
        var g = CellGrid(width: 120, height: 40)
        screen.draw(into: &g)
        let prompt = g.text(row: 39)
        let clock = try #require(prompt.range(of: #"REC \d\d:\d\d\.\d"#, options: .regularExpression).map { String(prompt[$0]) })
        for c in "hip drop" { _ = screen.handle(.character(c)) }
        _ = screen.handle(.enter)
        while session.status.recordedSeconds < 1.0 { usleep(10_000) }
        _ = session.stop()
        let review = ReviewScreen(session: try RecordedSession(directory: fixture.directory),
                                  pane: ViewPane(mode: .ascii, utf8: false, colour: false))
        _ = review.handle(.character("N"))
        var r = CellGrid(width: 120, height: 40)
        review.draw(into: &r)
        // The same clock, to within a frame or so of rounding.
        let seconds = { (s: String) -> Double in
            let p = s.dropFirst(4).split(separator: ":")
            return Double(p[0])! * 60 + Double(p[1])!
        }
        let listed = try #require(r.text.range(of: #"REC \d\d:\d\d\.\d  flat +hip drop"#, options: .regularExpression)
            .map { String(r.text[$0].prefix(11)) }, "\(r.text)")
        #expect(abs(seconds(listed) - seconds(clock)) <= 0.1, "\(listed) vs \(clock)")
    }
}
