import CV4L2
import Glibc

/// Decodes Motion-JPEG camera frames to planar 4:2:0 (YU12) with libv4lconvert, the conversion
/// library behind libv4l2.
///
/// UVC cameras often offer their high frame rates only as MJPEG; the tracker needs a luma plane.
/// One decoder per camera, used by its capture thread only.
public final class MJPEGDecoder {
    private let handle: OpaquePointer
    public let width: Int
    public let height: Int
    private var source = v4l2_format()
    private var target = v4l2_format()

    /// `descriptor` is the camera's (libv4lconvert asks it about the device); -1 without a device.
    public init(width: Int, height: Int, descriptor: Int32 = -1) throws(SystemError) {
        guard let h = descriptor >= 0 ? v4lconvert_create(descriptor) : cv4l2_convert_create_without_device() else {
            throw SystemError("cannot create the MJPEG decoder", path: "libv4lconvert", errno: Glibc.errno)
        }
        handle = h
        self.width = width
        self.height = height
        source.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        source.fmt.pix.width = UInt32(width)
        source.fmt.pix.height = UInt32(height)
        source.fmt.pix.pixelformat = PixelFormat.mjpeg.rawValue
        source.fmt.pix.field = V4L2_FIELD_NONE.rawValue
        target = source
        target.fmt.pix.pixelformat = PixelFormat.yu12.rawValue
        target.fmt.pix.bytesperline = UInt32(width)
        target.fmt.pix.sizeimage = UInt32(yu12Bytes)
    }

    deinit { v4lconvert_destroy(handle) }

    /// Bytes of one decoded YU12 picture.
    public var yu12Bytes: Int { width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2) }

    /// Decodes one JPEG into `output` (at least `yu12Bytes` long). False for a corrupt or
    /// truncated JPEG (the frame is skipped; its sequence number then shows as a gap).
    public func decode(_ jpeg: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        guard let src = jpeg.baseAddress, jpeg.count > 4, let dst = output.baseAddress, output.count >= yu12Bytes else {
            return false
        }
        let n = v4lconvert_convert(handle, &source, &target,
                                   UnsafeMutablePointer(mutating: src.assumingMemoryBound(to: UInt8.self)),
                                   Int32(jpeg.count), dst.assumingMemoryBound(to: UInt8.self), Int32(output.count))
        return n >= yu12Bytes
    }
}
