import Foundation
public import MarkerTracker
import CaptureKit

/// A real runner replayed: the landmarks rebuilt from a motion-capture recording, placed on the
/// simulated treadmill, as a pure function of time like the simulated runner's model.
///
/// The recording is centred on the belt (its mean pelvis position at the room's origin) and set
/// on it (the heel marker's lowest positions 2.5 cm above the belt). Between recorded samples,
/// positions are interpolated linearly. `loops` replays the recording again and again (the
/// demo); otherwise time runs out at its end. Ground-truth gait events are given by
/// `referenceEvents`: the event detector run on the exact 3D heights (see there).
public final class RecordedRunner: Sendable {
    public let landmarks: RecordedLandmarks
    /// Which side of the treadmill the side camera stands on (its LEDs are on that leg).
    public let sideCameraOn: BodySide
    /// Monotonic nanoseconds at replay time 0.
    public let clockOrigin: UInt64
    public let loops: Bool
    /// Seconds of recording.
    public let duration: Double
    /// A seed for the cameras' sensor noise.
    public let seed: UInt64

    public init(landmarks: RecordedLandmarks, sideCameraOn: BodySide = .right, clockOrigin: UInt64,
                loops: Bool = false, seed: UInt64 = 1) {
        self.landmarks = RecordedRunner.placedOnBelt(landmarks)
        self.sideCameraOn = sideCameraOn
        self.clockOrigin = clockOrigin
        self.loops = loops
        self.seed = seed
        duration = Double(landmarks.times.count - 1) / landmarks.frameRate
    }

    /// Loads a recording: a TRC file (OpenSim) or a tab-separated marker table with its standing
    /// trial (`standing`, or the file named like it with `static` for `run...markers` next to
    /// it), and rebuilds the landmarks.
    public static func load(path: String, standing: String? = nil) throws(MarkerFileError) -> RecordedLandmarks {
        if path.lowercased().hasSuffix(".trc") {
            return try FunctionalLandmarks.build(TRCFile.read(path: path))
        }
        let run = try TabularMarkerFile.read(path: path)
        let standingPath = standing ?? defaultStandingTrial(for: path)
        guard let standingPath else {
            throw MarkerFileError(path: path, problem: "needs the standing trial of the same athlete (give --standing FILE)")
        }
        return try StaticTrialLandmarks.build(run: run, standing: TabularMarkerFile.read(path: standingPath))
    }

