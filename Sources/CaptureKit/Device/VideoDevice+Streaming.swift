import CV4L2
import Glibc

/// Memory-mapped streaming requests. Only `BufferRing` calls these.
extension VideoDevice {
    /// Asks for `count` driver buffers (0 frees them); returns how many were granted.
    /// The corresponding V4L2 request is `VIDIOC_REQBUFS`.
    func requestBuffers(_ count: Int) throws(SystemError) -> Int {
        var r = v4l2_requestbuffers()
        r.count = UInt32(count)
        r.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        r.memory = V4L2_MEMORY_MMAP.rawValue
        try request(CV4L2_VIDIOC_REQBUFS, &r, "VIDIOC_REQBUFS")
        return Int(r.count)
    }

    /// Where buffer `index` is to be mapped: (offset, length).
    /// The corresponding V4L2 request is `VIDIOC_QUERYBUF`.
    func queryBuffer(_ index: Int) throws(SystemError) -> (offset: Int64, length: Int) {
        var b = v4l2_buffer()
        b.index = UInt32(index)
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        b.memory = V4L2_MEMORY_MMAP.rawValue
        try request(CV4L2_VIDIOC_QUERYBUF, &b, "VIDIOC_QUERYBUF")
        return (Int64(b.m.offset), Int(b.length))
    }

    /// Hands buffer `index` to the driver to fill.
    /// The corresponding V4L2 request is `VIDIOC_QBUF`.
    func queueBuffer(_ index: Int) throws(SystemError) {
        var b = v4l2_buffer()
        b.index = UInt32(index)
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        b.memory = V4L2_MEMORY_MMAP.rawValue
        try request(CV4L2_VIDIOC_QBUF, &b, "VIDIOC_QBUF")
    }

    /// Takes the oldest filled buffer, or nil when none is ready yet (EAGAIN: the node is non-blocking).
    /// The corresponding V4L2 request is `VIDIOC_DQBUF`.
    func dequeueBuffer() throws(SystemError) -> v4l2_buffer? {
        var b = v4l2_buffer()
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        b.memory = V4L2_MEMORY_MMAP.rawValue
        let r = cv4l2_xioctl(descriptor, CV4L2_VIDIOC_DQBUF, &b)
        if r < 0 {
            let e = Glibc.errno
            if e == EAGAIN { return nil }
            throw VideoDevice.error("VIDIOC_DQBUF", path: path, errno: e)
        }
        return b
    }

    /// Starts the camera filling queued buffers.
    /// The corresponding V4L2 request is `VIDIOC_STREAMON`.
    func streamOn() throws(SystemError) {
        var type = Int32(V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue)
        try request(CV4L2_VIDIOC_STREAMON, &type, "VIDIOC_STREAMON")
    }

    /// Stops the camera and returns every buffer to the application.
    /// The corresponding V4L2 request is `VIDIOC_STREAMOFF`.
    func streamOff() throws(SystemError) {
        var type = Int32(V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue)
        try request(CV4L2_VIDIOC_STREAMOFF, &type, "VIDIOC_STREAMOFF")
    }
}
