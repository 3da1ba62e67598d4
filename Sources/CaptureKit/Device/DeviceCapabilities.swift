import CV4L2

/// What a V4L2 device node can do: the `device_caps` bits of `VIDIOC_QUERYCAP`.
public struct DeviceCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let videoCapture = DeviceCapabilities(rawValue: UInt32(V4L2_CAP_VIDEO_CAPTURE))
    public static let videoCaptureMultiplanar = DeviceCapabilities(rawValue: UInt32(V4L2_CAP_VIDEO_CAPTURE_MPLANE))
    public static let videoOutput = DeviceCapabilities(rawValue: UInt32(V4L2_CAP_VIDEO_OUTPUT))
    public static let metadataCapture = DeviceCapabilities(rawValue: UInt32(V4L2_CAP_META_CAPTURE))
    public static let readWrite = DeviceCapabilities(rawValue: UInt32(V4L2_CAP_READWRITE))
    public static let streaming = DeviceCapabilities(rawValue: UInt32(V4L2_CAP_STREAMING))

    /// A node gaitlive can capture from: single-planar video capture with streaming I/O.
    public var isCamera: Bool { contains([.videoCapture, .streaming]) }
}
