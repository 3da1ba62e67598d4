import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import RunnerSimulation

/// libv4lconvert's JPEG decoding, on frames encoded the way a UVC camera's MJPEG stream is.
@Suite struct MJPEGDecoderTests {
    @Test func decodesRunnerFramesCloseToTheOriginal() throws {
        let runner = SimulatedRunner(seed: 4, sideCameraOn: .right, clockOrigin: 0)
        let cam = SimulatedCamera(runner: runner, view: .side, width: 640, height: 480, pacing: .unpaced)
        let frames = (0..<3).map { cam.render(index: UInt64($0), time: 0.5 + Double($0) / 120) }
        let jpegs = try JPEGFixture.encode(frames.map(\.luma), quality: 2)
        #expect(jpegs.count == 3)
        let decoder = try MJPEGDecoder(width: 640, height: 480)
        let converter = FrameConverter(format: .mjpeg, width: 640, height: 480, bytesPerLine: 0, decoder: decoder)
        for (f, jpeg) in zip(frames, jpegs) {
            let planes = jpeg.withUnsafeBytes { converter.convert($0) }
            let (luma, chroma) = try #require(planes)
            var sum = 0, signed = 0
            for k in 0..<(640 * 480) {
                let d = Int(luma.pixels[k]) - Int(f.luma.pixels[k])
                sum += abs(d)
                signed += d
            }
            print("MJPEG decode: mean abs luma error \(Double(sum) / 307200), mean signed \(Double(signed) / 307200), "
                  + "chroma \(chroma?.cb.count ?? 0)")
            #expect(Double(sum) / 307200 < 2)
        }
    }

    @Test func aTruncatedJPEGIsRejected() throws {
        let decoder = try MJPEGDecoder(width: 64, height: 48)
        let junk: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 1, 2, 3]
        var out = [UInt8](repeating: 0, count: decoder.yu12Bytes)
        let ok = junk.withUnsafeBytes { j in out.withUnsafeMutableBytes { decoder.decode(j, into: $0) } }
        #expect(!ok)
    }
}
