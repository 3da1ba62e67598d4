import CLinux
import Glibc

/// A joinable POSIX thread running one closure: the capture and recorder threads.
///
/// Wraps `pthread_create(3)`, `pthread_setname_np(3)` and `pthread_join(3)`. Not a Task: these
/// threads block in poll() and must not occupy Swift's cooperative pool.
public final class OSThread: @unchecked Sendable {
    private var handle = pthread_t()
    private var joined = false
    private let name: String

    private final class Context {
        let body: @Sendable () -> Void
        let name: String
        init(_ body: @escaping @Sendable () -> Void, name: String) {
            self.body = body
            self.name = name
        }
    }

    /// Starts a thread named `name` (at most 15 characters are kept) running `body`.
    public init(name: String, _ body: @escaping @Sendable () -> Void) {
        self.name = name
        let context = Unmanaged.passRetained(Context(body, name: name)).toOpaque()
        let r = pthread_create(&handle, nil, { raw in
            let ctx = Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue()
            _ = clinux_set_thread_name(String(ctx.name.prefix(15)))
            ctx.body()
            return nil
        }, context)
        precondition(r == 0, "pthread_create failed for \(name): \(r)")
    }

    /// Waits for the thread to finish. Idempotent; must be called from one thread only.
    public func join() {
        guard !joined else { return }
        joined = true
        pthread_join(handle, nil)
    }
}
