import CTurboJPEG
public import CaptureKit
public import MarkerTracker

/// Encodes frames to baseline JPEG with libjpeg-turbo: the compressed session video (v2) and
/// anything else that stores pictures small.
///
/// One TurboJPEG compressor (`tjInitCompress`) and one output buffer (`tjAlloc`, sized by
/// `tjBufSize`, never reallocated: `TJFLAG_NOREALLOC`) are kept for the encoder's life, so
/// encoding a stream allocates only the returned array. A monochrome picture (or `grey: true`)
/// is encoded from the luma plane alone (`tjCompress2`, `TJSAMP_GRAY`); a colour one from its
/// luma and 4:2:0 chroma planes (`tjCompressFromYUVPlanes`, `TJSAMP_420`), without a colour
/// conversion. Not thread-safe: one encoder per thread (the recorder's).
public final class JPEGEncoder {
    /// libjpeg quality, 1 (smallest) to 100 (best).
    public let quality: Int
    private let handle: tjhandle
    private var buffer: UnsafeMutablePointer<UInt8>?
    private var bufferSize = 0

    /// Qualities gaitlive accepts (libjpeg's own range).
    public static let qualities = 1...100

    public init(quality: Int) throws(JPEGError) {
        guard JPEGEncoder.qualities.contains(quality) else {
            throw JPEGError("JPEG encode", "quality \(quality) is outside 1-100")
        }
        guard let h = tjInitCompress() else {
            throw JPEGError("JPEG encode", "cannot create a TurboJPEG compressor: " + String(cString: tjGetErrorStr2(nil)))
        }
        self.quality = quality
        handle = h
    }

    deinit {
        if let buffer { tjFree(buffer) }
        tjDestroy(handle)
    }

    /// The JPEG of `frame`: grey when the frame has no chroma (or `grey`), else 4:2:0 colour.
    public func encode(_ frame: Frame, grey: Bool = false) throws(JPEGError) -> [UInt8] {
        if !grey, let c = frame.chroma {
            return try encode(luma: frame.luma, chroma: c)
        }
        return try encode(luma: frame.luma)
    }

    /// A grey JPEG of one luma plane (rows `stride` bytes apart).
    public func encode(luma: LumaImage) throws(JPEGError) -> [UInt8] {
        let out = try output(width: luma.width, height: luma.height, subsampling: CTJ_SAMP_GRAY)
        var jpeg: UnsafeMutablePointer<UInt8>? = out
        var size: UInt = 0
        let result = luma.pixels.withUnsafeBufferPointer { px in
            tjCompress2(handle, px.baseAddress, Int32(luma.width), Int32(luma.stride), Int32(luma.height), CTJ_PF_GRAY,
                        &jpeg, &size, CTJ_SAMP_GRAY, Int32(quality), TJFLAG_NOREALLOC)
        }
        return try finish(result, jpeg, size)
    }

    /// A 4:2:0 colour JPEG from a luma plane and its chroma planes ((width+1)/2 x (height+1)/2).
    public func encode(luma: LumaImage, chroma: ChromaPlanes) throws(JPEGError) -> [UInt8] {
        let cw = (luma.width + 1) / 2, ch = (luma.height + 1) / 2
        guard chroma.cb.count >= cw * ch, chroma.cr.count >= cw * ch else {
            throw JPEGError("JPEG encode", "chroma planes of \(chroma.cb.count) and \(chroma.cr.count) bytes, "
                            + "\(cw * ch) needed for \(luma.width)x\(luma.height)")
        }
        let out = try output(width: luma.width, height: luma.height, subsampling: CTJ_SAMP_420)
        var jpeg: UnsafeMutablePointer<UInt8>? = out
        var size: UInt = 0
        let result = luma.pixels.withUnsafeBufferPointer { y in
            chroma.cb.withUnsafeBufferPointer { cb in
                chroma.cr.withUnsafeBufferPointer { cr in
                    ctj_compress_planes(handle, y.baseAddress, cb.baseAddress, cr.baseAddress, Int32(luma.width),
                                        Int32(luma.stride), Int32(cw), Int32(luma.height), CTJ_SAMP_420, &jpeg, &size,
                                        Int32(quality), TJFLAG_NOREALLOC)
                }
            }
        }
        return try finish(result, jpeg, size)
    }

    /// The output buffer, big enough for any JPEG of this size (`tjBufSize`).
    private func output(width: Int, height: Int, subsampling: Int32) throws(JPEGError) -> UnsafeMutablePointer<UInt8> {
        let needed = Int(tjBufSize(Int32(width), Int32(height), subsampling))
        if let buffer, bufferSize >= needed { return buffer }
        if let buffer { tjFree(buffer) }
        buffer = nil
        guard needed > 0, let b = tjAlloc(Int32(needed)) else {
            throw JPEGError("JPEG encode", "cannot allocate \(needed) bytes for a \(width)x\(height) JPEG")
        }
        buffer = b
        bufferSize = needed
        return b
    }

    private func finish(_ result: Int32, _ jpeg: UnsafeMutablePointer<UInt8>?, _ size: UInt) throws(JPEGError) -> [UInt8] {
        guard result == 0, let jpeg else {
            throw JPEGError("JPEG encode", String(cString: tjGetErrorStr2(handle)))
        }
        return Array(UnsafeBufferPointer(start: jpeg, count: Int(size)))
    }
}
