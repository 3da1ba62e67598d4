import Foundation
import Testing

/// Issue #14 at a real 80x24 terminal: the live footer keeps `? help  q quit` and the view
/// titles their frame rate and drops; a note marked live is timed on the REC clock and review
/// lists it on the same clock and jumps to it.
@Suite(.serialized) struct ConsoleAt80x24Tests {
    @Test func liveAndReviewAt80x24() throws {
        let dir = Binary.temporaryDirectory("tmux-80x24")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try Tmux(command: "sh -c '\(Binary.path) demo --out \(dir); echo EXIT=$?; sleep 60'", columns: 80, rows: 24)
        let live = try #require(t.wait(for: "fps"), "live screen never showed a frame rate:\n\(t.capture())")
        let lines = live.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("? help  q quit") }, "\(live)")
        #expect(lines.contains { $0.contains("SIDE") && $0.contains("fps") && $0.contains("drop") }, "\(live)")
        t.send("r")
        #expect(t.wait(for: "REC 00:01") != nil, "the recording clock did not run:\n\(t.capture())")
        t.send("m")
        let prompt = try #require(t.wait(for: "note at REC 00:0"), "\(t.capture())")
        let clock = prompt.range(of: #"REC 00:0\d\.\d"#, options: .regularExpression).map { String(prompt[$0]) } ?? "?"
        t.send("h", "i", "p", "Space", "d", "r", "o", "p", "Enter")
        #expect(t.wait(for: "note saved at \(clock)") != nil, "\(t.capture())")
        #expect(t.wait(for: "REC 00:03") != nil)
        t.send("q")
        #expect(t.wait(for: "Quit now?") != nil)
        t.send("y")
        #expect(t.wait(for: "EXIT=0") != nil, "\(t.capture())")

        let r = try Tmux(command: "sh -c '\(Binary.path) review \(dir); echo EXIT=$?; sleep 60'", columns: 80, rows: 24)
        let first = try #require(r.wait(for: "frame 1/"), "review did not open:\n\(r.capture())")
        #expect(first.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("? help  q quit") },
                "\(first)")
        #expect(first.contains("1 note (N)"), "the note on the timeline:\n\(first)")
        r.send("N")
        let list = try #require(r.wait(for: "hip drop"), "\(r.capture())")
        // The same clock, to within a frame or so of rounding.
        let seconds = { (s: String) -> Double? in
            let p = s.dropFirst(4).split(separator: ":")
            guard p.count == 2, let m = Double(p[0]), let x = Double(p[1]) else { return nil }
            return m * 60 + x
        }
        let listed = list.range(of: #"REC \d\d:\d\d\.\d  flat +hip drop"#, options: .regularExpression)
            .map { String(list[$0].prefix(11)) } ?? "?"
        #expect(abs((seconds(listed) ?? -9) - (seconds(clock) ?? 9)) <= 0.15, "\(listed) vs \(clock)")
        r.send("Enter")
        #expect(r.wait(for: "note: hip drop") != nil, "\(r.capture())")
        r.send("q")
        #expect(r.wait(for: "EXIT=0") != nil)
    }
}
