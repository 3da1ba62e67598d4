import Foundation
import Glibc
import Synchronization

/// Where anything written to stderr goes while the console owns the terminal: a file, never the
/// screen. A crash report (Swift's backtrace) lands there too, after the terminal is restored.
///
/// `start` points fd 2 at `$XDG_STATE_HOME/gaitlive/console-<time>-<pid>.log` (or
/// `~/.local/state/gaitlive/...`); `finish` puts stderr back, removes the file if nothing was
/// written, and returns its path otherwise.
public final class ConsoleLog {
    public let path: String
    private let savedStderr: Int32

    public init?() {
        let env = ProcessInfo.processInfo.environment
        let base = (env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? "/tmp") + "/.local/state"))
            + "/gaitlive"
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let stamp = Int(Date().timeIntervalSince1970)
        path = "\(base)/console-\(stamp)-\(getpid()).log"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        savedStderr = dup(2)
        dup2(fd, 2)
        close(fd)
        ConsoleLog.installCrashNotice(path: path, stderr: savedStderr)
    }

    /// Restores stderr; returns the log's path if anything was written to it.
    public func finish() -> String? {
        dup2(savedStderr, 2)
        close(savedStderr)
        crashNoticeFD.store(-1, ordering: .relaxed)
        var st = stat()
        if stat(path, &st) == 0, st.st_size == 0 {
            unlink(path)
            return nil
        }
        return path
    }

    /// A line for the real terminal if the process crashes while the console is up.
    static func installCrashNotice(path: String, stderr: Int32) {
        let text = "gaitlive crashed; the report is in \(path)\n"
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        crashNoticeText.store(Int(bitPattern: buffer), ordering: .relaxed)
        crashNoticeLength.store(bytes.count, ordering: .relaxed)
        crashNoticeFD.store(stderr, ordering: .relaxed)
    }
}
