import Foundation
import MarkerTracker
import RunnerSimulation
import Testing
@testable import CaptureKit
@testable import SessionStore

/// JPEGEncoder and JPEGDecoder (libjpeg-turbo through CTurboJPEG): round trips keep the picture,
/// damaged input is an error, never a crash.
@Suite struct JPEGCodecTests {
    /// A frame of the simulated runner (LEDs on a textured scene), as recording sees them.
    static func simulatedFrame(colour: Bool = false, width: Int = 320, height: Int = 240) -> Frame {
        let runner = SimulatedRunner(seed: 3, clockOrigin: 0)
        let cam = SimulatedCamera(runner: runner, view: .side, width: width, height: height, pacing: .unpaced)
        var f = cam.render(index: 40, time: 40.0 / 120)
        if colour {
            let c = ((width + 1) / 2) * ((height + 1) / 2)
            f.chroma = ChromaPlanes(cb: (0..<c).map { UInt8(100 + $0 % 50) }, cr: (0..<c).map { UInt8(140 - $0 % 30) })
        }
        return f
    }

    @Test(arguments: [false, true])
    func roundTripKeepsTheLuma(colour: Bool) throws {
        let f = JPEGCodecTests.simulatedFrame(colour: colour)
        let jpeg = try JPEGEncoder(quality: 90).encode(f)
        #expect(jpeg.starts(with: [0xFF, 0xD8, 0xFF]))
        #expect(jpeg.count < f.width * f.height / 4)
        let decoder = try JPEGDecoder()
        let h = try decoder.header(jpeg)
        #expect(h.width == f.width && h.height == f.height && h.isGrey == !colour)
        let luma = try decoder.luma(jpeg)
        let psnr = try #require(LumaPSNR.decibels(f.luma, luma))
        #expect(psnr > 40)
        let planes = try decoder.planes(jpeg)
        #expect(LumaPSNR.decibels(luma, planes.luma) == .infinity)
        #expect((planes.chroma != nil) == colour)
        if colour, let c = planes.chroma {
            let expected = try #require(f.chroma)
            // The test chroma is a sawtooth (sharp steps): compare on average.
            let mean = Double(zip(c.cb, expected.cb).map { abs(Int($0) - Int($1)) }.reduce(0, +)) / Double(c.cb.count)
            #expect(c.cb.count == expected.cb.count && mean < 3)
        }
    }

    @Test func lowerQualityIsSmaller() throws {
        let f = JPEGCodecTests.simulatedFrame()
        let small = try JPEGEncoder(quality: 30).encode(f)
        let large = try JPEGEncoder(quality: 95).encode(f)
        #expect(small.count < large.count)
    }

    @Test func encoderIsReusableAcrossSizes() throws {
        let e = try JPEGEncoder(quality: 80)
        let d = try JPEGDecoder()
        for (w, h) in [(64, 48), (321, 241), (32, 16)] {
            let luma = LumaImage(width: w, height: h, pixels: (0..<(w * h)).map { UInt8(($0 * 7) % 251) })
            let out = try d.luma(try e.encode(luma: luma))
            #expect(out.width == w && out.height == h)
        }
    }

    @Test func strideIsHonoured() throws {
        let w = 40, h = 30, stride = 48
        var px = [UInt8](repeating: 255, count: stride * h)
        for y in 0..<h { for x in 0..<w { px[y * stride + x] = UInt8(x * 4) } }
        let luma = LumaImage(width: w, height: h, stride: stride, pixels: px)
        let out = try JPEGDecoder().luma(try JPEGEncoder(quality: 95).encode(luma: luma))
        #expect(try #require(LumaPSNR.decibels(luma, out)) > 35)
    }

    @Test func qualityOutOfRangeIsRefused() {
        #expect(throws: JPEGError.self) { _ = try JPEGEncoder(quality: 0) }
        #expect(throws: JPEGError.self) { _ = try JPEGEncoder(quality: 101) }
    }

    @Test(arguments: [0, 1, 2, 3, 4])
    func damagedInputIsAnErrorNotACrash(kind: Int) throws {
        let good = try JPEGEncoder(quality: 80).encode(JPEGCodecTests.simulatedFrame())
        let bad: [UInt8]
        switch kind {
        case 0: bad = []
        case 1: bad = [0x00, 0x01, 0x02, 0x03]
        case 2: bad = Array(good.prefix(20))   // cut inside the headers
        case 3: bad = [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0xFF, count: 100)
        default: bad = (0..<4000).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }
        }
        let d = try JPEGDecoder()
        #expect(throws: JPEGError.self) { _ = try d.luma(bad) }
        #expect(throws: JPEGError.self) { _ = try d.planes(bad) }
        // The decoder still works after a failure.
        #expect(try d.luma(good).width == 320)
    }

    @Test func truncatedScanDecodesWithoutCrashing() throws {
        let good = try JPEGEncoder(quality: 80).encode(JPEGCodecTests.simulatedFrame())
        // Cut in the entropy-coded data: libjpeg warns and fills the rest; not fatal.
        let cut = Array(good.prefix(good.count / 2))
        let luma = try JPEGDecoder().luma(cut)
        #expect(luma.width == 320 && luma.height == 240)
    }

    @Test func psnrOfIdenticalPlanesIsInfinite() {
        let a = LumaImage(width: 4, height: 4, fill: 9)
        #expect(LumaPSNR.decibels(a, a) == .infinity)
        #expect(LumaPSNR.decibels(a, LumaImage(width: 4, height: 3, fill: 9)) == nil)
        var b = a
        b[0, 0] = 10
        #expect(abs(LumaPSNR.decibels(a, b)! - 10 * log10(255.0 * 255 * 16)) < 1e-9)
    }
}
