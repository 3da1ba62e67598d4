import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import LivePipeline

/// Every raw camera layout becomes the same luma plane and 4:2:0 chroma, rows read at the
/// driver's stride (padding ignored).
@Suite struct FrameConverterTests {
    // A 4x2 picture: luma 10...17, Cb 100/101 per column pair, Cr 200/201; rows padded to `stride`.
    static let lumaValues: [UInt8] = [10, 11, 12, 13, 14, 15, 16, 17]

    func convert(_ format: PixelFormat, _ bytes: [UInt8], stride: Int) -> (LumaImage, ChromaPlanes?)? {
        let c = FrameConverter(format: format, width: 4, height: 2, bytesPerLine: stride)
        return bytes.withUnsafeBytes { c.convert($0) }
    }

    @Test func yuyvAndUYVY() throws {
        let yuyv: [UInt8] = [10, 100, 11, 200, 12, 101, 13, 201, 0, 0,
                             14, 102, 15, 202, 16, 103, 17, 203, 0, 0]
        let (l, c) = try #require(convert(.yuyv, yuyv, stride: 10))
        #expect(l.pixels == Self.lumaValues && l.stride == 4)
        #expect(c?.cb == [101, 102] && c?.cr == [201, 202]) // two rows averaged, rounded up
        let uyvy: [UInt8] = [100, 10, 200, 11, 101, 12, 201, 13, 100, 14, 200, 15, 101, 16, 201, 17]
        let (l2, c2) = try #require(convert(.uyvy, uyvy, stride: 8))
        #expect(l2.pixels == Self.lumaValues)
        #expect(c2?.cb == [100, 101] && c2?.cr == [200, 201])
    }

    @Test func greyHasNoChroma() throws {
        let grey: [UInt8] = [10, 11, 12, 13, 9, 14, 15, 16, 17, 9]
        let (l, c) = try #require(convert(.grey, grey, stride: 5))
        #expect(l.pixels == Self.lumaValues)
        #expect(c == nil)
    }

    @Test func semiPlanarAndPlanar() throws {
        let nv12: [UInt8] = [10, 11, 12, 13, 14, 15, 16, 17, 100, 200, 101, 201]
        let (l, c) = try #require(convert(.nv12, nv12, stride: 4))
        #expect(l.pixels == Self.lumaValues && c?.cb == [100, 101] && c?.cr == [200, 201])
        let (_, c21) = try #require(convert(.nv21, nv12, stride: 4))
        #expect(c21?.cb == [200, 201] && c21?.cr == [100, 101])
        let yu12: [UInt8] = [10, 11, 12, 13, 14, 15, 16, 17, 100, 101, 200, 201]
        let (l3, c3) = try #require(convert(.yu12, yu12, stride: 4))
        #expect(l3.pixels == Self.lumaValues && c3?.cb == [100, 101] && c3?.cr == [200, 201])
        let (_, c4) = try #require(convert(.yv12, yu12, stride: 4))
        #expect(c4?.cb == [200, 201] && c4?.cr == [100, 101])
    }

    /// Camera-sized buffers with padded rows (V4L2 `bytesperline` beyond the width), through the
    /// plane pool more times than it has slots: every pixel lands, every time.
    @Test(arguments: [(1280, 720), (1920, 1080), (720, 1280), (1024, 512)], [PixelFormat.grey, .yuyv, .nv12])
    func largeBuffersWithPaddedRows(size: (width: Int, height: Int), format: PixelFormat) throws {
        let (w, h) = size
        let bpl = (format == .yuyv ? 2 * w : w) + 64
        let lumaAt = { (x: Int, y: Int, round: Int) in UInt8(truncatingIfNeeded: x &* 7 &+ y &* 13 &+ round) }
        let c = FrameConverter(format: format, width: w, height: h, bytesPerLine: bpl)
        // Three pictures in turn (a period the pool's 16 slots do not divide, so a stale plane shows).
        let pictures = (0..<3).map { round -> (buffer: [UInt8], luma: [UInt8]) in
            var buffer = [UInt8](repeating: 0x80, count: bpl * h + (format == .nv12 ? bpl * ((h + 1) / 2) : 0))
            var luma = [UInt8](repeating: 0, count: w * h)
            let step = format == .yuyv ? 2 : 1
            buffer.withUnsafeMutableBufferPointer { b in
                luma.withUnsafeMutableBufferPointer { l in
                    for y in 0..<h {
                        for x in 0..<w {
                            let v = lumaAt(x, y, round)
                            b[y * bpl + step * x] = v
                            l[y * w + x] = v
                        }
                    }
                }
            }
            return (buffer, luma)
        }
        for round in 0..<17 {
            let p = pictures[round % 3]
            let (l, chroma) = try #require(p.buffer.withUnsafeBytes { c.convert($0) })
            #expect(l.width == w && l.height == h && l.stride == w)
            #expect(l.pixels == p.luma, "\(w)x\(h) \(format) round \(round)")
            if format != .grey {
                #expect(chroma?.cb.count == ((w + 1) / 2) * ((h + 1) / 2))
                #expect(chroma?.cb.first == 0x80 && chroma?.cr.last == 0x80)
            }
        }
    }

    @Test func aTruncatedBufferIsRejected() {
        #expect(convert(.yuyv, [UInt8](repeating: 0, count: 10), stride: 8) == nil)
        #expect(convert(.nv12, [UInt8](repeating: 0, count: 9), stride: 4) == nil)
    }
}

/// Pooled planes are reused in place, but never under a frame that still holds them.
@Suite struct PlanePoolTests {
    @Test func aHeldPlaneKeepsItsPixelsWhileThePoolCyclesOn() {
        var pool = PlanePool(slots: 2)
        let held = pool.fill(4) { p in for i in 0..<4 { p[i] = 7 } }
        for round in 0..<5 {
            _ = pool.fill(4) { p in for i in 0..<4 { p[i] = UInt8(round) } }
        }
        #expect(held == [7, 7, 7, 7])
        var released: [UInt8]? = pool.fill(4) { p in for i in 0..<4 { p[i] = 1 } }
        let address = released!.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        released = nil
        _ = pool.fill(4) { _ in } // the other slot
        let again = pool.fill(4) { p in for i in 0..<4 { p[i] = 2 } }
        #expect(again.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == address, "reused in place")
        #expect(again == [2, 2, 2, 2])
    }
}
