import Foundation
import Testing

/// The console end to end in a real terminal (tmux): the demo's live screen, recording, stage
/// switch, quitting with a clean terminal, then the review screen stepping through the frames.
@Suite(.serialized) struct ConsoleUnderTmuxTests {
    /// Angle values drawn in the panel ("knee flex  41.3°"), in screen order.
    func angleValues(_ pane: String) -> [String] {
        pane.split(separator: "\n").filter { $0.contains("°") }.map { line in
            String(line.prefix(20))
        }
    }

    /// "frame N/M" from the review header.
    func frameCounter(_ pane: String) -> (Int, Int)? {
        guard let header = pane.split(separator: "\n").first, let r = header.range(of: "frame ") else { return nil }
        let rest = header[r.upperBound...].prefix { $0 != " " }
        let parts = rest.split(separator: "/")
        guard parts.count == 2, let n = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return (n, m)
    }

    @Test func demoRecordSwitchStageQuitThenReview() throws {
        let dir = Binary.temporaryDirectory("tmux-session")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // After gaitlive exits, print the terminal modes so the test can see they were restored.
        // --stand 0: the simulated athlete runs from the start (the console's default stands 3 s).
        let t = try Tmux(command: "sh -c '\(Binary.path) demo --out \(dir) --stand 0; echo EXIT=$?; stty -a; sleep 60'")

        // The console opens on the setup checks; Enter goes to the run.
        #expect(t.wait(for: "SETUP: check each camera") != nil, "no setup screen first:\n\(t.capture())")
        t.send("Enter")
        // Tracking, and a frame rate measured (the setup screen may be left before the first second).
        let live = try #require(t.waitUntil { $0.contains("tracking 6/6") && !$0.contains(" 0.0 fps") },
                                "live screen never showed tracking:\n\(t.capture())")
        #expect(live.contains("SIDE (right leg)"))
        #expect(live.contains("REAR"))
        #expect(live.contains("stage 1: FLAT"))
        // Each view title shows the frame rate measured from the timestamps: a number above zero.
        let rates = live.split(separator: "\n").first { $0.contains("SIDE (") }.map { line in
            line.split(separator: " ").indices.compactMap { i -> Double? in
                let words = line.split(separator: " ")
                return i + 1 < words.count && words[i + 1].hasPrefix("fp") ? Double(words[i]) : nil
            }
        } ?? []
        #expect(rates.count == 2 && rates.allSatisfy { $0 > 0 }, "no frame rate in the view titles:\n\(live)")
        // Markers move: the angle panel changes (waits for the change, not for a time).
        let a = angleValues(t.capture())
        #expect(!a.isEmpty)
        #expect(t.waitUntil { angleValues($0) != a } != nil, "angle values did not change:\n\(a)")

        // The debug line measures what the console writes to the terminal.
        t.send("d")
        #expect(t.wait(for: "kB/s to the terminal") != nil, "no debug line:\n\(t.capture())")
        func rate() -> Double? {
            t.capture().split(separator: "\n").first { $0.contains("kB/s to the terminal") }
                .flatMap { line in line.split(separator: " ").firstIndex(of: "kB/s").map { line.split(separator: " ")[$0 - 1] } }
                .flatMap { Double($0) }
        }
        var measured = rate() ?? 0
        for _ in 0..<30 where measured == 0 { // the first figure comes after a one-second window
            usleep(100_000)
            measured = rate() ?? 0
        }
        #expect(measured > 0, "bytes per second not measured")
        t.send("d")

        // At 120 columns `t` swaps the angle table for the stage means per side; strides are
        // counted toward the 7 a mean needs, then means appear. Only while recording (issue #14:
        // the live stage means are the report's).
        t.send("r")
        #expect(t.wait(for: "REC 00:0") != nil, "no REC indicator:\n\(t.capture())")
        t.send("t")
        #expect(t.wait(for: "flat means") != nil, "no stride means:\n\(t.capture())")
        var cadence = ""
        for _ in 0..<600 where !(cadence.contains("/7") || cadence.contains("±")) {
            cadence = t.capture().split(separator: "\n").first { $0.contains("cadence steps/min") }.map(String.init) ?? ""
            usleep(100_000)
        }
        #expect(cadence.contains("/7") || cadence.contains("±"), "no strides counted:\n\(t.capture())")
        t.send("t")

        // The recording clock runs (its value, whatever it is now, changes), across the stage switch.
        func clock(_ pane: String) -> String? {
            pane.range(of: "REC ").map { String(pane[$0.upperBound...].prefix(7)) }
        }
        let running = clock(t.capture())
        #expect(running != nil, "no REC indicator:\n\(t.capture())")
        #expect(t.waitUntil { clock($0) != nil && clock($0) != running } != nil, "the recording clock did not run:\n\(t.capture())")
        t.send("s")
        #expect(t.wait(for: "INCLINE 5%") != nil, "stage did not switch:\n\(t.capture())")
        let switched = clock(t.capture())
        #expect(t.waitUntil { clock($0) != nil && clock($0) != switched } != nil, "the recording clock did not run:\n\(t.capture())")
        t.send("q")
        #expect(t.wait(for: "Quit now?") != nil)
        t.send("y")
        let after = try #require(t.wait(for: "EXIT="), "gaitlive did not exit:\n\(t.capture())")
        #expect(after.contains("Session saved: \(dir)"))
        #expect(after.contains("EXIT=0"))
        // The terminal is back in cooked mode with echo.
        let modes = try #require(t.wait(for: "icanon"))
        #expect(modes.contains(" icanon") && !modes.contains("-icanon"))
        #expect(modes.contains(" echo ") && !modes.contains("-echo "))

