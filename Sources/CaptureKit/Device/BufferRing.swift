import CV4L2
import Glibc

/// The driver's capture buffers mapped into memory: the only place a pointer into a camera
/// buffer exists.
///
/// `next(_:)` dequeues the oldest filled buffer, lends its bytes to the closure (the pointer must
/// not escape it: copy or convert into a `Frame`), and queues the buffer back to the driver
/// before returning. Owned by one capture thread.
final class BufferRing {
    /// What the driver said about a filled buffer.
    struct Filled {
        var sequence: UInt32
        /// Kernel timestamp, ns, on the clock `monotonic` says.
        var timestampNanoseconds: UInt64
        /// The timestamp is CLOCK_MONOTONIC (`V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC`).
        var monotonic: Bool
        /// The driver flagged the buffer as corrupt (`V4L2_BUF_FLAG_ERROR`).
        var error: Bool
    }

    private let device: VideoDevice
    private var slots: [UnsafeMutableRawBufferPointer] = []
    /// Whether the buffers carry CLOCK_MONOTONIC timestamps, from `VIDIOC_QUERYBUF`'s flags.
    private(set) var monotonicTimestamps = false

    /// Asks for `count` buffers, maps them and queues them all. Nothing streams yet.
    init(device: VideoDevice, count: Int) throws(SystemError) {
        self.device = device
        let granted = try device.requestBuffers(count)
        guard granted >= 2 else {
            throw SystemError("VIDIOC_REQBUFS granted \(granted) buffer(s), at least 2 are needed", path: device.path,
                              errno: ENOMEM)
        }
        do throws(SystemError) {
            for i in 0..<granted {
                let (offset, length) = try device.queryBuffer(i)
                let p = cv4l2_mmap(length, device.descriptor, offset)
                if p == nil || cv4l2_is_map_failed(p) != 0 {
                    throw VideoDevice.error("mmap buffer \(i)", path: device.path, errno: Glibc.errno)
                }
                slots.append(UnsafeMutableRawBufferPointer(start: p, count: length))
            }
            for i in slots.indices { try device.queueBuffer(i) }
            var b = v4l2_buffer()
            b.index = 0
            b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
            b.memory = V4L2_MEMORY_MMAP.rawValue
            try device.request(CV4L2_VIDIOC_QUERYBUF, &b, "VIDIOC_QUERYBUF")
            monotonicTimestamps = (b.flags & UInt32(V4L2_BUF_FLAG_TIMESTAMP_MASK)) == UInt32(V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC)
        } catch {
            release()
            throw error
        }
    }

    deinit { release() }

    var count: Int { slots.count }

    /// Unmaps the buffers and gives them back to the driver (idempotent).
    func release() {
        for s in slots { _ = cv4l2_munmap(s.baseAddress, s.count) }
        if !slots.isEmpty, device.descriptor >= 0 { _ = try? device.requestBuffers(0) }
        slots = []
    }

    /// Dequeues one filled buffer, lends its filled bytes to `body`, queues it back. Returns nil
    /// when no buffer was ready (a spurious wake-up).
    func next<R>(_ body: (Filled, UnsafeRawBufferPointer) throws -> R) throws -> R? {
        guard let b = try device.dequeueBuffer() else { return nil }
        let index = Int(b.index)
        defer { try? device.queueBuffer(index) }
        let slot = slots[index]
        let used = min(Int(b.bytesused), slot.count)
        let ts = UInt64(b.timestamp.tv_sec) * 1_000_000_000 + UInt64(b.timestamp.tv_usec) * 1000
        let monotonic = (b.flags & UInt32(V4L2_BUF_FLAG_TIMESTAMP_MASK)) == UInt32(V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC)
        let filled = Filled(sequence: b.sequence, timestampNanoseconds: ts, monotonic: monotonic,
                            error: (b.flags & UInt32(V4L2_BUF_FLAG_ERROR)) != 0)
        return try body(filled, UnsafeRawBufferPointer(start: slot.baseAddress, count: used))
    }
}
