public import MarkerTracker

/// Ground-truth gait events of a replayed recording, for one camera's frame times.
///
/// The recordings carry no force-plate data, so the reference is kinematic: gaitlive's side-view
/// event detector (heel impact, forefoot lift-off: the criteria of Handsaker et al. 2016) run on
/// the exact 3D positions of each leg's heel and 5th metatarsal, seen by an ideal orthographic
/// camera from that leg's side, sampled at the camera's own frame times. What the cameras, LEDs,
/// tracker and (for the rear view) the different cues add is then exactly the difference.
extension RecordedRunner {
    /// Events of both legs whose frames are `0 ..< frames` of a camera sampling at
    /// `framesPerSecond` from replay time `offset`.
    public func referenceEvents(framesPerSecond fps: Double, offset: Double, frames: Int) -> [GaitEvent] {
        var out: [GaitEvent] = []
        for side in BodySide.allCases {
            var detector = SideEventDetector(side: side, framesPerSecond: fps)
            let calc = AngleCalculator(forward: 1)
            for k in 0..<frames {
                let t = Double(k) / fps + offset
                guard let g = leg(side, at: t) else { break }
                // Orthographic side view: image x = forward, image y = down, in millimetres.
                let pts: [Vector3?] = [g.shoulder, g.trochanter, g.lateralKnee, g.lateralAnkle, g.heel, g.fifthMetatarsal]
                let markers: MarkerFrame = pts.map { p in
                    p.map { TrackedMarker(position: Point(x: 1000 * $0.x, y: -1000 * $0.y), confidence: 1, source: .detected) }
                }
                let knee = calc.side(markers)[.kneeFlexion]
                for e in detector.push(frame: k, time: t, markers: markers, forward: 1, kneeFlexion: knee) {
                    out.append(e)
                }
            }
        }
        return out.sorted { $0.time < $1.time }
    }
}
