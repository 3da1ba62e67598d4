import Foundation
import MarkerTracker
import Testing
@testable import RunnerSimulation

/// Today's event detectors against the force plate (RBDS0041, Fukuchi et al. 2017): the
/// recording replayed through the side camera (on either leg) and the rear camera, exact
/// projected markers plus the tracker's noise (`RecordedReplay`), scored with `EventTimingScore`
/// from 2 s to the last half second. Also the old kinematic reference (`ReferenceEvents`)
/// against the same force plate, and the side view's angles at the detected contacts against
/// their values at the force-plate contacts.
///
/// Prints `force plate baseline` lines: the baseline of docs/accuracy.md ("Force-plate
/// reference"). The expectations are floors at or a little under today's figures, so that a
/// change for the worse fails; the side view's contacts and the angles at them meet issue #12's
/// goals but for the bias (4.5 ms on the right leg at 120 fps, 5-6 ms at 60 fps); toe-offs and the
/// rear view do not yet. Each half of the trial is printed apart (and the side view's contacts
/// asserted on each): the contact rule was chosen on the first.
@Suite struct ForcePlateBaselineTests {
    /// Greater trochanter above the floor in RBDS0041's standing trial, centimetres.
    static let legLengthCm = 100.0

    static let cameras: [(view: CameraView, side: BodySide)] = [(.side, .right), (.side, .left), (.rear, .right)]

    @Test(arguments: [120.0, 60.0])
    func detectorsAgainstTheForcePlate(framesPerSecond fps: Double) throws {
        let f = try ForcePlateFixture.load()
        let span = f.scoredSpan()
        for camera in Self.cameras {
            let runner = f.runner(sideCameraOn: camera.side)
            var rng = SplitMix64(seed: 3)
            let replay = RecordedReplay(runner, view: camera.view, cameraSide: camera.side, legLengthCm: Self.legLengthCm,
                                        framesPerSecond: fps, rng: &rng)
            let sides: Set<BodySide> = camera.view == .side ? [camera.side] : Set(BodySide.allCases)
            let plate = f.reference.gaitEvents(view: camera.view, framesPerSecond: fps, offset: replay.offset, sides: sides)
            let kinematic = replay.kinematicReference(runner)
            let name = camera.view == .side ? "side view (\(camera.side) leg)" : "rear view"
            let fpsName = "\(Int(fps)) fps"

            let score = EventTimingScore(detected: replay.detected, reference: plate, framesPerSecond: fps, scored: span,
                                         view: camera.view)
            print("force plate baseline \(fpsName), \(name): \(score[.initialContact].summary); \(score[.toeOff].summary)")
            let old = EventTimingScore(detected: kinematic, reference: plate, framesPerSecond: fps, scored: span, view: camera.view)
            print("force plate baseline \(fpsName), old kinematic reference for the \(name): \(old[.initialContact].summary); "
                  + "\(old[.toeOff].summary)")
            let consistency = EventTimingScore(detected: replay.detected, reference: kinematic, framesPerSecond: fps,
                                               scored: span, view: camera.view)
            print("force plate baseline \(fpsName), \(name) against the old kinematic reference (self-consistency): "
                  + "\(consistency[.initialContact].summary); \(consistency[.toeOff].summary)")

            if camera.view == .rear {
                let early = score[.initialContact].pairs.filter { $0.frameError <= -4 }
                print("force plate baseline \(fpsName), rear view contacts 4 or more frames early: "
                      + BodySide.allCases.map { s in "\(s) \(early.filter { $0.reference.side == s }.count)" }.joined(separator: ", "))
            }
            // The halves apart: the side view's contact rule was chosen on the first (2-15 s);
            // the second (15 s to the end) was held out.
            let end = span.upperBound
            for (label, half) in [("first half, tuned", 2.0...15.0), ("second half, held out", 15.0...end)] {
                let h = EventTimingScore(detected: replay.detected, reference: plate, framesPerSecond: fps, scored: half,
                                         view: camera.view)
                print("force plate baseline \(fpsName), \(name), \(label): \(h[.initialContact].summary); \(h[.toeOff].summary)")
                if camera.view == .side {
                    // Issue #12's goals for contacts, met on each half: within one frame for 90 %,
                    // none missed or spurious (2 % of 18 is under one).
                    let ic = h[.initialContact]
                    #expect(ic.withinOneFrameShare >= 0.9 && ic.missed == 0 && ic.spurious == 0, "\(label): \(h)")
                }
            }
            let floor = Self.floor(camera.view, camera.side, fps)
            Self.expectFloor(score, floor)
            if camera.view == .side {
                let worst = Self.anglesAtContact(replay, plate: plate, span: span, name: "\(fpsName), \(name)")
                #expect(worst <= floor.angle)
            }
        }
    }

    /// Today's figures less a margin (docs/accuracy.md has them): within one frame at least
    /// `within` (IC, TO), |bias| at most `bias` ms, missed and spurious at most `missed` and
    /// `spurious`, and (side view) the worst mean angle at the detected contacts at most
    /// `angle` degrees from its value at the force-plate contacts. The side view's contacts are
    /// held at today's figures with about 1 ms of bias to spare, none missed or spurious, and
    /// angles at contact within issue #12's 2 degrees; the rest (toe-offs, the rear view, not
    /// improved yet) at today's less a margin (10 points of share, 5 ms, 2 events), so a change
    /// for the worse fails.
    struct Floor {
        var within: (ic: Double, to: Double)
        var bias: (ic: Double, to: Double)
        var missed: (ic: Int, to: Int)
        var spurious: (ic: Int, to: Int)
        var angle: Double
    }

