import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import RunnerSimulation
import SessionStore

/// `gaitlive bench recording`: compressed session video against raw, side by side on the same
/// frames (issue #15, item 3; docs/performance.md "Compressed session video").
struct BenchRecordingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recording",
        abstract: "Compressed recording against raw on the same frames: bytes, PSNR, tracking, encode time, a paced run.",
        usage: """
            gaitlive bench recording
            gaitlive bench recording --jpeg-quality 75 --seconds 5 --paced-seconds 0
            """,
        discussion: """
            Both simulated cameras' frames (--seconds of running at --fps, --size) are encoded as the \
            recorder encodes them (libjpeg-turbo, one core, this thread), decoded again, and tracked \
            twice by the live per-camera pipeline: on the raw frames and on the decoded ones. Prints \
            bytes per picture against raw (and per minute for two cameras), luma PSNR (worst and \
            mean), encode and decode times (median and 99th percentile), the LED centres and the angles \
            of the decoded run against the raw run (markers detected in both), then --paced-seconds \
            of both cameras paced in real time, tracked, compressed, recorded and drawn (frames \
            dropped, not saved). Each budget of issue #15 ends in a 'budget ... met' or '... NOT met' line.
            """)

    @Option(name: .long, help: "Seconds of running per camera.")
    var seconds: Double = 10

    @Option(name: .long, help: ArgumentHelp("JPEG quality, 1-100.", valueName: "1-100"))
    var jpegQuality: Int = VideoStorage.defaultJPEGQuality

    @Option(name: .long, help: "Seconds of the paced run (0 skips it).")
    var pacedSeconds: Double = 20

    @OptionGroup var simulation: SimulationOptions

    func validate() throws {
        guard seconds >= 1, seconds <= 600 else { throw ValidationError("--seconds must be between 1 and 600 (got \(seconds))") }
        guard (1...100).contains(jpegQuality) else { throw ValidationError("--jpeg-quality must be 1 to 100 (got \(jpegQuality))") }
        guard pacedSeconds >= 0, pacedSeconds <= 3600 else { throw ValidationError("--paced-seconds must be 0 to 3600") }
    }

    func run() throws {
        let (w, h, fps) = (simulation.size.width, simulation.size.height, simulation.fps)
        print("gaitlive bench recording: two \(w)x\(h) cameras, \(PopulationBench.number(seconds)) s at \(PopulationBench.number(fps)) fps, "
              + "JPEG quality \(jpegQuality), seed \(simulation.seed)")
        let encoder = try JPEGEncoder(quality: jpegQuality)
        let decoder = try JPEGDecoder()
        var encodeMs: [Double] = [], decodeMs: [Double] = []
        var jpegBytes = 0, rawBytes = 0, pictures = 0
        var worstPSNR = Double.infinity, psnrSum = 0.0
        var centroidSquares = 0.0, centroids = 0
        var angles: [CameraView: AngleAgreement] = [:]
        let runner = SimulatedRunner(profile: .flat, findings: simulation.findings, seed: simulation.seed,
                                     sideCameraOn: simulation.cameraSide, clockOrigin: 0)
        for view in CameraView.allCases {
            let cam = SimulatedCamera(runner: runner, view: view, width: w, height: h, framesPerSecond: fps, pacing: .unpaced)
            var raw = ViewProcessor(view: view, markerSide: simulation.cameraSide, framesPerSecond: fps, clockOrigin: 0)
            var compressed = raw
            var agreement = AngleAgreement(view: view)
            for n in 0..<Int(seconds * fps) {
                let f = cam.render(index: UInt64(n), time: Double(n) / fps + cam.timeOffset)
                let t0 = MonotonicClock.now()
                let jpeg = try encoder.encode(f, grey: f.chroma == nil)
                let t1 = MonotonicClock.now()
                let luma = try decoder.luma(jpeg)
                let t2 = MonotonicClock.now()
                encodeMs.append(Double(t1 - t0) / 1e6)
                decodeMs.append(Double(t2 - t1) / 1e6)
                jpegBytes += jpeg.count
                rawBytes += 6 + w * h
                pictures += 1
                let psnr = LumaPSNR.decibels(f.luma, luma) ?? 99
                worstPSNR = min(worstPSNR, psnr)
                psnrSum += psnr
                var decodedFrame = f
                decodedFrame.luma = luma
                let a = raw.process(f, inclinePercent: 0)
                let b = compressed.process(decodedFrame, inclinePercent: 0)
                for (m, ma) in a.tracked.markers.enumerated() {
                    guard let ma, ma.source == .detected, m < b.tracked.markers.count, let mb = b.tracked.markers[m],
                          mb.source == .detected else { continue }
                    centroidSquares += ma.position.distance(to: mb.position) * ma.position.distance(to: mb.position)
                    centroids += 1
                }
                agreement.add(b.angles, reference: a.angles)
            }
            angles[view] = agreement
        }
        func percentile(_ v: [Double], _ p: Double) -> Double {
            let s = v.sorted()
            return s.isEmpty ? 0 : s[min(s.count - 1, Int(Double(s.count - 1) * p))]
        }
        let perPicture = Double(jpegBytes) / Double(max(1, pictures))
        let rawPerPicture = Double(rawBytes) / Double(max(1, pictures))
        let ratio = rawPerPicture / max(1, perPicture)
        let perMinute = { (bytes: Double) in bytes * fps * 60 * 2 / 1e6 }
        print(String(format: "bytes per picture: JPEG %.0f, raw %.0f (1/%.0f); two cameras: %.0f MB a minute against %.0f MB raw",
                     perPicture, rawPerPicture, ratio, perMinute(perPicture), perMinute(rawPerPicture)))
        print(String(format: "luma PSNR against raw: worst %.2f dB, mean %.2f dB", worstPSNR, psnrSum / Double(max(1, pictures))))
        print(String(format: "encode per picture: median %.3f ms, p99 %.3f ms; decode: median %.3f ms, p99 %.3f ms",
                     percentile(encodeMs, 0.5), percentile(encodeMs, 0.99), percentile(decodeMs, 0.5), percentile(decodeMs, 0.99)))
        let centroidRMS = centroids > 0 ? (centroidSquares / Double(centroids)).squareRoot() : 0
        let worstAngle = angles.values.compactMap(\.worst).max { $0.rms < $1.rms }
        print(String(format: "tracked again from the decoded pictures: LED centres %.4f px RMS from the raw run's (%d marker-frames); "
                     + "worst angle %@ %.4f deg RMS", centroidRMS, centroids, worstAngle?.kind.column ?? "-", worstAngle?.rms ?? 0))
        func budget(_ name: String, _ met: Bool) { print("budget \(name): " + (met ? "met" : "NOT met")) }
        budget("bytes at most 1/15 of raw", ratio >= 15)
        budget("luma PSNR >= 40 dB", worstPSNR >= 40)
        budget("LED centres within 0.05 px RMS", centroidRMS <= 0.05)
        budget("angles within 0.1 deg", (worstAngle?.rms ?? 0) <= 0.1)
        budget("encoding at most 1.5 ms per 640x480 picture (median, scaled to 640x480)",
               percentile(encodeMs, 0.5) * Double(640 * 480) / Double(w * h) <= 1.5)
        guard pacedSeconds > 0 else { return }
        let directory = NSTemporaryDirectory() + "gaitlive-bench-recording-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paced = PacedRecording(simulation: simulation, storage: .jpeg(quality: jpegQuality), preRecordSeconds: 5,
                                   screen: TerminalSize(argument: "200x60")!)
        let r = try paced.record(into: directory, seconds: pacedSeconds, reportEvery: max(5, pacedSeconds / 4)) { print("paced " + $0) }
        print("paced run: \(r.framesWritten) frames written, \(r.dropped) dropped by the cameras, \(r.notSaved) not saved, "
              + String(format: "%.1f MB", Double(r.bytesWritten) / 1e6))
        budget("two paced cameras with 0 dropped and 0 not saved", r.dropped == 0 && r.notSaved == 0 && r.failure == nil)
    }
}
