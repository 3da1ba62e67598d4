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

    /// On a crash (trap, segfault, abort), restore the terminal first, then die as before.
    public static func installCrashHandlers(_ restore: @convention(c) () -> Void) {
        crashRestore.store(unsafeBitCast(restore, to: Int.self), ordering: .relaxed)
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { s in
                let f = crashRestore.load(ordering: .relaxed)
                if f != 0 {
                    let restore = unsafeBitCast(f, to: (@convention(c) () -> Void).self)
                    restore()
                }
                signal(s, SIG_DFL)
                raise(s)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_RESETHAND)
            sigaction(sig, &action, nil)
        }
    }
}

let crashRestore = Atomic<Int>(0)
