import Foundation
import MarkerTracker
import RunnerSimulation
import Testing
@testable import CaptureKit
@testable import SessionStore

/// The default JPEG quality against issue #15's budgets, on the simulated runner's 640x480
/// frames (both views, a second of running): luma PSNR >= 40 dB against the raw frame on every
/// frame, at most 1/15 of the raw bytes, LED centres within 0.05 px RMS of the raw frame's. Sizes and PSNR, not speed: no timing here.
@Suite struct RecordingQualityTests {
    struct Measure {
        var worstPSNR = Double.infinity
        var meanPSNR = 0.0
        var bytes = 0
        var rawBytes = 0
        var frames = 0
        /// LED centres found in the decoded frame against the raw frame's (same threshold).
        var centroidSquares = 0.0
        var centroids = 0
        var centroidRMS: Double { centroids > 0 ? (centroidSquares / Double(centroids)).squareRoot() : 0 }
    }

    static func measure(quality: Int, frames: Int = 120, step: Int = 4, width: Int = 640, height: Int = 480) throws -> Measure {
        var m = Measure()
        let encoder = try JPEGEncoder(quality: quality)
        let decoder = try JPEGDecoder()
        var psnrSum = 0.0
        for view in CameraView.allCases {
            let runner = SimulatedRunner(seed: 7, clockOrigin: 0)
            let cam = SimulatedCamera(runner: runner, view: view, width: width, height: height, pacing: .unpaced)
            for n in stride(from: 0, to: frames, by: step) {
                let f = cam.render(index: UInt64(n), time: Double(n) / 120)
                let jpeg = try encoder.encode(f)
                let psnr = try #require(LumaPSNR.decibels(f.luma, try decoder.luma(jpeg)))
                m.worstPSNR = min(m.worstPSNR, psnr)
                psnrSum += psnr
                m.bytes += jpeg.count
                m.rawBytes += f.width * f.height
                m.frames += 1
                let levels = ExposureLevels.estimate(f.luma)
                var detector = BlobDetector()
                let raw = detector.detect(in: f.luma, levels: levels)
                let decoded = detector.detect(in: try decoder.luma(jpeg), levels: levels)
                for b in raw {
                    let near = decoded.min { a, c in
                        hypot(a.centroid.x - b.centroid.x, a.centroid.y - b.centroid.y)
                            < hypot(c.centroid.x - b.centroid.x, c.centroid.y - b.centroid.y)
                    }
                    if let near, hypot(near.centroid.x - b.centroid.x, near.centroid.y - b.centroid.y) < 2 {
                        m.centroidSquares += pow(near.centroid.x - b.centroid.x, 2) + pow(near.centroid.y - b.centroid.y, 2)
                        m.centroids += 1
                    }
                }
            }
        }
        m.meanPSNR = psnrSum / Double(m.frames)
        return m
    }

    @Test(arguments: [(640, 480), (320, 240)])
    func defaultQualityMeetsTheBudgets(width: Int, height: Int) throws {
        let m = try RecordingQualityTests.measure(quality: VideoStorage.defaultJPEGQuality, width: width, height: height)
        #expect(m.worstPSNR >= 40, "worst luma PSNR \(m.worstPSNR) dB")
        #expect(m.bytes * 15 <= m.rawBytes, "\(m.bytes) bytes for \(m.rawBytes) raw")
        #expect(m.centroidRMS <= 0.05, "LED centres \(m.centroidRMS) px RMS from the raw frame's")
    }

    /// The sweep behind the default (docs/performance.md): GAITLIVE_QUALITY_SWEEP=50,60,70 (qualities).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GAITLIVE_QUALITY_SWEEP"] != nil))
    func sweep() throws {
        for q in (ProcessInfo.processInfo.environment["GAITLIVE_QUALITY_SWEEP"] ?? "").split(separator: ",").compactMap({ Int($0) }) {
            let size = (ProcessInfo.processInfo.environment["GAITLIVE_QUALITY_SWEEP_SIZE"] ?? "640x480").split(separator: "x")
            let m = try RecordingQualityTests.measure(quality: q, frames: 240, step: 2, width: Int(size[0])!, height: Int(size[1])!)
            print(String(format: "quality %d: worst PSNR %.2f dB, mean %.2f dB, %.0f bytes/frame, 1/%.1f of raw, LED centres %.3f px RMS (%d)",
                         q, m.worstPSNR, m.meanPSNR, Double(m.bytes) / Double(m.frames), Double(m.rawBytes) / Double(m.bytes),
                         m.centroidRMS, m.centroids))
        }
    }
}
