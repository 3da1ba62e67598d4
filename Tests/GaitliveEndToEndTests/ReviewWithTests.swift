import Foundation
import Testing

/// `gaitlive review DIR --with OTHER` under tmux (issue #17, item 3): two sessions of one athlete,
/// `v` pressed until the panes compare the sessions, both panes titled with their date and the
/// same stride; a session of another athlete is refused with one line.
@Suite struct ReviewWithTests {
    @Test func twoSessionsOfOneAthleteSideBySideUnderTmux() throws {
        let a = try #require(ReportTests.withFindings, "the demo session could not be recorded")
        let b = try #require(ReportTests.healthy, "the demo session could not be recorded")
        let t = try Tmux(command: "sh -c '\(Binary.path) review \(a) --with \(b) --frame 200; echo EXIT=$?; sleep 60'")
        #expect(t.wait(for: "frame 200/") != nil, "review did not open:\n\(t.capture())")
        for _ in 0..<3 { t.send("v") }
        let pane = try #require(t.wait(for: "compare with the session of"), "no session comparison:\n\(t.capture())")
        let panes = pane.components(separatedBy: "% of the cycle").count - 1
        #expect(panes == 2, "two panes at one phase:\n\(pane)")
        #expect(pane.range(of: #"(SIDE|REAR) flat \d{4}-\d\d-\d\d \w+ stride \d+.*(SIDE|REAR) flat \d{4}-\d\d-\d\d \w+ stride \d+"#,
                           options: .regularExpression) != nil, "\(pane)")
        t.send("v")
        #expect(t.wait(for: "compare off") != nil)
        t.send("q")
        #expect(t.wait(for: "EXIT=0") != nil)
    }

    @Test func aSessionOfAnotherAthleteIsRefused() throws {
        let a = try #require(ReportTests.healthy, "the demo session could not be recorded")
        let other = Binary.processTemporaryDirectory("review-with-other")
        let rec = try Binary.gaitlive("demo", "--headless", "--duration", "2", "--no-incline-stage", "--athlete", "Someone Else",
                                      "--out", other)
        #expect(rec.status == 0, "\(rec.stderr)")
        let r = try Binary.gaitlive("review", a, "--with", other, "--render-text", "100x30")
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("is a session of Someone Else") && lines[0].contains("one athlete"), "\(r.stderr)")
    }
}
