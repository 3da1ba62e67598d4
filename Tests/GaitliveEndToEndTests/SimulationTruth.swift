import CaptureKit
import Foundation
import MarkerTracker
import Testing
import SessionStore
import RunnerSimulation

/// The ground truth of a headless demo session, rebuilt from its manifest: the same runner model
/// (seed, findings, varying or steady, camera side, incline from the incline stage's start), the true events, and
/// angles computed with gaitlive's definitions from the true marker positions as each virtual
/// camera projects them (what the frames' `FrameTruth` holds).
struct SimulationTruth {
    let model: RunnerModel
    let markerSide: BodySide
    let side: VirtualCamera
    let rear: VirtualCamera

    init(manifest: SessionManifest) throws {
        let sim = try #require(manifest.simulation)
        let markerSide = manifest.camera(.side)?.markerSide ?? .right
        let flat = sim.varying == true ? RunnerProfile.flat.varying(seed: sim.seed) : .flat
        let runner = SimulatedRunner(profile: flat, findings: sim.findings, seed: sim.seed, sideCameraOn: markerSide,
                                     clockOrigin: 0)
        if let incline = manifest.stages.first(where: { $0.kind == "incline" }),
           let start = incline.switchedSeconds ?? incline.startSeconds {
            // The demo switches the treadmill at the stage change (a whole frame time), which older
            // sessions did at the stage's first frame.
            runner.switchProfile(at: (start * 120).rounded() / 120, to: flat.inclined(percent: incline.inclinePercent))
        }
        model = runner.currentModel
        self.markerSide = markerSide
        let w = manifest.cameras.first?.width ?? 640, h = manifest.cameras.first?.height ?? 480
        side = VirtualCamera.side(on: markerSide, width: w, height: h)
        rear = VirtualCamera.rear(width: w, height: h)
    }

    func angles(_ view: CameraView, at t: Double) -> AngleSet {
        let pose = model.pose(at: t)
        let camera = view == .side ? side : rear
        let markers: MarkerFrame = pose.markers(for: view).map { p in
            camera.project(p).map { TrackedMarker(position: $0, confidence: 1, source: .detected) }
        }
        let calc = AngleCalculator(forward: view == .side ? camera.runningDirection : 1,
                                   inclineDegrees: atan(pose.inclinePercent / 100) * 180 / .pi)
        return calc.angles(markers, view: view)
    }

    /// The true stride of `leg` whose initial contact is nearest `contact` (seconds): its contact
    /// and toe-off times.
    func stride(_ leg: BodySide, near contact: Double) -> (contact: Double, toeOff: Double)? {
        let events = model.events(after: contact - 0.4, upTo: contact + 1.2).filter { $0.side == leg }
        guard let ic = events.filter({ $0.kind == .initialContact }).min(by: { abs($0.time - contact) < abs($1.time - contact) }),
              abs(ic.time - contact) < 0.1,
              let to = events.first(where: { $0.kind == .toeOff && $0.time > ic.time }) else { return nil }
        return (ic.time, to.time)
    }

    /// The true value of a stride metric for the true stride of `leg` nearest `contact`: peaks
    /// over the true stance sampled every millisecond, contact values at the true contact, the
    /// heel ahead of the hip in centimetres in the room.
    func value(_ metric: StrideMetric, _ leg: BodySide, near contact: Double) -> Double? {
        guard let s = stride(leg, near: contact) else { return nil }
        func peak(_ view: CameraView, _ f: (AngleSet) -> Double?) -> Double? {
            Swift.stride(from: s.contact, through: s.toeOff, by: 0.001).compactMap { f(angles(view, at: $0)) }.max()
        }
        switch metric {
        case .pelvicDrop:
            return peak(.rear) { a in a[.pelvicObliquity].map { leg == .left ? $0 : -$0 } }
        case .peakAnkleDorsiflexion:
            return peak(.side) { $0[.ankleDorsiflexion] }
        case .peakKneeFlexion:
            return peak(.side) { $0[.kneeFlexion] }
        case .tibiaAngleAtContact:
            return angles(.side, at: s.contact)[.tibiaAngle]
        case .footAngleAtContact:
            return angles(.side, at: s.contact)[.footAngle]
        case .kneeFlexionAtContact:
            return angles(.side, at: s.contact)[.kneeFlexion]
        case .overstride:
            let pose = model.pose(at: s.contact)
            return 100 * (pose.sideMarkers[SideMarker.hee.rawValue].x - pose.sideMarkers[SideMarker.gt.rawValue].x)
        default:
            return nil
        }
    }

    /// The mean true value over the strides whose contacts the report lists.
    func mean(_ metric: StrideMetric, _ leg: BodySide, contacts: [Double]) -> Double? {
        let values = contacts.compactMap { value(metric, leg, near: $0) }
        guard values.count == contacts.count, !values.isEmpty else { return nil }
        return values.reduce(0, +) / Double(values.count)
    }
}
