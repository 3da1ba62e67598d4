public import MarkerTracker

/// Turns the bytes of one camera buffer into a `Frame`'s planes: the luma plane the tracker
/// reads and, for colour formats, 4:2:0 chroma for the recording.
///
/// Rows are read `bytesPerLine` apart (the driver's stride); the output planes are packed.
/// Output planes come from `PlanePool`s, so a warm converter allocates nothing per frame. MJPEG
/// goes through `MJPEGDecoder` into a scratch buffer reused for every frame. Owned by one thread.
public final class FrameConverter {
    public let format: PixelFormat
    public let width: Int
    public let height: Int
    public let bytesPerLine: Int
    private let decoder: MJPEGDecoder?
    private var scratch: [UInt8] = []
    private var lumaPool = PlanePool()
    private var cbPool = PlanePool()
    private var crPool = PlanePool()

    public init(format: PixelFormat, width: Int, height: Int, bytesPerLine: Int, decoder: MJPEGDecoder? = nil) {
        self.format = format
        self.width = width
        self.height = height
        self.bytesPerLine = bytesPerLine
        self.decoder = decoder
        if decoder != nil { scratch = [UInt8](repeating: 0, count: decoder!.yu12Bytes) }
    }

    var chromaWidth: Int { (width + 1) / 2 }
    var chromaHeight: Int { (height + 1) / 2 }

    /// Bytes a complete uncompressed buffer holds (shorter buffers are rejected).
    var minimumBytes: Int {
        switch format {
        case .grey: bytesPerLine * (height - 1) + width
        case .yuyv, .uyvy: bytesPerLine * (height - 1) + 2 * width
        case .nv12, .nv21: bytesPerLine * height + bytesPerLine * (chromaHeight - 1) + 2 * chromaWidth
        case .yu12, .yv12: bytesPerLine * height + 2 * (bytesPerLine / 2) * chromaHeight
        default: 1
        }
    }

    /// The planes of one buffer, or nil when it is truncated or (MJPEG) cannot be decoded.
    public func convert(_ raw: UnsafeRawBufferPointer) -> (LumaImage, ChromaPlanes?)? {
        if format.isCompressed {
            guard let decoder else { return nil }
            let ok = scratch.withUnsafeMutableBytes { decoder.decode(raw, into: $0) }
            guard ok else { return nil }
            return scratch.withUnsafeBytes { planar($0, stride: width, swapChroma: false) }
        }
        guard raw.count >= minimumBytes, raw.baseAddress != nil else { return nil }
        switch format {
        case .grey: return (luma(raw, step: 1, offset: 0), nil)
        case .yuyv: return packed(raw, lumaOffset: 0, cbOffset: 1, crOffset: 3)
        case .uyvy: return packed(raw, lumaOffset: 1, cbOffset: 0, crOffset: 2)
        case .nv12: return semiPlanar(raw, swap: false)
        case .nv21: return semiPlanar(raw, swap: true)
        case .yu12: return planar(raw, stride: bytesPerLine, swapChroma: false)
        case .yv12: return planar(raw, stride: bytesPerLine, swapChroma: true)
        default: return nil
        }
    }

    /// Every `step`-th byte of each row from `offset`: the luma of GREY (1) and packed 4:2:2 (2).
    func luma(_ raw: UnsafeRawBufferPointer, step: Int, offset: Int) -> LumaImage {
        let (w, h, bpl) = (width, height, bytesPerLine)
        let src = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let pixels = lumaPool.fill(w * h) { dst in
            for y in 0..<h {
                let row = src + y * bpl + offset
                let o = dst + y * w
                if step == 1 {
                    o.update(from: row, count: w)
                } else {
                    for x in 0..<w { o[x] = row[x &* step] }
                }
            }
        }
        return LumaImage(width: w, height: h, pixels: pixels)
    }

    /// YUYV / UYVY: luma from every other byte, chroma averaged over each pair of rows.
    func packed(_ raw: UnsafeRawBufferPointer, lumaOffset: Int, cbOffset: Int, crOffset: Int) -> (LumaImage, ChromaPlanes) {
        let image = luma(raw, step: 2, offset: lumaOffset)
        let (cw, ch, bpl, h) = (chromaWidth, chromaHeight, bytesPerLine, height)
        let src = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
        func plane(_ pool: inout PlanePool, _ offset: Int) -> [UInt8] {
            pool.fill(cw * ch) { dst in
                for cy in 0..<ch {
                    let r0 = src + (2 * cy) * bpl + offset
                    let r1 = 2 * cy + 1 < h ? r0 + bpl : r0
                    let o = dst + cy * cw
                    for cx in 0..<cw {
                        let i = cx &* 4
                        o[cx] = UInt8((UInt16(r0[i]) &+ UInt16(r1[i]) &+ 1) >> 1)
                    }
                }
            }
        }
        return (image, ChromaPlanes(cb: plane(&cbPool, cbOffset), cr: plane(&crPool, crOffset)))
    }

    /// NV12 / NV21: the luma plane, then one plane of interleaved Cb Cr (Cr Cb) pairs.
    func semiPlanar(_ raw: UnsafeRawBufferPointer, swap: Bool) -> (LumaImage, ChromaPlanes) {
        let image = luma(raw, step: 1, offset: 0)
        let (cw, ch, bpl) = (chromaWidth, chromaHeight, bytesPerLine)
        let uv = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + bpl * height
        func plane(_ pool: inout PlanePool, _ offset: Int) -> [UInt8] {
            pool.fill(cw * ch) { dst in
                for cy in 0..<ch {
                    let row = uv + cy * bpl + offset
                    for cx in 0..<cw { dst[cy * cw + cx] = row[cx &* 2] }
                }
            }
        }
        let cb = plane(&cbPool, swap ? 1 : 0)
        let cr = plane(&crPool, swap ? 0 : 1)
        return (image, ChromaPlanes(cb: cb, cr: cr))
    }

    /// YU12 / YV12: three planes; chroma rows are half the luma stride apart.
    func planar(_ raw: UnsafeRawBufferPointer, stride: Int, swapChroma: Bool) -> (LumaImage, ChromaPlanes)? {
        guard let base = raw.baseAddress else { return nil }
        let (w, h, cw, ch) = (width, height, chromaWidth, chromaHeight)
        let cstride = stride == w ? cw : stride / 2
        guard raw.count >= stride * h + 2 * cstride * ch else { return nil }
        let src = base.assumingMemoryBound(to: UInt8.self)
        func copy(_ pool: inout PlanePool, _ start: UnsafePointer<UInt8>, _ pw: Int, _ ph: Int, _ ps: Int) -> [UInt8] {
            pool.fill(pw * ph) { out in
                for y in 0..<ph { (out + y * pw).update(from: start + y * ps, count: pw) }
            }
        }
        let y = copy(&lumaPool, src, w, h, stride)
        let first = src + stride * h, second = src + stride * h + cstride * ch
        let cb = copy(&cbPool, swapChroma ? second : first, cw, ch, cstride)
        let cr = copy(&crPool, swapChroma ? first : second, cw, ch, cstride)
        return (LumaImage(width: w, height: h, pixels: y), ChromaPlanes(cb: cb, cr: cr))
    }
}
