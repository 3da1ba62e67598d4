import Testing
@testable import OfflineAnalysis

/// Checksums against published values, and PNG structure (the pixels themselves are decoded by
/// python's zlib in scripts/check-report-html, run by the end-to-end report tests).
@Suite struct PNGEncoderTests {
    @Test func checksumsMatchTheirStandards() {
        #expect(PNGEncoder.crc(Array("123456789".utf8)) == 0xCBF4_3926)
        // A zlib stream: header 0x78 (deflate, 32 KiB window), check bits, Adler-32 at the end.
        let z = PNGEncoder.zlibStream(Array("Wikipedia".utf8))
        #expect(z.first == 0x78 && (UInt16(z[0]) << 8 | UInt16(z[1])) % 31 == 0)
        #expect(Array(z.suffix(4)) == [0x11, 0xE6, 0x03, 0x98])
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
            #expect(PNGEncoder.crc(body) == crc)
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
