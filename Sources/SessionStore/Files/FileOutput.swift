import Glibc
public import CaptureKit

/// An append-only file that gaitlive creates and writes: video, tables, indices.
///
/// Created with `O_EXCL` and mode 0600 (health data; never overwrites an existing file), buffered
/// in memory, written with `write(2)` and made durable with `fdatasync(2)` on `sync()`. Every
/// error names the file. An optional `WriteLimit` stands in for a small disk in tests.
public final class FileOutput {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit: Int
    private let limit: WriteLimit?
    /// Bytes handed to the kernel so far (the file's size after `flush()`).
    public private(set) var bytesWritten: UInt64 = 0

    /// Creates `path`; fails if it exists.
    public init(creating path: String, bufferLimit: Int = 1 << 20, limit: WriteLimit? = nil) throws(SystemError) {
        self.path = path
        self.bufferLimit = bufferLimit
        self.limit = limit
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .current("cannot create", path: path) }
        buffer.reserveCapacity(bufferLimit)
    }

    /// Opens an existing file of ours for appending (resuming a stage).
    public init(appendingTo path: String, bufferLimit: Int = 1 << 20, limit: WriteLimit? = nil) throws(SystemError) {
        self.path = path
        self.bufferLimit = bufferLimit
        self.limit = limit
        fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw .current("cannot open for appending", path: path) }
        var st = stat()
        if fstat(fd, &st) == 0 { bytesWritten = UInt64(st.st_size) }
        buffer.reserveCapacity(bufferLimit)
    }

    deinit {
        if fd >= 0 {
            try? flush()
            Glibc.close(fd)
        }
    }

    public func write(_ bytes: [UInt8]) throws(SystemError) {
        var failure: SystemError?
        bytes.withUnsafeBytes { raw in
            do throws(SystemError) { try write(contentsOf: raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public func write(_ text: String) throws(SystemError) {
        try write(Array(text.utf8))
    }

    /// Appends `bytes` after everything written before, in that order.
    ///
    /// Blocks of `directThreshold` bytes or more (video frames of 1024x512 and up) go straight
    /// to the kernel without a copy, but only after what is buffered: the file's bytes are
    /// always in the order they were handed in.
    public func write(contentsOf bytes: UnsafeRawBufferPointer) throws(SystemError) {
        let direct = bytes.count >= directThreshold
        if direct || buffer.count + bytes.count > bufferLimit { try flush() }
        if direct {
            try writeRaw(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// The size from which a single write skips the buffer: half the buffer.
    public var directThreshold: Int { max(1, bufferLimit / 2) }

    /// Hands buffered bytes to the kernel.
    public func flush() throws(SystemError) {
        guard !buffer.isEmpty else { return }
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        try writeAll(pending)
    }

    /// Flushes and waits until the data is on the disk.
    public func sync() throws(SystemError) {
        try flush()
        guard fd >= 0 else { return }
        guard fdatasync(fd) == 0 else { throw .current("cannot sync", path: path) }
    }

    public func close() throws(SystemError) {
        guard fd >= 0 else { return }
        defer {
            Glibc.close(fd)
            fd = -1
        }
        try sync()
    }

    /// Bytes accepted but not yet handed to the kernel.
    public var pendingBytes: Int { buffer.count }

    /// True if writing `count` more bytes would hand data to the kernel (buffer full, or a block
    /// written directly).
    public func willWrite(adding count: Int) -> Bool {
        buffer.count + count > bufferLimit || count >= directThreshold
    }

    /// Closes without writing what is still buffered: after a write error (a full disk), where
    /// trying again would only append a fragment.
    public func discard() {
        buffer.removeAll()
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    private func writeAll(_ bytes: [UInt8]) throws(SystemError) {
        var failure: SystemError?
        bytes.withUnsafeBytes { raw in
            do throws(SystemError) { try writeRaw(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private func writeRaw(_ raw: UnsafeRawBufferPointer) throws(SystemError) {
        var count = raw.count
        if let limit {
            count = limit.take(raw.count)
        }
        var offset = 0
        while offset < count {
            let n = Glibc.write(fd, raw.baseAddress! + offset, count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw .current("cannot write", path: path)
            }
            offset += n
            bytesWritten += UInt64(n)
        }
        if count < raw.count { throw SystemError("cannot write", path: path, errno: ENOSPC) }
    }
}
