import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import RunnerSimulation

/// Recorded running replayed through the virtual cameras (data/realdata: Fukuchi et al. 2017,
/// Hamner & Delp 2013). Prints `accuracy real` lines (docs/accuracy.md).
@Suite struct RealMotionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/data/realdata/"
    static let table = root + "RBDS032runT35markers.txt"
    static let trc = root + "subject04_run300_markers.trc"

    @Test func readsBothFileFormats() throws {
        let t = try TRCFile.read(path: Self.trc)
        #expect(t.frameRate == 100)
        #expect(t.count == 225)
        #expect(t.markers.count == 42)
        #expect(t.isRecorded("RACR") && t.isRecorded("RTH1"))
        let r = try TabularMarkerFile.read(path: Self.table)
        #expect(abs(r.frameRate - 150) < 0.1)
        #expect(r.count == 4500)
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

    /// The recording's events as one camera's detector finds them, from the exact projected
    /// markers with the tracker's noise (0.02 px from `rng`), against the reference events of
    /// the same view; `frames` is the replay's length at 120 fps (`RecordedReplay`).
    static func replay(_ runner: RecordedRunner, view: CameraView, cameraSide: BodySide = .right, legLengthCm: Double = 92,
                       rng: inout SplitMix64) -> (detected: [GaitEvent], truth: [GaitEvent], frames: Int) {
        let r = RecordedReplay(runner, view: view, cameraSide: cameraSide, legLengthCm: legLengthCm, rng: &rng)
        return (r.detected, r.kinematicReference(runner), r.frames)
    }

    /// Events over the whole trial (30 s, 70 strides per leg scored in the rear view), from the
    /// exact projected markers with the tracker's noise: the event detectors on real kinematics.
    @Test(arguments: BodySide.allCases)
    func eventsOnRealKinematics(cameraSide: BodySide) throws {
        let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: Self.table), sideCameraOn: cameraSide, clockOrigin: 0)
        var rng = SplitMix64(seed: 3)
        for view in CameraView.allCases {
            let (detected, truth, frames) = Self.replay(runner, view: view, cameraSide: cameraSide, rng: &rng)
            let score = EventScore(detected: detected, truth: truth, frames: 240..<(frames - 60))
            print("accuracy real events RBDS032, camera on the \(cameraSide), \(view) view: \(score)")
            // The issue's target, events within one frame for >= 90 %, for each view.
            #expect(score.fraction([.initialContact, .toeOff]) >= 0.9, "\(score)")
            if view == .side {
                // No force plate here: the contacts must be plausible. Every contact time (IC to
                // the leg's next TO) of a 3.5 m/s runner within 150-350 ms, none spurious.
                let ics = detected.filter { $0.kind == .initialContact }.map(\.time)
                let tos = detected.filter { $0.kind == .toeOff }.map(\.time)
                let contacts = ics.compactMap { ic in tos.first { $0 > ic }.map { 1000 * ($0 - ic) } }
                let mean = contacts.reduce(0, +) / Double(max(1, contacts.count))
                print("accuracy real events RBDS032, camera on the \(cameraSide), side view: contact times "
                      + String(format: "%.0f-%.0f ms, mean %.0f ms", contacts.min() ?? 0, contacts.max() ?? 0, mean))
                #expect(contacts.count >= 30 && contacts.allSatisfy { $0 > 150 && $0 < 350 }, "\(contacts)")
                #expect((score.spurious[.initialContact] ?? 0) == 0, "\(score)")
            }
            if view == .rear {
                // docs/accuracy.md: contacts despite the heels' hover in late swing (two soft hovers
                // left, taken 11-12 frames early); toe-offs from the pelvis's free fall, no
                // forefoot marker from behind: 88 %, within 3 frames, no bias.
                #expect(score.fraction([.initialContact]) >= 0.95, "\(score)")
                #expect(score.fraction([.toeOff]) >= 0.85, "\(score)")
                #expect((score.errors[.initialContact] ?? []).allSatisfy { abs($0) <= 1 }, "\(score)")
                #expect((score.errors[.toeOff] ?? []).allSatisfy { abs($0) <= 3 }, "\(score)")
                #expect((score.spurious[.initialContact] ?? 0) + (score.spurious[.toeOff] ?? 0) <= 2, "\(score)")
                #expect(abs((score.timeErrors[.toeOff] ?? []).reduce(0, +) / Double(score.errors[.toeOff]?.count ?? 1)) < 0.005, "\(score)")
            }
        }
    }

    /// How far apart three toe-off timings of the same steps lie: the reference (the side-view
    /// detector on the exact 3D forefoot), the rear view's (from the pelvis), and peak knee
    /// extension of the exact 3D leg (the kinematic toe-off Fellin et al. 2010 found closest to
    /// the force plate on a treadmill). With no force plate, the spread of each method of its own
    /// comes from the three pairwise spreads ("three-cornered hat": independent errors assumed).
    /// Prints the `accuracy real toe-off agreement` line (docs/accuracy.md).
    @Test func toeOffTimingsAgree() throws {
        let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: Self.table), sideCameraOn: .right, clockOrigin: 0)
        let offset = 0.0031, fps = 120.0
        var rng = SplitMix64(seed: 3)
        let (detected, truth, frames) = Self.replay(runner, view: .rear, rng: &rng)
        var triples: [(reference: Double, rear: Double, knee: Double)] = []
        for e in truth where e.kind == .toeOff && (240..<(frames - 60)).contains(e.frame) {
            guard let d = detected.filter({ $0.kind == .toeOff && $0.side == e.side }).min(by: { abs($0.frame - e.frame) < abs($1.frame - e.frame) }),
                  abs(d.frame - e.frame) <= 6, let knee = Self.peakKneeExtension(runner, e, fps: fps, offset: offset) else { continue }
            triples.append((e.time, d.time, knee))
        }
        func variance(_ x: [Double]) -> Double {
            let mean = x.reduce(0, +) / Double(x.count)
            return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
        }
        let rearRef = variance(triples.map { $0.rear - $0.reference }), kneeRef = variance(triples.map { $0.knee - $0.reference })
        let rearKnee = variance(triples.map { $0.rear - $0.knee })
        let total = (rearRef + kneeRef + rearKnee) / 2
        func ms(_ v: Double) -> String { String(format: "%.1f ms", 1000 * max(0, v).squareRoot()) }
        let kneeLag = triples.map { $0.knee - $0.reference }.reduce(0, +) / Double(triples.count)
        print("accuracy real toe-off agreement: \(triples.count) steps; SD rear-reference \(ms(rearRef)), knee-reference "
              + "\(ms(kneeRef)), rear-knee \(ms(rearKnee)); own SD reference \(ms(total - rearKnee)), rear \(ms(total - kneeRef)), "
              + "knee \(ms(total - rearRef)); peak knee extension \(String(format: "%.1f", 1000 * kneeLag)) ms after the reference")
        #expect(triples.count >= 60)
        // The rear view's own spread stays under one frame (8.3 ms at 120 fps).
        #expect(max(0, total - kneeRef).squareRoot() < 1 / fps)

        // The other runner: where peak knee extension falls against the reference there.
        let hamner = RecordedRunner(landmarks: try RecordedRunner.load(path: Self.trc), sideCameraOn: .right, clockOrigin: 0)
        let hamnerFrames = Int(hamner.duration * fps)
        let lags = hamner.referenceEvents(framesPerSecond: fps, offset: 0, frames: hamnerFrames).filter { $0.kind == .toeOff }
            .compactMap { e in Self.peakKneeExtension(hamner, e, fps: fps, offset: 0).map { $0 - e.time } }
        print("accuracy real toe-off agreement, Hamner subject 04: peak knee extension "
              + lags.map { String(format: "%+.1f", 1000 * $0) }.joined(separator: ", ") + " ms from the reference")
        #expect(lags.count >= 3)
    }

    /// Time of the least knee flexion (GT, lateral knee, lateral ankle of the exact 3D leg)
    /// within 15 frames of the event, refined by a parabola; nil when a landmark is missing.
    static func peakKneeExtension(_ runner: RecordedRunner, _ e: GaitEvent, fps: Double, offset: Double) -> Double? {
        func flexion(_ k: Int) -> Double {
            guard let l = runner.leg(e.side, at: Double(k) / fps + offset), let gt = l.trochanter, let kn = l.lateralKnee,
                  let an = l.lateralAnkle else { return .infinity }
            let u = gt - kn, v = an - kn
            return 180 - acos(max(-1, min(1, u.dot(v) / (u.length * v.length)))) * 180 / .pi
        }
        let first = max(0, e.frame - 16)
        let values = (first...(e.frame + 16)).map(flexion)
        guard let m = (1..<(values.count - 1)).min(by: { values[$0] < values[$1] }),
              values[m - 1].isFinite, values[m].isFinite, values[m + 1].isFinite else { return nil }
        let curvature = values[m - 1] - 2 * values[m] + values[m + 1]
        let delta = curvature > 0 ? (values[m - 1] - values[m + 1]) / (2 * curvature) : 0
        return (Double(first + m) + delta) / fps + offset
    }

    /// The replay loops at the end of the recording: from one frame to the next the runner is
    /// somewhere else, as when a camera is knocked. The tracker must neither keep a marker on
    /// another's LED nor show predictions from before the jump: every track misses at once, so
    /// the frame is labelled afresh. (It used to hold the side view's ankle on the heel LED and
    /// lose heel and toe for good, and to show six frames of stale predictions.) The rear view
    /// shows every marker again once its vote between rival readings of the frame has decided
    /// (`IdentityVote`: a few frames when one reading clearly leads, at most its window).
    @Test(arguments: CameraView.allCases)
    func aJumpOfThePictureIsFollowedAtOnce(view: CameraView) throws {
        let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: Self.table), sideCameraOn: .right,
                                    clockOrigin: 0, loops: true)
        let cam = RecordedMotionCamera(runner: runner, view: view, pacing: .unpaced)
        let jump = Int((runner.duration * 120).rounded(.up))
        let first = jump - 60
        var processor = ViewProcessor(view: view, markerSide: .right, legLengthCm: 92,
                                      clockOrigin: cam.render(index: UInt64(first), time: Double(first) / 120 + cam.timeOffset).timestampNanoseconds)
        var wrong = 0, astray = 0, notTracking: [Int] = []
        let settle = view == .side ? 1 : processor.tracker.settings.voteFrames + 1
        for i in first..<(jump + 120) {
            let f = cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
            let p = processor.process(f, inclinePercent: 0)
            let truth = try #require(f.truth)
            for (m, marker) in p.tracked.markers.enumerated() {
                guard let marker, let t = truth.markers[m], marker.position.distance(to: t) > 4 else { continue }
                if marker.source == .detected { wrong += 1 } else if marker.confidence >= 0.25 { astray += 1 }
            }
            if i > jump && p.tracked.status != .tracking { notTracking.append(i - jump) }
        }
        print("accuracy real jump, \(view) view: \(wrong) wrong, \(astray) usable guesses astray, frames after the jump not tracking: \(notTracking)")
        #expect(wrong == 0)
        #expect(astray == 0)
        #expect(notTracking.allSatisfy { $0 <= settle }, "\(notTracking)")
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
        print("accuracy real angles \(trial), \(view) view: labelled at frame \(run.acquiredAt.map(String.init) ?? "never"), \(run.summary(view))")
        // Coverage first. The tracker starts cold in mid-stride: every marker labelled within
        // 0.5 s (issue #12's goal; the rear view weighs rival readings for up to
        // `Settings.voteSeconds` before it shows a marker it is unsure of), then the figures below
        // hold over (nearly) every marker, and each angle over at least 85 % of the frames (the
        // truth of some rear angles is not defined in every frame).
        #expect(run.frames == count)
        let acquired = try #require(run.acquiredAt, "never labelled")
        #expect(acquired <= 60, "labelled at frame \(acquired)")
        #expect(run.detectedAfterAcquisition * 100 >= run.markerFramesAfterAcquisition * 99,
                "\(run.detectedAfterAcquisition) of \(run.markerFramesAfterAcquisition) marker-frames after labelling")
        for k in AngleKind.kinds(for: view) {
            let measured = run.measuredAfterAcquisition[k] ?? 0
            #expect(measured * 100 >= (count - acquired) * 85, "\(k.column) measured in \(measured) of \(count - acquired) frames")
        }
        #expect(run.swaps == 0)
        #expect(run.worstRMS() <= 1.0)
        #expect(run.worstRMS(filtered: true) <= 1.0)
    }
}
