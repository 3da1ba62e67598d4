import CV4L2

/// A V4L2 pixel format: the camera's FOURCC code (`YUYV`, `GREY`, `MJPG`...), as a strong type.
///
/// The raw value is the little-endian four-character code V4L2 uses in `v4l2_pix_format.pixelformat`.
public struct PixelFormat: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// From a four-character code such as "YUYV" (shorter codes are padded with spaces).
    public init?(fourcc: String) {
        let bytes = Array(fourcc.utf8)
        guard (1...4).contains(bytes.count) else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(i < bytes.count ? bytes[i] : 0x20) << (8 * UInt32(i)) }
        rawValue = v
    }

    public static let yuyv = PixelFormat(rawValue: CV4L2_PIX_FMT_YUYV)
    public static let uyvy = PixelFormat(rawValue: CV4L2_PIX_FMT_UYVY)
    public static let grey = PixelFormat(rawValue: CV4L2_PIX_FMT_GREY)
    public static let nv12 = PixelFormat(rawValue: CV4L2_PIX_FMT_NV12)
    public static let nv21 = PixelFormat(rawValue: CV4L2_PIX_FMT_NV21)
    /// Planar 4:2:0, Y then Cb then Cr (`YU12`, also called I420).
    public static let yu12 = PixelFormat(rawValue: CV4L2_PIX_FMT_YUV420)
    /// Planar 4:2:0, Y then Cr then Cb (`YV12`).
    public static let yv12 = PixelFormat(rawValue: CV4L2_PIX_FMT_YVU420)
    public static let mjpeg = PixelFormat(rawValue: CV4L2_PIX_FMT_MJPEG)
    public static let jpeg = PixelFormat(rawValue: CV4L2_PIX_FMT_JPEG)
    public static let rgb24 = PixelFormat(rawValue: CV4L2_PIX_FMT_RGB24)

    /// The four characters, e.g. "YUYV" (trailing spaces kept as V4L2 has them).
    public var fourcc: String {
        var chars = ""
        for i in 0..<4 {
            let b = UInt8((rawValue >> (8 * UInt32(i))) & 0xff)
            chars.append(b >= 0x20 && b < 0x7f ? Character(Unicode.Scalar(b)) : "?")
        }
        return chars
    }

    public var description: String { fourcc.trimmingTrailingSpaces }

    /// Encoded as its four characters ("YUYV"), as people and scripts read it.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let f = PixelFormat(fourcc: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a FOURCC: \(text)"))
        }
        self = f
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// Formats gaitlive turns into frames itself (uncompressed) or through its JPEG decoder.
    public var isSupported: Bool { PixelFormat.supported.contains(self) }

    /// Compressed formats that need decoding before tracking.
    public var isCompressed: Bool { self == .mjpeg || self == .jpeg }

    /// Whether frames in this format carry colour (gaitlive records 4:2:0 chroma for those).
    public var hasColour: Bool { self != .grey }

    /// Every format gaitlive can capture from, cheapest to turn into a luma plane first.
    public static let supported: [PixelFormat] = [.grey, .yuyv, .uyvy, .nv12, .nv21, .yu12, .yv12, .mjpeg, .jpeg]
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
