@testable import CaptureKit
import Testing

/// Checksums against published values, and PNG structure (the pixels themselves are decoded by
/// python's zlib in scripts/check-report-html, run by the end-to-end report tests).
@Suite struct PNGEncoderTests {
    @Test func checksumsMatchTheirStandards() {
        let text = Array("123456789".utf8)
        #expect(CRC32.checksum(text) == 0xCBF4_3926)
        #expect(Deflate.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func aPictureBecomesChunksWithValidCRCs() {
        let w = 40, h = 30
        var rgb = [UInt8](repeating: 10, count: w * h * 3)
        for i in stride(from: 0, to: rgb.count, by: 7) { rgb[i] = 200 }
        let png = PNGEncoder.encode(width: w, height: h, rgb: rgb)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var i = 8
        var types: [String] = []
        while i + 12 <= png.count {
            let length = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
            let body = Array(png[(i + 4)..<(i + 8 + length)])
            let crc = png[(i + 8 + length)..<(i + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(CRC32.checksum(body) == crc)
            types.append(String(decoding: body.prefix(4), as: UTF8.self))
            i += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        #expect(i == png.count)
        // A flat picture compresses to a small fraction of its pixels.
        let flat = PNGEncoder.encode(width: 200, height: 200, rgb: [UInt8](repeating: 30, count: 200 * 200 * 3))
        #expect(flat.count < 2000)
    }
}
