import Foundation
import Glibc
import SessionStore

/// The gaitlive executable under test and a way to run it.
///
/// `GAITLIVE_BIN` names the binary (the Makefile points it at the release build); otherwise the
/// debug build next to this package is used.
enum Binary {
    static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    static var path: String {
        if let p = ProcessInfo.processInfo.environment["GAITLIVE_BIN"], !p.isEmpty { return p }
        for config in ["debug", "release"] {
            let p = packageRoot + "/.build/\(config)/gaitlive"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return packageRoot + "/.build/debug/gaitlive"
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion (killed after `timeout` seconds). Output goes through files,
    /// so a chatty child never blocks on a full pipe. Uses posix_spawn and waitpid directly:
    /// Foundation's Process waits for every inheritor of its internal descriptors, so it never
    /// sees `tmux new-session -d` end (the tmux server lives on).
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 120) throws -> Result {
        let base = temporaryDirectory("run")
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw SpawnError(description: "\(executable): cannot start: \(String(cString: strerror(rc)))") }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(10_000)
        }
        let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exit,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Starts a program in the background (output discarded); returns its pid for kill/waitpid.
    static func spawn(_ executable: String, _ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw SpawnError(description: "\(executable): cannot start: \(String(cString: strerror(rc)))") }
        return pid
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    static func gaitlive(_ arguments: String..., timeout: Double = 180) throws -> Result {
        try run(path, arguments, timeout: timeout)
    }

    /// The full path of a program on PATH, or nil.
    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// A temporary directory shared by a suite's tests, removed when the test process exits.
    static func processTemporaryDirectory(_ name: String) -> String {
        atexit {
            let prefix = "gaitlive-e2e-shared-\(getpid())-"
            let tmp = NSTemporaryDirectory()
            for f in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where f.hasPrefix(prefix) {
                try? FileManager.default.removeItem(atPath: tmp + f)
            }
        }
        return NSTemporaryDirectory() + "gaitlive-e2e-shared-\(getpid())-\(name)"
    }

    static func temporaryDirectory(_ name: String) -> String {
        NSTemporaryDirectory() + "gaitlive-e2e-\(name)-\(UUID().uuidString.prefix(8))"
    }
}
