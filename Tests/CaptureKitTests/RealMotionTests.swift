import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit

/// Recorded running replayed through the virtual cameras (data/realdata: Fukuchi et al. 2017,
/// Hamner & Delp 2013). Prints `accuracy real` lines (docs/accuracy.md).
@Suite struct RealMotionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/data/realdata/"
    static let table = root + "RBDS032runT35markers-12s.txt"
    static let trc = root + "subject04_run300_markers.trc"

    @Test func readsBothFileFormats() throws {
        let t = try TRCFile.read(path: Self.trc)
        #expect(t.frameRate == 100)
        #expect(t.count == 225)
        #expect(t.markers.count == 42)
        #expect(t.isRecorded("RACR") && t.isRecorded("RTH1"))
        let r = try TabularMarkerFile.read(path: Self.table)
        #expect(abs(r.frameRate - 150) < 0.1)
        #expect(r.count == 1800)
        // The recording's real gaps: R.ASIS missing in some frames, anatomical columns empty.
        let gaps = r["R.ASIS"]!.filter { $0 == nil }.count
        #expect(gaps > 0)
        #expect(!r.isRecorded("R.Knee"))
        #expect(abs(try #require(r.mean("R.PSIS")).y - 1.03) < 0.2)
    }

    @Test func gapsInThePelvisAreFilled() throws {
        var r = try TabularMarkerFile.read(path: Self.table)
        let missing = Set(r["R.ASIS"]!.indices.filter { r["R.ASIS"]![$0] == nil })
        let before = missing.count
        let filled = GapFiller.fill(["R.ASIS", "L.ASIS", "R.PSIS", "L.PSIS", "R.Iliac.Crest", "L.Iliac.Crest"], in: &r)
        #expect(filled >= before)
        #expect(r["R.ASIS"]!.allSatisfy { $0 != nil })
        // Filled positions keep the pelvis's shape: ASIS to ASIS as wide as where it was recorded.
        let widths = (0..<r.count).map { (r["R.ASIS"]![$0]! - r["L.ASIS"]![$0]!).length }
        let recorded = widths.indices.filter { !missing.contains($0) }.map { widths[$0] }.sorted()
        let (low, high) = (recorded[recorded.count / 100], recorded[recorded.count * 99 / 100])
        let filledWidths = missing.map { widths[$0] }
        print("accuracy real gap filling: \(before) R.ASIS samples filled; width \(filledWidths.min()!)...\(filledWidths.max()!) m, recorded 1-99 % \(low)...\(high) m")
        #expect(filledWidths.allSatisfy { $0 > low - 0.01 && $0 < high + 0.01 })
    }

    @Test(arguments: [table, trc])
    func landmarksAreRebuiltWithPlausibleSegments(file: String) throws {
        let l = try RecordedRunner.load(path: file)
        for side in BodySide.allCases {
            for leg in l.legs(side) {
                guard let gt = leg.trochanter, let kne = leg.lateralKnee, let ank = leg.lateralAnkle,
                      let hee = leg.heel, let mt5 = leg.fifthMetatarsal else { Issue.record("missing landmark"); return }
                #expect((0.33...0.52).contains((gt - kne).length))
                #expect((0.33...0.52).contains((kne - ank).length))
                #expect((0.12...0.30).contains((hee - mt5).length))
                #expect(leg.spine != nil && leg.posteriorThigh != nil && leg.posteriorKnee != nil && leg.shoulder != nil)
            }
        }
    }

    @Test func badFilesAreNamed() {
        #expect(throws: MarkerFileError(path: "/nonexistent.trc", problem: "no such file")) {
            try RecordedRunner.load(path: "/nonexistent.trc")
        }
        do {
            _ = try RecordedRunner.load(path: Self.table, standing: Self.trc)
            Issue.record("a TRC file is not a standing trial table")
        } catch {
            #expect(error.description.hasPrefix(Self.trc + ": "))
        }
    }

    /// Side-view events on the whole excerpt (12 s), from the exact projected markers with the
    /// tracker's noise: the event detectors on real kinematics.
    @Test(arguments: BodySide.allCases)
    func eventsOnRealKinematics(cameraSide: BodySide) throws {
        let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: Self.table), sideCameraOn: cameraSide, clockOrigin: 0)
        var rng = SplitMix64(seed: 3)
        for view in CameraView.allCases {
            let cam = view == .side ? VirtualCamera.side(on: cameraSide, width: 640, height: 480) : .rear(width: 640, height: 480)
            let offset = view == .rear ? 0.0031 : 0
            let frames = Int((runner.duration - offset) * 120)
            let truth = runner.referenceEvents(framesPerSecond: 120, offset: offset, frames: frames)
                .filter { view == .rear || $0.side == cameraSide }.map { e -> GaitEvent in var x = e; x.view = view; return x }
            let forward = view == .side ? cam.runningDirection : 1
            var g = GaitAnalyzer(view: view, markerSide: cameraSide, legLengthCm: 92)
            var detected: [GaitEvent] = []
            for k in 0..<frames {
                let t = Double(k) / 120 + offset
                let markers: MarkerFrame = runner.markers(view, at: t).map { p in
                    p.flatMap { cam.project($0) }.map {
                        TrackedMarker(position: Point(x: $0.x + 0.02 * rng.gaussian(), y: $0.y + 0.02 * rng.gaussian()),
                                      confidence: 1, source: .detected)
                    }
                }
                let angles = AngleCalculator(forward: forward).angles(markers, view: view)
                detected += g.push(frame: k, time: t, markers: markers, angles: angles, forward: forward).events
            }
            let score = EventScore(detected: detected, truth: truth, frames: 240..<(frames - 60))
            print("accuracy real events RBDS032, camera on the \(cameraSide), \(view) view: \(score)")
            if view == .side {
                #expect(score.fraction([.initialContact, .toeOff]) >= 0.9, "\(score)")
            } else {
                // docs/accuracy.md: contacts meet the target despite the heel's hover in late swing;
                // toe-offs (from the pelvis, no forefoot marker from behind) fall short of it, within 2
                // frames with no bias.
                #expect(score.fraction([.initialContact]) >= 0.9, "\(score)")
                #expect(score.fraction([.toeOff]) >= 0.7, "\(score)")
                #expect((score.errors[.initialContact] ?? []).allSatisfy { abs($0) <= 1 }, "\(score)")
                #expect((score.errors[.toeOff] ?? []).allSatisfy { abs($0) <= 2 }, "\(score)")
                #expect((score.spurious[.initialContact] ?? 0) + (score.spurious[.toeOff] ?? 0) <= 1, "\(score)")
                #expect(abs((score.timeErrors[.toeOff] ?? []).reduce(0, +) / Double(score.errors[.toeOff]?.count ?? 1)) < 0.005, "\(score)")
            }
        }
    }

    /// Rendered and tracked: angles against the truth, no identity swaps.
    @Test(arguments: [("RBDS032", CameraView.side), ("RBDS032", .rear), ("Hamner subject04", .side)])
    func replayedThroughTheCameras(trial: String, view: CameraView) throws {
        let file = trial == "RBDS032" ? Self.table : Self.trc
        let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: file), sideCameraOn: .right, clockOrigin: 0)
        let cam = RecordedMotionCamera(runner: runner, view: view, pacing: .unpaced)
        // 2 s of RBDS032 from its second second; the whole Hamner trial but its first and last frames.
        let (start, count) = trial == "RBDS032" ? (120, 240) : (10, 250)
        let run = ImageRun(view: view, count: count, fps: 120, markerSide: .right, legLengthCm: 92) { i in
            cam.render(index: UInt64(i + start), time: Double(i + start) / 120 + cam.timeOffset)
        }
        print("accuracy real angles \(trial), \(view) view: \(run.summary(view))")
        #expect(run.swaps == 0)
        #expect(run.worstRMS() <= 1.0)
        #expect(run.worstRMS(filtered: true) <= 1.0)
    }
}
