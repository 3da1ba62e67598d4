import CV4L2
import Glibc

/// Format enumeration and negotiation requests.
extension VideoDevice {
    /// The pixel formats the camera offers, as (format, driver's name, compressed).
    /// The corresponding V4L2 request is `VIDIOC_ENUM_FMT`.
    public func pixelFormats() throws(SystemError) -> [(PixelFormat, String, Bool)] {
        var out: [(PixelFormat, String, Bool)] = []
        for index in 0..<64 as Range<UInt32> {
            var d = v4l2_fmtdesc()
            d.index = index
            d.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
            guard try enumerate(CV4L2_VIDIOC_ENUM_FMT, &d, "VIDIOC_ENUM_FMT") else { break }
            out.append((PixelFormat(rawValue: d.pixelformat), VideoDevice.string(d.description),
                        (d.flags & UInt32(V4L2_FMT_FLAG_COMPRESSED)) != 0))
        }
        return out
    }

    /// The frame sizes offered for `format`. A stepwise or continuous range is sampled at the
    /// common sizes inside it (and its ends).
    /// The corresponding V4L2 request is `VIDIOC_ENUM_FRAMESIZES`.
    public func frameSizes(_ format: PixelFormat) throws(SystemError) -> [(width: Int, height: Int)] {
        var sizes: [(width: Int, height: Int)] = []
        for index in 0..<256 as Range<UInt32> {
            var e = v4l2_frmsizeenum()
            e.index = index
            e.pixel_format = format.rawValue
            guard try enumerate(CV4L2_VIDIOC_ENUM_FRAMESIZES, &e, "VIDIOC_ENUM_FRAMESIZES") else { break }
            if e.type == V4L2_FRMSIZE_TYPE_DISCRETE.rawValue {
                sizes.append((Int(e.discrete.width), Int(e.discrete.height)))
            } else {
                let s = e.stepwise
                let common = [(320, 240), (640, 480), (800, 600), (1280, 720), (1920, 1080)]
                sizes.append((Int(s.min_width), Int(s.min_height)))
                for (w, h) in common where w >= s.min_width && w <= s.max_width && h >= s.min_height
                    && h <= s.max_height && (s.step_width <= 1 || (UInt32(w) - s.min_width) % s.step_width == 0)
                    && (s.step_height <= 1 || (UInt32(h) - s.min_height) % s.step_height == 0) {
                    sizes.append((w, h))
                }
                sizes.append((Int(s.max_width), Int(s.max_height)))
                break
            }
        }
        return sizes
    }

    /// The frame intervals offered for `format` at `width` x `height`. A stepwise or continuous
    /// range is given by its two ends.
    /// The corresponding V4L2 request is `VIDIOC_ENUM_FRAMEINTERVALS`.
    public func frameIntervals(_ format: PixelFormat, width: Int, height: Int) throws(SystemError) -> [FrameInterval] {
        var out: [FrameInterval] = []
        for index in 0..<256 as Range<UInt32> {
            var e = v4l2_frmivalenum()
            e.index = index
            e.pixel_format = format.rawValue
            e.width = UInt32(width)
            e.height = UInt32(height)
            guard try enumerate(CV4L2_VIDIOC_ENUM_FRAMEINTERVALS, &e, "VIDIOC_ENUM_FRAMEINTERVALS") else { break }
            if e.type == V4L2_FRMIVAL_TYPE_DISCRETE.rawValue {
                out.append(FrameInterval(numerator: e.discrete.numerator, denominator: e.discrete.denominator))
            } else {
                out.append(FrameInterval(numerator: e.stepwise.min.numerator, denominator: e.stepwise.min.denominator))
                out.append(FrameInterval(numerator: e.stepwise.max.numerator, denominator: e.stepwise.max.denominator))
                break
            }
        }
        return out
    }

    /// The capture format currently set.
    /// The corresponding V4L2 request is `VIDIOC_G_FMT`.
    func format() throws(SystemError) -> v4l2_pix_format {
        var f = v4l2_format()
        f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        try request(CV4L2_VIDIOC_G_FMT, &f, "VIDIOC_G_FMT")
        return f.fmt.pix
    }

    /// Asks for a capture format and returns what the driver granted (it may round the size or
    /// substitute the format; `bytesperline` is the row stride to use).
    /// The corresponding V4L2 request is `VIDIOC_S_FMT`.
    func setFormat(_ format: PixelFormat, width: Int, height: Int) throws(SystemError) -> v4l2_pix_format {
        var f = v4l2_format()
        f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        f.fmt.pix.width = UInt32(width)
        f.fmt.pix.height = UInt32(height)
        f.fmt.pix.pixelformat = format.rawValue
        f.fmt.pix.field = V4L2_FIELD_NONE.rawValue
        try request(CV4L2_VIDIOC_S_FMT, &f, "VIDIOC_S_FMT")
        return f.fmt.pix
    }

    /// Asks for a frame interval and returns the one granted, or nil when the driver does not
    /// let the application choose (no `V4L2_CAP_TIMEPERFRAME`).
    /// The corresponding V4L2 request is `VIDIOC_S_PARM`.
    public func setFrameInterval(_ interval: FrameInterval) throws(SystemError) -> FrameInterval? {
        var p = v4l2_streamparm()
        p.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        p.parm.capture.timeperframe = v4l2_fract(numerator: interval.numerator, denominator: interval.denominator)
        guard try enumerate(CV4L2_VIDIOC_S_PARM, &p, "VIDIOC_S_PARM") else { return nil }
        guard (p.parm.capture.capability & UInt32(V4L2_CAP_TIMEPERFRAME)) != 0 else { return nil }
        let t = p.parm.capture.timeperframe
        return t.numerator == 0 ? nil : FrameInterval(numerator: t.numerator, denominator: t.denominator)
    }

    /// The frame interval in force, or nil when the driver does not report one.
    /// The corresponding V4L2 request is `VIDIOC_G_PARM`.
    public func frameInterval() throws(SystemError) -> FrameInterval? {
        var p = v4l2_streamparm()
        p.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        guard try enumerate(CV4L2_VIDIOC_G_PARM, &p, "VIDIOC_G_PARM") else { return nil }
        let t = p.parm.capture.timeperframe
        return t.numerator == 0 ? nil : FrameInterval(numerator: t.numerator, denominator: t.denominator)
    }
}

/// The output side, for feeding a loopback device (the device tests' producer).
extension VideoDevice {
    /// Sets the format of frames written to an output node (v4l2loopback's writer side).
    /// The corresponding V4L2 request is `VIDIOC_S_FMT` (on `V4L2_BUF_TYPE_VIDEO_OUTPUT`).
    func setOutputFormat(_ format: PixelFormat, width: Int, height: Int, bytesPerLine: Int, sizeImage: Int) throws(SystemError) {
        var f = v4l2_format()
        f.type = V4L2_BUF_TYPE_VIDEO_OUTPUT.rawValue
        f.fmt.pix.width = UInt32(width)
        f.fmt.pix.height = UInt32(height)
        f.fmt.pix.pixelformat = format.rawValue
        f.fmt.pix.field = V4L2_FIELD_NONE.rawValue
        f.fmt.pix.bytesperline = UInt32(bytesPerLine)
        f.fmt.pix.sizeimage = UInt32(sizeImage)
        try request(CV4L2_VIDIOC_S_FMT, &f, "VIDIOC_S_FMT (output)")
    }
}
