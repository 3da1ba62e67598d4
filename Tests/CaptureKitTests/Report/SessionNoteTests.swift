import Testing
@testable import SessionStore
@testable import OfflineAnalysis

/// The clinician's notes in the report: each with its stage and time into the stage (issue #14, item 3).
@Suite struct SessionNoteTests {
    static let stages = [
        SessionManifest.Stage(kind: "flat", directory: "flat", inclinePercent: 0, startSeconds: 1, endSeconds: 31, events: ""),
        SessionManifest.Stage(kind: "incline", directory: "incline", inclinePercent: 5, startSeconds: 40, endSeconds: 180, events: ""),
    ]

    @Test func aNoteSaysWhichStageAndHowFarIntoIt() {
        let n = SessionNote(.init(seconds: 57.5, text: "left knee dives in"), stages: SessionNoteTests.stages)
        #expect(n.stage == "incline")
        #expect(n.when == "incline, 17.5 s in")
        let flat = SessionNote(.init(seconds: 11, text: "x"), stages: SessionNoteTests.stages)
        #expect(flat.when == "flat, 10.0 s in")
        let whole = SessionNote(.init(seconds: nil, text: "x"), stages: SessionNoteTests.stages)
        #expect(whole.when == "whole session")
    }

    @Test func theMarkdownAndHTMLListTheNotes() throws {
        var r = try ReportFixture.report()
        r.sessionNotes = [SessionNote(.init(seconds: 57.5, text: "left knee dives in"), stages: SessionNoteTests.stages)]
        let md = MarkdownReport.render(r)
        #expect(md.contains("## Clinician's notes\n\n- incline, 17.5 s in: left knee dives in\n"))
        let html = HTMLReport.render(r)
        #expect(html.contains("<li><b>incline, 17.5 s in</b>: left knee dives in</li>"))
        let json = try JSONReport.render(r)
        #expect(json.contains("\"sessionNotes\" : ["))
        #expect(json.contains("\"text\" : \"left knee dives in\""))
    }
}