        // Review the saved session: step frames with the arrow keys.
        let r = try Tmux(command: "sh -c '\(Binary.path) review \(dir); echo EXIT=$?; sleep 60'")
        let first = try #require(r.wait(for: "frame 1/"), "review did not open:\n\(r.capture())")
        #expect(first.contains("gaitlive REVIEW"))
        let before = angleValues(first)
        for _ in 0..<3 { r.send("Right") }
        let stepped = try #require(r.wait(for: "frame 4/"), "arrow keys did not step:\n\(r.capture())")
        #expect(stepped.contains("knee flex"))
        #expect(angleValues(stepped) != before, "angle values did not change with the frame")
        r.send("End")
        // End lands on the stage's last frame, however many the machine recorded.
        let end = r.waitUntil { pane in self.frameCounter(pane).map { $0.0 == $0.1 && $0.1 > 4 } ?? false }
        #expect(end != nil, "End did not jump: \(String(describing: frameCounter(r.capture())))")
        r.send("n")
        #expect(r.wait(for: "stage 2/2 incline 5%") != nil, "no second stage:\n\(r.capture())")
        r.send("q")
        #expect(r.wait(for: "EXIT=0") != nil)
    }

    @Test func tooSmallTerminalGetsAMessage() throws {
        let dir = Binary.temporaryDirectory("tmux-small")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try Tmux(command: "sh -c '\(Binary.path) demo --out \(dir); echo EXIT=$?; sleep 30'", columns: 50, rows: 15)
        #expect(t.wait(for: "Terminal too small") != nil, "\(t.capture())")
        t.send("q")
        #expect(t.wait(for: "EXIT=0") != nil)
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let dir = Binary.temporaryDirectory("tmux-int")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Ctrl-C reaches the whole foreground group; the shell traps it (as an interactive shell
        // would survive it) so it can report how gaitlive ended.
        let t = try Tmux(command: "sh -c 'trap : INT; \(Binary.path) demo --out \(dir); echo EXIT=$?; stty -a; sleep 30'")
        #expect(t.wait(for: "tracking") != nil, "\(t.capture())")
        t.send("r")
        #expect(t.wait(for: "REC 00:0") != nil)
        usleep(500_000)
        t.send("C-c")
        let pane = try #require(t.wait(for: "EXIT=", timeout: 20), "\(t.capture())")
        #expect(pane.contains("EXIT=130"))
        #expect(pane.contains("Session saved: \(dir)"))
        let modes = try #require(t.wait(for: "icanon"))
        #expect(!modes.contains("-icanon"))
        #expect(!modes.contains("-echo "))
    }

    @Test func aCrashRestoresTheTerminalAndLeavesAReport() throws {
        let dir = Binary.temporaryDirectory("tmux-crash")
        let state = Binary.temporaryDirectory("tmux-state")
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: state)
        }
        // SIGSEGV stands in for a crash; the report goes to the console log under XDG_STATE_HOME.
        let t = try Tmux(command: "sh -c '(sleep 3; pkill -SEGV -f \"^\(Binary.path) demo --out \(dir)\") & XDG_STATE_HOME=\(state) \(Binary.path) demo --out \(dir); echo EXIT=$?; stty -a; sleep 30'")
        let pane = try #require(t.wait(for: "EXIT=", timeout: 60), "\(t.capture())")
        #expect(pane.contains("gaitlive crashed; the report is in \(state)/gaitlive/console-"))
        #expect(pane.contains("EXIT=139"))
        let modes = try #require(t.wait(for: "icanon"))
        #expect(!modes.contains("-icanon"))
        #expect(!modes.contains("-echo "))
        let logs = try FileManager.default.contentsOfDirectory(atPath: state + "/gaitlive")
        #expect(logs.count == 1)
        let report = try String(contentsOfFile: state + "/gaitlive/" + logs[0], encoding: .utf8)
        #expect(report.contains("Program crashed") || report.contains("Segmentation") || report.contains("SIGSEGV")
                || report.contains("Signal 11"), "report: \(report.prefix(300))")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let dir = Binary.temporaryDirectory("tmux-term")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The console runs in the foreground; a background job sends it SIGTERM after 3 s.
        // (The pattern is anchored so it matches gaitlive itself, not this shell.)
        let t = try Tmux(command: "sh -c '(sleep 3; pkill -TERM -f \"^\(Binary.path) demo --out \(dir)\") & \(Binary.path) demo --out \(dir); echo EXIT=$?; stty -a; sleep 30'")
        let pane = try #require(t.wait(for: "EXIT=", timeout: 30), "\(t.capture())")
        #expect(pane.contains("EXIT=143"))
        let modes = try #require(t.wait(for: "icanon"))
        #expect(!modes.contains("-icanon"))
        #expect(!modes.contains("-echo "))
    }
}
