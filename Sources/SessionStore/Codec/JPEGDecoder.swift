import CTurboJPEG
public import CaptureKit
public import MarkerTracker

/// Decodes JPEG pictures (gaitlive's own and a camera's MJPEG frames) with libjpeg-turbo: the
/// review's, export's and analysis' access to compressed session video.
///
/// One TurboJPEG decompressor (`tjInitDecompress`) is kept for the decoder's life. `luma` decodes
/// the brightness only (`tjDecompress2` to `TJPF_GRAY`, which skips the chroma), `planes` the
/// picture as 4:2:0 (`tjDecompressToYUVPlanes`; 4:2:2 and 4:4:4 chroma, common from USB cameras, is
/// averaged down to 4:2:0). Input that is not a JPEG, or is too damaged to decode, is an error,
/// never a crash; libjpeg's warnings (a truncated scan, extra bytes between markers, as some
/// cameras send) are not errors: the picture is used as libjpeg decodes it. Not thread-safe.
public final class JPEGDecoder {
    private let handle: tjhandle

    /// A JPEG's picture size and chroma subsampling (`tjDecompressHeader3`).
    public struct Header: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// TurboJPEG's `TJSAMP_*` value.
        public var subsampling: Int32
        public var isGrey: Bool { subsampling == CTJ_SAMP_GRAY }
    }

    public init() throws(JPEGError) {
        guard let h = tjInitDecompress() else {
            throw JPEGError("JPEG decode", "cannot create a TurboJPEG decompressor: " + String(cString: tjGetErrorStr2(nil)))
        }
        handle = h
    }

    deinit { tjDestroy(handle) }

    /// Size and subsampling of `jpeg`, without decoding it.
    public func header(_ jpeg: UnsafeRawBufferPointer) throws(JPEGError) -> Header {
        guard let base = jpeg.baseAddress, jpeg.count > 0 else { throw JPEGError("JPEG decode", "no bytes") }
        var w: Int32 = 0, h: Int32 = 0, samp: Int32 = 0, space: Int32 = 0
        guard tjDecompressHeader3(handle, base.assumingMemoryBound(to: UInt8.self), UInt(jpeg.count), &w, &h, &samp,
                                  &space) == 0 else {
            throw error()
        }
        guard w > 0, h > 0, w <= 16384, h <= 16384 else {
            throw JPEGError("JPEG decode", "picture size \(w)x\(h) out of range")
        }
        return Header(width: Int(w), height: Int(h), subsampling: samp)
    }

    public func header(_ jpeg: [UInt8]) throws(JPEGError) -> Header {
        var out: Result<Header, JPEGError> = .failure(JPEGError("JPEG decode", "no bytes"))
        jpeg.withUnsafeBytes { raw in
            do throws(JPEGError) { out = .success(try header(raw)) } catch { out = .failure(error) }
        }
        return try out.get()
    }

    /// The luma plane of `jpeg` (rows packed).
    public func luma(_ jpeg: [UInt8]) throws(JPEGError) -> LumaImage {
        var out: Result<LumaImage, JPEGError> = .failure(JPEGError("JPEG decode", "no bytes"))
        jpeg.withUnsafeBytes { raw in
            do throws(JPEGError) { out = .success(try luma(raw)) } catch { out = .failure(error) }
        }
        return try out.get()
    }

    public func luma(_ jpeg: UnsafeRawBufferPointer) throws(JPEGError) -> LumaImage {
        let h = try header(jpeg)
        var pixels = [UInt8](repeating: 0, count: h.width * h.height)
        let result = pixels.withUnsafeMutableBufferPointer { px in
            tjDecompress2(handle, jpeg.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt(jpeg.count), px.baseAddress,
                          Int32(h.width), Int32(h.width), Int32(h.height), CTJ_PF_GRAY, 0)
        }
        try check(result)
        return LumaImage(width: h.width, height: h.height, pixels: pixels)
    }

    /// The picture as luma and 4:2:0 chroma (nil for a grey JPEG).
    public func planes(_ jpeg: [UInt8]) throws(JPEGError) -> (luma: LumaImage, chroma: ChromaPlanes?) {
        var out: Result<(luma: LumaImage, chroma: ChromaPlanes?), JPEGError> = .failure(JPEGError("JPEG decode", "no bytes"))
        jpeg.withUnsafeBytes { raw in
            do throws(JPEGError) { out = .success(try planes(raw)) } catch { out = .failure(error) }
        }
        return try out.get()
    }

    public func planes(_ jpeg: UnsafeRawBufferPointer) throws(JPEGError) -> (luma: LumaImage, chroma: ChromaPlanes?) {
        let h = try header(jpeg)
        if h.isGrey { return (try luma(jpeg), nil) }
        // Chroma plane size at the JPEG's own subsampling.
        let (sx, sy): (Int, Int)
        switch h.subsampling {
        case CTJ_SAMP_420: (sx, sy) = (2, 2)
        case CTJ_SAMP_422: (sx, sy) = (2, 1)
        case CTJ_SAMP_444: (sx, sy) = (1, 1)
        default:
            // 4:4:0 and 4:1:1 are rare: keep the luma, leave the picture grey.
            return (try luma(jpeg), nil)
        }
        let cw = (h.width + sx - 1) / sx, ch = (h.height + sy - 1) / sy
        var y = [UInt8](repeating: 0, count: h.width * h.height)
        var cb = [UInt8](repeating: 128, count: cw * ch)
        var cr = [UInt8](repeating: 128, count: cw * ch)
        let base = jpeg.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let result = y.withUnsafeMutableBufferPointer { yp in
            cb.withUnsafeMutableBufferPointer { cbp in
                cr.withUnsafeMutableBufferPointer { crp in
                    ctj_decompress_planes(handle, base, UInt(jpeg.count), yp.baseAddress, cbp.baseAddress, crp.baseAddress,
                                          Int32(h.width), Int32(h.width), Int32(cw), Int32(h.height), 0)
                }
            }
        }
        try check(result)
        let luma = LumaImage(width: h.width, height: h.height, pixels: y)
        if sx == 2 && sy == 2 { return (luma, ChromaPlanes(cb: cb, cr: cr)) }
        return (luma, ChromaPlanes(cb: JPEGDecoder.halve(cb, width: cw, height: ch, sx: sx, sy: sy, to: h),
                                   cr: JPEGDecoder.halve(cr, width: cw, height: ch, sx: sx, sy: sy, to: h)))
    }

    /// A chroma plane at `sx` x `sy` subsampling averaged down to 4:2:0.
    static func halve(_ plane: [UInt8], width: Int, height: Int, sx: Int, sy: Int, to h: Header) -> [UInt8] {
        let ow = (h.width + 1) / 2, oh = (h.height + 1) / 2
        let fx = 2 / sx, fy = 2 / sy
        var out = [UInt8](repeating: 128, count: ow * oh)
        for oy in 0..<oh {
            for ox in 0..<ow {
                var sum = 0, n = 0
                for dy in 0..<fy {
                    let y = min(height - 1, oy * fy + dy)
                    for dx in 0..<fx {
                        let x = min(width - 1, ox * fx + dx)
                        sum += Int(plane[y * width + x])
                        n += 1
                    }
                }
                out[oy * ow + ox] = UInt8((sum + n / 2) / n)
            }
        }
        return out
    }

    /// A decode result: 0 and warnings pass, a fatal error throws with TurboJPEG's message.
    private func check(_ result: Int32) throws(JPEGError) {
        guard result != 0 else { return }
        if tjGetErrorCode(handle) == CTJ_ERR_WARNING { return }
        throw error()
    }

    private func error() -> JPEGError {
        JPEGError("JPEG decode", String(cString: tjGetErrorStr2(handle)))
    }
}
