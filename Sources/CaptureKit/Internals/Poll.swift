import Glibc

/// Blocks in `poll(2)` on a few descriptors: how every capture and recorder thread waits.
public enum Poll {
    /// Which of the descriptors became readable (or failed: hang-up and errors count as ready,
    /// so the reader sees the error). An empty result means the timeout passed.
    public static func wait(_ descriptors: [Int32], timeoutMilliseconds: Int32) throws(SystemError) -> [Bool] {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while true {
            let r = Glibc.poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
            if r < 0 {
                if errno == EINTR { continue }
                throw .current("poll failed", path: "poll")
            }
            if r == 0 { return [] }
            return fds.map { $0.revents != 0 }
        }
    }
}
