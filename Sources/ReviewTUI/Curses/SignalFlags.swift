import Glibc
import Synchronization

/// The last termination signal received (SIGINT, SIGTERM or SIGHUP), 0 if none.
/// Set by the signal handler, read by the console loop: signals never touch the terminal.
let pendingSignal = Atomic<Int32>(0)

/// Installs handlers that turn SIGINT, SIGTERM and SIGHUP into a flag the console loop polls, and
/// crash handlers that put the terminal back before the process dies (`sigaction(2)`).
public enum SignalFlags {
    public static func installTerminationHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { s in pendingSignal.store(s, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }

    /// The pending termination signal, if any.
    public static var pending: Int32? {
        let s = pendingSignal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    public static func clear() { pendingSignal.store(0, ordering: .relaxed) }

    /// On a crash (trap, segfault, abort), restore the terminal first, then hand the signal to
    /// whatever handled it before (Swift's backtracer prints its report on the restored terminal).
    public static func installCrashHandlers(_ restore: @convention(c) () -> Void) {
        crashRestore.store(unsafeBitCast(restore, to: Int.self), ordering: .relaxed)
        for sig in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { s in
                let f = crashRestore.load(ordering: .relaxed)
                if f != 0 {
                    let restore = unsafeBitCast(f, to: (@convention(c) () -> Void).self)
                    restore()
                }
                // Tell the user (on the real terminal) where the report goes; async-signal-safe.
                let fd = crashNoticeFD.load(ordering: .relaxed)
                let text = crashNoticeText.load(ordering: .relaxed)
                if fd >= 0 && text != 0 {
                    _ = write(fd, UnsafeRawPointer(bitPattern: text), crashNoticeLength.load(ordering: .relaxed))
                }
                // Re-install the previous handler and let the signal happen again.
                if s >= 0 && s < 64 { sigaction(s, previousCrashActions + Int(s), nil) }
                raise(s)
                // The previous handler returned (it may only report): never run on after a crash.
                signal(s, SIG_DFL)
                raise(s)
            }
            sigemptyset(&action.sa_mask)
            // SA_NODEFER: the raise() inside reaches the previous handler at once, not after we return.
            action.sa_flags = Int32(SA_NODEFER)
            sigaction(sig, &action, previousCrashActions + Int(sig))
        }
    }
}

let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
let crashRestore = Atomic<Int>(0)
/// The terminal's stderr while the console log holds fd 2 (-1 when not redirected), and the
/// crash notice to write there (address and length of a buffer allocated once).
let crashNoticeFD = Atomic<Int32>(-1)
let crashNoticeText = Atomic<Int>(0)
let crashNoticeLength = Atomic<Int>(0)
/// The handlers in place before ours, indexed by signal number; written once at installation,
/// read only from the crash handler.
nonisolated(unsafe) let previousCrashActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 64)
    p.initialize(repeating: sigaction(), count: 64)
    return p
}()
