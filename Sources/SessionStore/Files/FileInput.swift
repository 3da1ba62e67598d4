import Glibc
public import CaptureKit

/// A file gaitlive reads at arbitrary offsets (`open(2)` read-only + `pread(2)`): recorded video
/// and imported files. Every error names the file.
public final class FileInput: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    public let size: Int

    public init(path: String) throws(SystemError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .current("cannot open", path: path) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = SystemError.current("cannot stat", path: path)
            Glibc.close(fd)
            throw e
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            throw SystemError.problem("is a directory, not a file", path: path, errno: EISDIR)
        }
        size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Reads exactly `count` bytes at `offset` into `buffer` (resized); fewer at end of file.
    @discardableResult
    public func read(at offset: Int, count: Int, into buffer: inout [UInt8]) throws(SystemError) -> Int {
        if buffer.count != count { buffer = [UInt8](repeating: 0, count: count) }
        var done = 0
        var failure: SystemError?
        buffer.withUnsafeMutableBytes { raw in
            while done < count {
                let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .current("cannot read", path: path)
                    return
                }
                if n == 0 { break }
                done += n
            }
        }
        if let failure { throw failure }
        return done
    }

    public func read(at offset: Int, count: Int) throws(SystemError) -> [UInt8] {
        var b: [UInt8] = []
        let n = try read(at: offset, count: count, into: &b)
        return n == count ? b : Array(b[0..<n])
    }
}