    /// `.../RBDS032runT35markers.txt` -> `.../RBDS032static.txt` (also for the excerpt gaitlive
    /// ships, `RBDS032static-1s.txt`), if such a file exists.
    static func defaultStandingTrial(for path: String) -> String? {
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard let r = name.range(of: "run") else { return nil }
        let subject = name[..<r.lowerBound]
        let candidates = (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []
        let match = candidates.filter { $0.hasPrefix(subject + "static") }.sorted().first
        return match.map { dir.isEmpty ? $0 : dir + "/" + $0 }
    }

    static func placedOnBelt(_ l: RecordedLandmarks) -> RecordedLandmarks {
        var centre = Vector3.zero, n = 0.0
        var heelHeights: [Double] = []
        for legs in [l.left, l.right] {
            for leg in legs {
                for p in [leg.spine, leg.hipCentre].compactMap({ $0 }) {
                    centre = centre + p
                    n += 1
                }
                if let h = leg.heel { heelHeights.append(h.y) }
            }
        }
        guard n > 0, !heelHeights.isEmpty else { return l }
        centre = centre * (1 / n)
        heelHeights.sort()
        let shift = Vector3(-centre.x, 0.025 - heelHeights[heelHeights.count / 50], -centre.z)
        func move(_ leg: RecordedLandmarks.Leg) -> RecordedLandmarks.Leg {
            var m = leg
            for kp in [\RecordedLandmarks.Leg.shoulder, \.trochanter, \.lateralKnee, \.lateralAnkle, \.heel, \.fifthMetatarsal,
                       \.spine, \.posteriorThigh, \.posteriorKnee, \.heelCounter, \.hipCentre, \.kneeCentre, \.ankleCentre, \.toe] {
                m[keyPath: kp] = leg[keyPath: kp].map { $0 + shift }
            }
            return m
        }
        var out = l
        out.left = l.left.map(move)
        out.right = l.right.map(move)
        return out
    }

    // MARK: - time

    public func simulationTime(ofTimestamp ns: UInt64) -> Double {
        MonotonicClock.seconds(ns, since: clockOrigin)
    }

    public func timestamp(ofSimulationTime t: Double) -> UInt64 {
        clockOrigin &+ UInt64(max(0, (t * 1e9).rounded()))
    }

    /// Replay time `t` as a fractional sample of the recording (nil past the end when not looping).
    func sample(at t: Double) -> Double? {
        var u = t
        if loops && duration > 0 { u = u.truncatingRemainder(dividingBy: duration); if u < 0 { u += duration } }
        guard u >= 0, u <= duration else { return nil }
        return u * landmarks.frameRate
    }

    /// One leg's landmarks at replay time `t`, interpolated.
    public func leg(_ side: BodySide, at t: Double) -> RecordedLandmarks.Leg? {
        guard let s = sample(at: t) else { return nil }
        let legs = landmarks.legs(side)
        let i0 = min(legs.count - 1, max(0, Int(s.rounded(.down)))), i1 = min(legs.count - 1, i0 + 1)
        let w = s - Double(i0)
        let a = legs[i0], b = legs[i1]
        var out = RecordedLandmarks.Leg()
        for kp in [\RecordedLandmarks.Leg.shoulder, \.trochanter, \.lateralKnee, \.lateralAnkle, \.heel, \.fifthMetatarsal,
                   \.spine, \.posteriorThigh, \.posteriorKnee, \.heelCounter, \.hipCentre, \.kneeCentre, \.ankleCentre, \.toe] {
            if let p = a[keyPath: kp], let q = b[keyPath: kp] { out[keyPath: kp] = Vector3.mix(p, q, w) }
        }
        return out
    }

    /// The LEDs of `view` at replay time `t` (nil where the landmark is missing), indexed like
    /// the view's marker set.
    public func markers(_ view: CameraView, at t: Double) -> [Vector3?] {
        let l = leg(.left, at: t), r = leg(.right, at: t)
        switch view {
        case .side:
            let s = sideCameraOn == .left ? l : r
            return [s?.shoulder, s?.trochanter, s?.lateralKnee, s?.lateralAnkle, s?.heel, s?.fifthMetatarsal]
        case .rear:
            return [l?.spine, r?.spine, l?.posteriorThigh, r?.posteriorThigh, l?.posteriorKnee, r?.posteriorKnee,
                    l?.heelCounter, r?.heelCounter]
        }
    }

    /// The body at replay time `t` for the renderer (joints filled in roughly where the recording
    /// has none: arms hang from the shoulders), with every LED of both views, and which of them
    /// exist; nil past the end of a recording that does not loop.
    public func pose(at t: Double) -> (pose: BodyPose, side: [Bool], rear: [Bool])? {
        guard let l = leg(.left, at: t), let r = leg(.right, at: t) else { return nil }
        func body(_ g: RecordedLandmarks.Leg, _ sigma: Double) -> BodyPose.Leg {
            let hip = g.hipCentre ?? g.trochanter ?? Vector3(0, 0.9, 0.09 * sigma)
            let knee = g.kneeCentre ?? g.lateralKnee ?? hip + Vector3(0, -0.43, 0)
            let ankle = g.ankleCentre ?? g.lateralAnkle ?? knee + Vector3(0, -0.42, 0)
            let shoulder = g.shoulder ?? hip + Vector3(0, 0.5, 0.08 * sigma)
            return BodyPose.Leg(hip: hip, knee: knee, ankle: ankle, heel: g.heel ?? ankle + Vector3(-0.06, -0.05, 0),
                                toe: g.toe ?? g.fifthMetatarsal ?? ankle + Vector3(0.15, -0.06, 0), shoulder: shoulder,
                                elbow: shoulder + Vector3(-0.03, -0.28, 0), hand: shoulder + Vector3(0.2, -0.35, 0),
                                phase: 0, inStance: false)
        }
        let left = body(l, -1), right = body(r, 1)
        let pelvis = (left.hip + right.hip) * 0.5
        let shoulderCentre = (left.shoulder + right.shoulder) * 0.5
        let head = shoulderCentre + (shoulderCentre - pelvis).normalized * 0.24
        let side = markers(.side, at: t), rear = markers(.rear, at: t)
        let pose = BodyPose(time: t, pelvis: pelvis, shoulderCentre: shoulderCentre, head: head, left: left, right: right,
                            sideMarkers: side.map { $0 ?? .zero }, rearMarkers: rear.map { $0 ?? .zero }, inclinePercent: 0)
        return (pose, side.map { $0 != nil }, rear.map { $0 != nil })
    }
}
