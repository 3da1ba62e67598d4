import Foundation

/// Drives a program in a detached tmux session, as a user at a terminal would.
final class Tmux {
    let socket: String
    let session = "gaitlive-test"
    let tmux: String

    /// Starts `command` (a shell command line) in a `columns` x `rows` terminal.
    init(command: String, columns: Int = 120, rows: Int = 40) throws {
        guard let t = Binary.which("tmux") else {
            throw Failure("tmux is needed for the console tests (scripts/ensure-deps test installs it)")
        }
        tmux = t
        socket = Binary.temporaryDirectory("tmux") + ".sock"
        let r = try Binary.run(tmux, ["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", session,
                                      "-x", "\(columns)", "-y", "\(rows)",
                                      "env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \(command)"])
        guard r.status == 0 else { throw Failure("tmux new-session failed: \(r.stderr)") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    func capture() -> String {
        (try? Binary.run(tmux, ["-S", socket, "capture-pane", "-p", "-t", session]).stdout) ?? ""
    }

    func send(_ keys: String...) {
        _ = try? Binary.run(tmux, ["-S", socket, "send-keys", "-t", session] + keys)
    }

    /// Waits until the pane shows `text` (or `timeout` passes); returns the pane.
    @discardableResult
    func wait(for text: String, timeout: Double = 20) -> String? {
        waitUntil(timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the pane satisfies `condition` (or `timeout` passes, a limit for a broken
    /// program, not a pace); returns the pane.
    @discardableResult
    func waitUntil(timeout: Double = 20, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let pane = capture()
            if condition(pane) { return pane }
            usleep(100_000)
        }
        return nil
    }

    deinit {
        _ = try? Binary.run(tmux, ["-S", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }
}
