import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import RunnerSimulation
import SessionStore

/// Issue #12, item 5 on a quick slice: the tracker on the pictures real cameras give (JPEG at
/// the qualities UVC cameras use, a slow shutter on a fast foot, LED bloom, noise at high gain)
/// against the same frames drawn ideally. Goal: angles within 0.5 deg RMS at JPEG quality 75 and
/// above, events on the same frames, no wrong label. The sweep over the population is
/// `gaitlive bench pictures` (docs/accuracy.md "Camera pictures").
@Suite struct CameraPictureTests {
    /// A fast runner (6 m/s: the foot in swing moves up to 10 m/s past the side camera) and a
    /// forefoot striker at an ordinary speed.
    static let runners: [(String, PopulationRunner)] = [
        ("6 m/s", PopulationRunner(seed: 201, speed: 6, footStrikeAngle: 4)),
        ("3 m/s forefoot", PopulationRunner(seed: 202, speed: 3, footStrikeAngle: -15)),
    ]
    static let seconds = 1.4

    struct Run {
        var angles: [AngleSet] = []
        var events: [GaitEvent] = []
        var score: TrackingScore
    }

    static func run(_ r: PopulationRunner, view: CameraView, picture: CameraPicture) -> Run {
        let runner = r.simulatedRunner()
        let cam = r.simulatedCamera(view, runner: runner, picture: picture)
        var processor = ViewProcessor(view: view, markerSide: r.sideCameraOn, legLengthCm: r.legLengthCm,
                                      framesPerSecond: 120, clockOrigin: 0)
        var out = Run(score: TrackingScore(view: view))
        for i in 0..<Int(seconds * 120) {
            let f = cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
            let p = processor.process(f, inclinePercent: 0)
            out.angles.append(p.angles)
            out.events += p.events
            out.score.add(p.tracked, truth: f.truth!)
        }
        return out
    }

    static let pictures: [(CameraPicture, maximumRMS: Double)] = [
        (CameraPicture(jpegQuality: 75), 0.5),
        (CameraPicture(exposureMilliseconds: 4), 0.5),
        (CameraPicture(bloom: 8), 0.75),
        (CameraPicture(exposureMilliseconds: 2, gain: 4, bloom: 2, jpegQuality: 75), 0.75),
    ]

    /// The fast runner through every picture; the forefoot striker through JPEG and all at once.
    @Test(arguments: runners.indices)
    func degradedPicturesTrackLikeIdealOnes(_ index: Int) {
        let (name, r) = Self.runners[index]
        let pictures = index == 0 ? Self.pictures : [Self.pictures[0], Self.pictures[3]]
        for view in CameraView.allCases {
            let ideal = Self.run(r, view: view, picture: .ideal)
            for (picture, limit) in pictures {
                let run = Self.run(r, view: view, picture: picture)
                var agreement = AngleAgreement(view: view)
                for (c, i) in zip(run.angles, ideal.angles) { agreement.add(c, reference: i) }
                let worst = agreement.worst
                print("accuracy pictures, \(name), \(view) view, \(picture): worst \(worst.map { "\($0.kind.column) \($0.rms)" } ?? "-") deg RMS, "
                      + "\(agreement.lost) angle-frames lost, \(run.score.wrong) wrong, events \(run.events.map(\.frame)) vs \(ideal.events.map(\.frame))")
                #expect((worst?.rms ?? .infinity) <= limit, "\(name), \(view), \(picture)")
                #expect(run.score.wrong == 0, "\(name), \(view), \(picture)")
                // Every event on the same frame (a JPEG block edge may move one by a frame).
                #expect(run.events.count == ideal.events.count, "\(name), \(view), \(picture)")
                for (e, i) in zip(run.events, ideal.events) {
                    #expect(e.kind == i.kind && e.side == i.side && abs(e.frame - i.frame) <= 1, "\(name), \(view), \(picture)")
                }
            }
        }
    }

    /// The pictures are really degraded: the JPEG differs from the ideal picture, the slow
    /// shutter draws a fast LED as a streak, bloom widens an LED.
    @Test func eachPictureChangesWhatTheCameraDraws() {
        let r = Self.runners[0].1
        let runner = r.simulatedRunner()
        func frame(_ p: CameraPicture) -> Frame {
            let cam = r.simulatedCamera(.side, runner: runner, picture: p)
            return cam.render(index: 60, time: 0.5 + cam.timeOffset)
        }
        let ideal = frame(.ideal)
        func brightPixels(_ f: Frame) -> Int { f.luma.pixels.filter { $0 >= 200 }.count }
        let jpeg = frame(CameraPicture(jpegQuality: 50))
        #expect(zip(jpeg.luma.pixels, ideal.luma.pixels).contains { $0 != $1 })
        #expect(brightPixels(frame(CameraPicture(bloom: 8))) > 2 * brightPixels(ideal))
        // The fastest LED (a foot in swing, 8-10 m/s) is spread over more pixels, less bright at its peak.
        let blurred = frame(CameraPicture(exposureMilliseconds: 4))
        #expect(brightPixels(blurred) != brightPixels(ideal))
        let noisy = frame(CameraPicture(gain: 4))
        let diff = zip(noisy.luma.pixels, ideal.luma.pixels).map { abs(Int($0) - Int($1)) }
        #expect(Double(diff.reduce(0, +)) / Double(diff.count) > 3)
    }
}

/// `JPEGQuality` reads back the quality libjpeg-turbo compressed at, and ffmpeg's MJPEG (which
/// scales the standard tables by its own `-q:v`) as some quality.
@Suite struct JPEGQualityTests {
    @Test(arguments: [30, 50, 60, 75, 85, 90, 95])
    func readsBackTheQualityTurboJPEGUsed(_ quality: Int) throws {
        var image = LumaImage(width: 64, height: 48, pixels: [UInt8](repeating: 20, count: 64 * 48))
        for i in image.pixels.indices where i % 7 == 0 { image.pixels[i] = 200 }
        let jpeg = try JPEGEncoder(quality: quality).encode(luma: image)
        let e = try #require(JPEGQuality.estimate(jpeg))
        #expect(e.exact)
        // Qualities above 97 or so give tables of all ones; below that each quality has its own table.
        #expect(e.quality == quality)
    }

    @Test func refusesWhatHasNoTable() {
        #expect(JPEGQuality.estimate([]) == nil)
        #expect(JPEGQuality.estimate([0xFF, 0xD8, 0xFF, 0xDA, 0, 2]) == nil)
        #expect(JPEGQuality.estimate(Array("not a jpeg at all".utf8)) == nil)
        // A DQT cut short.
        #expect(JPEGQuality.estimate([0xFF, 0xD8, 0xFF, 0xDB, 0, 67, 0, 1, 2]) == nil)
    }
}
