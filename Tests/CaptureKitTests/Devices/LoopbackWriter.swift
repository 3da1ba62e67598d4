import Glibc
@testable import CaptureKit

/// The producer side of a v4l2loopback node: sets the output format once, then one write(2)
/// per frame, as a program feeding a virtual camera does.
final class LoopbackWriter {
    let device: VideoDevice

    init(path: String, format: PixelFormat, width: Int, height: Int, maxFrameBytes: Int) throws {
        device = try VideoDevice(path: path)
        // keep_format: the format stays when the writer pauses, so the reader never sees it change.
        if let keep = try device.controls().first(where: { $0.key == "keep_format" }) {
            try device.setControl(keep.id, to: 1)
        }
        let bpl = format == .yuyv ? 2 * width : (format.isCompressed ? 0 : width)
        try device.setOutputFormat(format, width: width, height: height, bytesPerLine: bpl, sizeImage: maxFrameBytes)
    }

    /// Writes one whole frame.
    func write(_ bytes: [UInt8]) throws {
        let n = bytes.withUnsafeBytes { Glibc.write(device.descriptor, $0.baseAddress, $0.count) }
        guard n == bytes.count else {
            throw SystemError("write frame (\(n) of \(bytes.count) bytes)", path: device.path, errno: errno)
        }
    }

    func close() { device.close() }
}