    static func floor(_ view: CameraView, _ side: BodySide, _ fps: Double) -> Floor {
        switch (view, side, fps) {
        case (.side, .right, 120): Floor(within: (0.97, 0), bias: (5.5, 23), missed: (0, 2), spurious: (0, 2), angle: 2.0)
        case (.side, .left, 120): Floor(within: (0.97, 0), bias: (4.5, 27), missed: (0, 11), spurious: (0, 4), angle: 2.0)
        case (.rear, _, 120): Floor(within: (0.73, 0), bias: (6, 35), missed: (2, 15), spurious: (2, 2), angle: 0)
        case (.side, .right, _): Floor(within: (0.97, 0.12), bias: (6.5, 26), missed: (0, 2), spurious: (0, 2), angle: 2.0)
        case (.side, .left, _): Floor(within: (0.97, 0.04), bias: (7.5, 42), missed: (0, 13), spurious: (0, 10), angle: 2.0)
        case (.rear, _, _): Floor(within: (0.62, 0.02), bias: (19, 25), missed: (2, 27), spurious: (2, 3), angle: 0)
        }
    }

    static func expectFloor(_ score: EventTimingScore, _ floor: Floor) {
        let ic = score[.initialContact], to = score[.toeOff]
        #expect(ic.references >= 30 && to.references >= 30, "\(score)")
        #expect(ic.withinOneFrameShare >= floor.within.ic && to.withinOneFrameShare >= floor.within.to, "\(score)")
        #expect(abs(ic.biasMilliseconds ?? .infinity) <= floor.bias.ic && abs(to.biasMilliseconds ?? .infinity) <= floor.bias.to, "\(score)")
        #expect(ic.missed <= floor.missed.ic && to.missed <= floor.missed.to, "\(score)")
        #expect(ic.spurious <= floor.spurious.ic && to.spurious <= floor.spurious.to, "\(score)")
    }

    static let metricsAtContact: [(AngleKind, String)] = [
        (.kneeFlexion, "knee flexion"), (.hipFlexion, "hip flexion"), (.tibiaAngle, "tibia angle"),
        (.footAngle, "foot angle"), (.ankleDorsiflexion, "ankle dorsiflexion"),
    ]

    /// The side view's angles (zero-lag filtered, as stride metrics take them) at its detected
    /// contacts and at the force-plate contacts, mean over the contacts in `span`; and the stride
    /// metrics the analyzer measured. Returns the largest difference of the means, degrees.
    static func anglesAtContact(_ replay: RecordedReplay, plate: [GaitEvent], span: ClosedRange<Double>, name: String) -> Double {
        let detectedICs = replay.detected.filter { $0.kind == .initialContact && $0.side == replay.cameraSide && span.contains($0.time) }
        let plateICs = plate.filter { $0.kind == .initialContact && span.contains($0.time) }
        var parts: [String] = []
        var worst = 0.0
        for (kind, label) in metricsAtContact {
            let series = replay.filtered(kind)
            func at(_ x: Double) -> Double? {
                let i = Int(x.rounded(.down))
                guard i >= 0, i + 1 < series.count, let a = series[i], let b = series[i + 1] else { return nil }
                return a + (b - a) * (x - Double(i))
            }
            // At the detected time, as the stride metrics take it (between the contact's frame and the one before).
            let detected = detectedICs.compactMap { at(($0.time - replay.offset) * replay.framesPerSecond) }
            let truth = plateICs.compactMap { at(($0.time - replay.offset) * replay.framesPerSecond) }
            func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(max(1, v.count)) }
            parts.append(String(format: "%@ %.1f at detected IC, %.1f at force-plate IC", label, mean(detected), mean(truth)))
            #expect(truth.count == plateICs.count)
            worst = max(worst, abs(mean(detected) - mean(truth)))
        }
        let measured = replay.strides.filter { span.contains($0.contact.time) && $0.side == replay.cameraSide }
        // Force-plate strides: each contact in the span with a next contact of the same foot.
        let lastPlateIC = plate.filter { $0.kind == .initialContact }.map(\.time).max() ?? 0
        let plateStrides = plateICs.filter { $0.time < lastPlateIC }.count
        let strideMeans = [StrideMetric.kneeFlexionAtContact, .hipFlexionAtContact, .tibiaAngleAtContact, .footAngleAtContact,
                           .ankleDorsiflexionAtContact].map { m -> String in
            let v = measured.compactMap { $0[m] }
            return String(format: "%.1f", v.reduce(0, +) / Double(max(1, v.count)))
        }
        print("force plate baseline \(name), angles at contact (mean over \(detectedICs.count) detected and \(plateICs.count) "
              + "force-plate contacts): " + parts.joined(separator: "; "))
        print("force plate baseline \(name), strides measured: \(measured.count) of \(plateStrides); their means "
              + "at contact (knee, hip, tibia, foot, ankle): " + strideMeans.joined(separator: ", "))
        return worst
    }
}
