import CLinux
import Glibc
import Synchronization

/// Measures the bytes curses sends to the terminal (the console's bandwidth, what matters over
/// SSH) without changing what reaches the screen.
///
/// curses writes to its own duplicate of the terminal descriptor. Only while it updates the screen
/// is that descriptor pointed at a large pipe (`dup2(2)`); afterwards it points back at the
/// terminal and the pipe is drained to the terminal, counting the bytes. Every other curses call
/// (terminal modes, size, input) sees the real terminal. If the pipe cannot be made large enough
/// for a full screen, metering is off and curses writes to the terminal directly.
final class OutputMeter {
    /// The descriptor curses writes to (a duplicate of the terminal's).
    let cursesFD: Int32
    /// Another duplicate of the terminal's, to point `cursesFD` back at and to drain into.
    let terminalFD: Int32
    private var pipeRead: Int32 = -1
    private var pipeWrite: Int32 = -1
    /// Bytes the pipe holds without blocking curses.
    private(set) var capacity = 0
    private(set) var bytesWritten: UInt64 = 0
    private var drainBuffer = [UInt8](repeating: 0, count: 1 << 16)

    /// Meters output to the terminal at descriptor `terminal` (1 for the process's own).
    init?(terminal: Int32 = 1) {
        let a = dup(terminal), b = dup(terminal)
        guard a >= 0, b >= 0 else { return nil }
        _ = fcntl(a, F_SETFD, FD_CLOEXEC)
        _ = fcntl(b, F_SETFD, FD_CLOEXEC)
        cursesFD = a
        terminalFD = b
        var fds: [Int32] = [0, 0]
        if pipe(&fds) == 0 {
            // Only the read end is non-blocking: curses must never see EAGAIN (it would spin).
            _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            let size = fcntl(fds[1], CLINUX_F_SETPIPE_SZ, Int32(1 << 20))
            if size >= 256 << 10 {
                pipeRead = fds[0]
                pipeWrite = fds[1]
                capacity = Int(size)
            } else {
                close(fds[0])
                close(fds[1])
            }
        }
        crashCursesFD.store(cursesFD, ordering: .relaxed)
        crashTerminalFD.store(terminalFD, ordering: .relaxed)
    }

    /// Whether a screen update that may write `worstCaseBytes` can be metered.
    func canMeter(worstCaseBytes: Int) -> Bool { pipeWrite >= 0 && worstCaseBytes < capacity }

    /// Points curses' descriptor at the pipe (call just before `doupdate`).
    func begin() {
        dup2(pipeWrite, cursesFD)
    }

    /// Points curses' descriptor back at the terminal and copies what it wrote there.
    func end() {
        dup2(terminalFD, cursesFD)
        drain()
    }

    private func drain() {
        while true {
            let n = drainBuffer.withUnsafeMutableBytes { read(pipeRead, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            var done = 0
            while done < n {
                let w = drainBuffer.withUnsafeBytes { Glibc.write(terminalFD, $0.baseAddress! + done, n - done) }
                if w < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                done += w
            }
            bytesWritten += UInt64(n)
        }
    }
}

/// For the crash handler: where curses writes, and the terminal to point it back at.
let crashCursesFD = Atomic<Int32>(-1)
let crashTerminalFD = Atomic<Int32>(-1)
