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

    /// The decode path alone, on the frames the VM's loopback test sends (72 frames of the
    /// simulated runner, ffmpeg's JPEG at -q:v 2, decoded by libv4lconvert as the capture thread
    /// does): tracked, their angles stay within hundredths of a degree of the same frames
    /// uncompressed. (The 1.6 deg the loopback test once measured was its pairing: v4l2loopback
    /// hands the MJPEG stream back one frame behind.)
    @Test func decodedFramesTrackLikeTheOriginals() throws {
        let frames = V4L2DeviceTests.makeRunnerFrames(72)
        let jpegs = try JPEGFixture.encode(frames.map(\.luma), quality: 2)
        let decoder = try MJPEGDecoder(width: 640, height: 480)
        let converter = FrameConverter(format: .mjpeg, width: 640, height: 480, bytesPerLine: 0, decoder: decoder)
        var raw = ViewProcessor(view: .side, markerSide: .right, clockOrigin: 0)
        var decoded = ViewProcessor(view: .side, markerSide: .right, clockOrigin: 0)
        var squares = 0.0, count = 0, worst = 0.0
        for (f, jpeg) in zip(frames, jpegs) {
            let (luma, chroma) = try #require(jpeg.withUnsafeBytes { converter.convert($0) })
            var g = Frame(view: .side, sequence: f.sequence, timestampNanoseconds: f.timestampNanoseconds, luma: luma, chroma: chroma)
            g.truth = f.truth
            let a = raw.process(f, inclinePercent: 0).angles, b = decoded.process(g, inclinePercent: 0).angles
            for k in AngleKind.kinds(for: .side) {
                guard let x = a[k], let y = b[k] else { continue }
                squares += (x - y) * (x - y)
                count += 1
                worst = max(worst, abs(x - y))
            }
        }
        let rms = (squares / Double(max(1, count))).squareRoot()
        print("MJPEG decode path: \(count) angles, RMS \(String(format: "%.3f", rms)) deg, worst \(String(format: "%.3f", worst)) deg "
              + "from the same frames uncompressed")
        #expect(count >= 400)
        #expect(rms < 0.1)
    }

    @Test func aTruncatedJPEGIsRejected() throws {
        let decoder = try MJPEGDecoder(width: 64, height: 48)
        let junk: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 1, 2, 3]
        var out = [UInt8](repeating: 0, count: decoder.yu12Bytes)
        let ok = junk.withUnsafeBytes { j in out.withUnsafeMutableBytes { decoder.decode(j, into: $0) } }
        #expect(!ok)
    }
}
