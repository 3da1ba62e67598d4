import Glibc
public import CaptureKit

/// An exclusive advisory lock on a session directory (`flock(2)` on the directory itself).
///
/// The recorder holds it for the whole recording; anything else that changes a session (crash
/// recovery, adding a note) takes it first. The kernel releases it when the holder ends, even by
/// `kill -9`, so a manifest saying `recording` with the lock free means the writer died.
public final class SessionLock {
    public let directory: String
    private var fd: Int32

    private init(directory: String, fd: Int32) {
        self.directory = directory
        self.fd = fd
    }

    /// Takes the lock without waiting; nil if another open holds it (a recording in progress).
    public static func acquire(_ directory: String) throws(SystemError) -> SessionLock? {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .current("cannot open directory", path: directory) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let e = errno
            close(fd)
            if e == EWOULDBLOCK { return nil }
            throw SystemError("cannot lock session directory", path: directory, errno: e)
        }
        return SessionLock(directory: directory, fd: fd)
    }

    /// True if a live process holds the lock (the session is being recorded right now).
    public static func isHeld(_ directory: String) -> Bool {
        guard let lock = try? acquire(directory) else {
            // Unlockable: held, unless the directory cannot even be opened.
            return access(directory, R_OK) == 0
        }
        lock.release()
        return false
    }

    public func release() {
        guard fd >= 0 else { return }
        close(fd) // closing the only descriptor drops the flock
        fd = -1
    }

    deinit { release() }
}
