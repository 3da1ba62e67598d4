import CV4L2
import Glibc
public import MarkerTracker

/// A USB (UVC) or other V4L2 camera as a `FrameSource`: negotiated, memory-mapped, streamed.
///
/// `init` opens the node, picks the format (`FormatChoice`), sets it and the frame interval,
/// reads back what was granted and maps the buffers, so every user error (busy, permission,
/// unsupported format) surfaces before any thread starts. The capture thread then owns it:
/// `start` is STREAMON, `readFrame` dequeues one buffer, converts it into a `Frame` (luma and
/// 4:2:0 chroma, MJPEG decoded) and queues the buffer back. Timestamps are the kernel's
/// CLOCK_MONOTONIC ones when the driver says so (`V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC`), else
/// the dequeue time. Unplugged (ENODEV), it reports `CameraUnplugged`; `reconnect` finds the
/// same camera again by serial or bus info and resumes with the same format.
public final class V4L2Camera: FrameSource {
    /// What the user asked for.
    public struct Request: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// nil: the fastest offered up to 120 fps.
        public var fps: Double?
        /// Force a pixel format (nil: the best one, see `FormatChoice`).
        public var pixelFormat: PixelFormat?
        /// Driver buffers: slack for the capture thread, 8 = 66 ms at 120 fps.
        public var bufferCount: Int

        public init(width: Int = 640, height: Int = 480, fps: Double? = nil, pixelFormat: PixelFormat? = nil,
                    bufferCount: Int = 8) {
            self.width = width
            self.height = height
            self.fps = fps
            self.pixelFormat = pixelFormat
            self.bufferCount = bufferCount
        }
    }

    public let view: CameraView
    public let request: Request
    public let identity: CameraIdentity
    public let description: DeviceDescription
    public private(set) var negotiated: NegotiatedFormat
    /// Controls, usable from any thread while this camera streams.
    public let controls: CameraControls
    /// Whether frames carry the kernel's monotonic timestamps (false: stamped at dequeue).
    public private(set) var kernelTimestamps: Bool
    public private(set) var path: String
    private var device: VideoDevice?
    private var ring: BufferRing?
    private var converter: FrameConverter

    public var name: String { path }
    public var nominalFramesPerSecond: Double { negotiated.framesPerSecond ?? request.fps ?? 30 }
    public var descriptor: Int32? { device?.descriptor }
    public var canReconnect: Bool { true }

    /// Opens and configures the camera at `path`. Throws `SystemError` (cannot open, busy...)
    /// or `NegotiationError` (the format is not offered; the message lists what is).
    public init(path: String, view: CameraView, request: Request) throws {
        let device = try VideoDevice(path: path)
        guard let description = try DeviceDiscovery.describe(device) else {
            throw SystemError.problem("not a video capture device", path: path, errno: ENODEV,
                              hint: "'gaitlive devices' lists the cameras")
        }
        let (negotiated, ring, converter) = try V4L2Camera.configure(device, description: description, request: request)
        self.view = view
        self.request = request
        self.path = path
        self.description = description
        identity = description.identity
        self.negotiated = negotiated
        self.device = device
        self.ring = ring
        self.converter = converter
        kernelTimestamps = ring.monotonicTimestamps
        controls = CameraControls(path: path)
    }

    /// Negotiates on an open node and maps its buffers.
    static func configure(_ device: VideoDevice, description: DeviceDescription, request: Request) throws
        -> (NegotiatedFormat, BufferRing, FrameConverter) {
        let choice = try FormatChoice.choose(from: description.formats, width: request.width, height: request.height,
                                             fps: request.fps, only: request.pixelFormat, device: device.path)
        let pix = try device.setFormat(choice.pixelFormat, width: choice.width, height: choice.height)
        let granted = PixelFormat(rawValue: pix.pixelformat)
        guard granted.isSupported else {
            throw NegotiationError(device: device.path, problem: "switched to \(granted), which gaitlive cannot read",
                                   formats: description.formats, width: request.width, height: request.height)
        }
        var interval: FrameInterval?
        if let wanted = choice.interval { interval = try device.setFrameInterval(wanted) }
        if interval == nil { interval = try device.frameInterval() }
        let width = Int(pix.width), height = Int(pix.height)
        let bpl = Int(pix.bytesperline) > 0 ? Int(pix.bytesperline) : (granted == .yuyv || granted == .uyvy ? 2 * width : width)
        let negotiated = NegotiatedFormat(pixelFormat: granted, width: width, height: height, bytesPerLine: bpl,
                                          sizeImage: Int(pix.sizeimage), interval: interval,
                                          requestedWidth: request.width, requestedHeight: request.height,
                                          requestedFps: request.fps)
        let decoder = granted.isCompressed ? try MJPEGDecoder(width: width, height: height, descriptor: device.descriptor) : nil
        let converter = FrameConverter(format: granted, width: width, height: height, bytesPerLine: bpl, decoder: decoder)
        let ring = try BufferRing(device: device, count: request.bufferCount)
        return (negotiated, ring, converter)
    }

    public func start() throws {
        guard let device else { throw CameraUnplugged(device: path) }
        try device.streamOn()
    }

    public func readFrame() throws -> Frame? {
        guard let ring else { throw CameraUnplugged(device: path) }
        let result: Frame??
        do {
            result = try ring.next { filled, bytes -> Frame? in
                if filled.error { return nil }
                guard let (luma, chroma) = converter.convert(bytes) else { return nil }
                let ts = filled.monotonic ? filled.timestampNanoseconds : MonotonicClock.now()
                // MJPEG: the camera's bytes go to the recording as sent (no re-encode).
                let jpeg = converter.format.isCompressed ? [UInt8](bytes) : nil
                return Frame(view: view, sequence: filled.sequence, timestampNanoseconds: ts, luma: luma, chroma: chroma,
                             compressed: jpeg)
            }
        } catch let e as SystemError where e.errno == ENODEV || e.errno == ENXIO || e.errno == EIO {
            release()
            throw CameraUnplugged(device: path)
        }
        return result ?? nil
    }

    public func stop() {
        if let device, device.descriptor >= 0 { try? device.streamOff() }
        release()
    }

    private func release() {
        ring?.release()
        ring = nil
        device?.close()
        device = nil
    }

    /// Looks for this camera again (by serial, or bus info and product name) and, when it is
    /// back, opens it with the same format and restarts streaming. False while it is absent.
    public func reconnect() throws -> Bool {
        release()
        guard let found = DeviceDiscovery.find(identity) else { return false }
        let device = try VideoDevice(path: found)
        let same = Request(width: negotiated.width, height: negotiated.height, fps: negotiated.framesPerSecond,
                           pixelFormat: negotiated.pixelFormat, bufferCount: request.bufferCount)
        guard let description = try DeviceDiscovery.describe(device) else { return false }
        let (n, ring, converter) = try V4L2Camera.configure(device, description: description, request: same)
        controls.moved(to: found)
        controls.reapply(on: device)
        try device.streamOn()
        self.device = device
        self.ring = ring
        self.converter = converter
        negotiated = n
        kernelTimestamps = ring.monotonicTimestamps
        path = found
        return true
    }
}
