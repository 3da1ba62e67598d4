import CV4L2
import Glibc

/// An open V4L2 device node: the descriptor and one thin method per V4L2 request.
///
/// The node is opened through libv4l2 with its format conversion off (`cv4l2_open_native`), so
/// formats are listed as the camera sends them; every request goes through `cv4l2_xioctl`
/// (retried on EINTR). Errors are `SystemError`s naming the device, the request and the errno,
/// with advice for the ones a user can fix. Not thread-safe: one owner at a time.
public final class VideoDevice {
    public let path: String
    public private(set) var descriptor: Int32

    /// Opens `path` read-write and non-blocking (DQBUF then returns EAGAIN instead of waiting;
    /// the capture thread waits in poll()).
    public init(path: String) throws(SystemError) {
        self.path = path
        let fd = cv4l2_open_native(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw VideoDevice.error("cannot open", path: path, errno: Glibc.errno) }
        descriptor = fd
    }

    deinit { close() }

    /// Closes the node (idempotent).
    public func close() {
        if descriptor >= 0 { _ = cv4l2_close(descriptor) }
        descriptor = -1
    }

    /// Sends one request; `name` is what the error says was being done.
    func request<T>(_ code: UInt, _ argument: inout T, _ name: String) throws(SystemError) {
        let r = withUnsafeMutablePointer(to: &argument) { cv4l2_xioctl(descriptor, code, $0) }
        if r < 0 { throw VideoDevice.error(name, path: path, errno: Glibc.errno) }
    }

    /// Like `request`, but returns false instead of throwing for `EINVAL` (the end of an
    /// enumeration, or a request the driver does not have).
    func enumerate<T>(_ code: UInt, _ argument: inout T, _ name: String) throws(SystemError) -> Bool {
        let r = withUnsafeMutablePointer(to: &argument) { cv4l2_xioctl(descriptor, code, $0) }
        if r < 0 {
            let e = Glibc.errno
            if e == EINVAL || e == ENOTTY { return false }
            throw VideoDevice.error(name, path: path, errno: e)
        }
        return true
    }

    /// A `SystemError` with the advice a user needs for the errno.
    static func error(_ operation: String, path: String, errno e: Int32) -> SystemError {
        let hint: String? = switch e {
        case EACCES, EPERM:
            "add your user to the 'video' group: sudo usermod -aG video $USER, then log in again"
        case EBUSY: "another program is using this camera; close it and try again"
        case ENOENT: "no such device; 'gaitlive devices' lists the cameras"
        case ENODEV, ENXIO: "the camera was unplugged"
        case ENOTTY: "not a video device"
        default: nil
        }
        return SystemError(operation, path: path, errno: e, hint: hint)
    }

    /// The identity and capabilities of the node.
    /// The corresponding V4L2 request is `VIDIOC_QUERYCAP`.
    public func queryCapabilities() throws(SystemError) -> (card: String, driver: String, busInfo: String,
                                                             capabilities: DeviceCapabilities) {
        var cap = v4l2_capability()
        try request(CV4L2_VIDIOC_QUERYCAP, &cap, "VIDIOC_QUERYCAP")
        let caps = (cap.capabilities & CV4L2_CAP_DEVICE_CAPS) != 0 ? cap.device_caps : cap.capabilities
        return (VideoDevice.string(cap.card), VideoDevice.string(cap.driver), VideoDevice.string(cap.bus_info),
                DeviceCapabilities(rawValue: caps))
    }

    /// A fixed-size C char array (a tuple in Swift), decoded up to its first NUL.
    static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
