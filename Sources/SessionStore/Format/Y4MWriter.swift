public import MarkerTracker
public import CaptureKit

/// Appends frames to a Y4M video: one header line, then `FRAME\n` and the planes per picture.
///
/// Monochrome frames go into a `Cmono` file; colour frames into `C420jpeg`. The writer never
/// rewrites what it wrote, so an interrupted recording leaves every whole frame playable.
public final class Y4MWriter {
    public let header: Y4MHeader
    public let output: FileOutput
    public private(set) var frameCount = 0
    private static let frameTag = Array("FRAME\n".utf8)

    /// Creates `path` and writes the header.
    public init(creating path: String, header: Y4MHeader, limit: WriteLimit? = nil) throws(SystemError) {
        self.header = header
        output = try FileOutput(creating: path, bufferLimit: 1 << 20, limit: limit)
        try output.write(header.line)
    }

    /// Byte offset of frame `n` in a file written by this writer (fixed-size frames).
    public static func offset(ofFrame n: Int, header: Y4MHeader) -> Int {
        header.line.utf8.count + n * (frameTag.count + header.frameBytes)
    }

    public func append(_ frame: Frame) throws(SystemError) {
        precondition(frame.width == header.width && frame.height == header.height,
                     "frame \(frame.width)x\(frame.height) does not match video \(header.width)x\(header.height)")
        try output.write(Y4MWriter.frameTag)
        let luma = frame.luma
        if luma.stride == luma.width {
            var failure: SystemError?
            luma.pixels.withUnsafeBytes { raw in
                do throws(SystemError) {
                    try output.write(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<(luma.width * luma.height)]))
                } catch { failure = error }
            }
            if let failure { throw failure }
        } else {
            for y in 0..<luma.height {
                try output.write(Array(luma.pixels[(y * luma.stride)..<(y * luma.stride + luma.width)]))
            }
        }
        if header.colour.hasChroma {
            let count = ((header.width + 1) / 2) * ((header.height + 1) / 2)
            if let c = frame.chroma, c.cb.count == count, c.cr.count == count {
                try output.write(c.cb)
                try output.write(c.cr)
            } else {
                let grey = [UInt8](repeating: 128, count: count)
                try output.write(grey)
                try output.write(grey)
            }
        }
        frameCount += 1
    }

    public func sync() throws(SystemError) { try output.sync() }
    public func close() throws(SystemError) { try output.close() }
}
