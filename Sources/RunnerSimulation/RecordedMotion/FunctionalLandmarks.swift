import MarkerTracker

/// Rebuilds the landmarks of a running trial that has segment clusters but neither anatomical
/// markers on the knee and ankle nor a standing trial (the OpenSim layout of Hamner & Delp 2013:
/// RASI LASI RPSI LPSI, thigh and shank triads RTH1-3 RTB1-3, RCAL RTOE RMT5, RACR/LACR, with an
/// L twin for each R marker; LPSI may be missing and is then filled from the others).
///
/// - Hip joint centre: Bell et al.'s (1990) regression from the pelvis: 19 % of the distance
///   between the anterior spines behind, 30 % below and 36 % to the side of their midpoint.
/// - Knee and ankle joint centres: functional (`JointCentre`, SCoRE) between the thigh and shank
///   triads and between the shank and the foot (heel, toe, 5th metatarsal), pulled weakly toward
///   the midpoint of the two segments' markers, which settles them along the hinge axis.
/// - Greater trochanter 7.5 cm lateral of the hip centre; lateral epicondyle 4.5 cm and lateral
///   malleolus 3.5 cm lateral of the knee and ankle centres ("lateral" is the pelvis's side axis
///   made perpendicular to the segment); mid posterior thigh 7 cm behind the middle of the femur,
///   posterior knee 5 cm behind the knee centre.
/// - Heel counter and posterior heel: the heel marker; acromion: the acromion markers.
public enum FunctionalLandmarks {
    public static func build(_ input: MarkerTrajectories) throws(MarkerFileError) -> RecordedLandmarks {
        var run = input
        let pelvisNames = ["RASI", "LASI", "RPSI", "LPSI"]
        GapFiller.fill(pelvisNames, in: &run)
        for p in ["R", "L"] {
            for m in ["TH1", "TH2", "TH3", "TB1", "TB2", "TB3", "CAL", "TOE", "MT5", "ASI", "PSI"] where !run.isRecorded(p + m) {
                throw MarkerFileError(path: run.source, problem: "no \(p)\(m) marker")
            }
        }
        func m(_ name: String, _ i: Int) -> Vector3? { run.markers[name]?[i] }
        func triad(_ p: String, _ names: [String], _ i: Int) -> SegmentFrame? {
            SegmentFrame(m(p + names[0], i), m(p + names[1], i), m(p + names[2], i))
        }
        func centroid(_ p: String, _ names: [String], _ i: Int) -> Vector3? {
            let pts = names.compactMap { m(p + $0, i) }
            guard pts.count == names.count else { return nil }
            return pts.reduce(Vector3.zero, +) * (1 / Double(pts.count))
        }
        let thighNames = ["TH1", "TH2", "TH3"], shankNames = ["TB1", "TB2", "TB3"], footNames = ["CAL", "TOE", "MT5"]

        var legs: [BodySide: [RecordedLandmarks.Leg]] = [:]
        for side in BodySide.allCases {
            let p = side == .left ? "L" : "R"
            let sigma: Double = side == .right ? 1 : -1
            // Pelvis frame and the hip centre by regression.
            func pelvis(_ i: Int) -> (frame: SegmentFrame, hip: Vector3, width: Double)? {
                guard let ra = m("RASI", i), let la = m("LASI", i), let rp = m("RPSI", i), let lp = m("LPSI", i) else { return nil }
                let mid = (ra + la) * 0.5
                guard let f = SegmentFrame(origin: mid, primary: mid - (rp + lp) * 0.5, secondary: ra - la) else { return nil }
                let w = (ra - la).length
                // Axes: forward, right, and forward x right = down.
                let hip = mid + f.axes.0 * (-0.19 * w) + f.axes.2 * (0.30 * w) + f.axes.1 * (0.36 * w * sigma)
                return (f, hip, w)
            }
            // Functional knee and ankle centres.
            var kneePairs: [(SegmentFrame, SegmentFrame)] = [], anklePairs: [(SegmentFrame, SegmentFrame)] = []
            var kneeGuess = Vector3.zero, ankleGuess = Vector3.zero, nk = 0.0, na = 0.0
            for i in 0..<run.count {
                if let t = triad(p, thighNames, i), let s = triad(p, shankNames, i),
                   let ct = centroid(p, thighNames, i), let cs = centroid(p, shankNames, i) {
                    kneePairs.append((t, s))
                    kneeGuess = kneeGuess + (ct + cs) * 0.5
                    nk += 1
                }
                if let s = triad(p, shankNames, i), let f = triad(p, footNames, i),
                   let cs = centroid(p, shankNames, i), let cf = centroid(p, footNames, i) {
                    anklePairs.append((s, f))
                    ankleGuess = ankleGuess + (cs * 0.3 + cf * 0.7)
                    na += 1
                }
            }
            guard nk > 0, na > 0,
                  let knee = JointCentre.solve(kneePairs, guess: kneeGuess * (1 / nk)),
                  let ankle = JointCentre.solve(anklePairs, guess: ankleGuess * (1 / na)) else {
                throw MarkerFileError(path: run.source, problem: "cannot locate the \(side.rawValue) knee and ankle centres")
            }
            var out: [RecordedLandmarks.Leg] = []
            out.reserveCapacity(run.count)
            for i in 0..<run.count {
                var leg = RecordedLandmarks.Leg()
                let pel = pelvis(i)
                leg.hipCentre = pel?.hip
                if let t = triad(p, thighNames, i) { leg.kneeCentre = t.global(knee.first) }
                if let s = triad(p, shankNames, i) { leg.ankleCentre = s.global(ankle.first) }
                let sideAxis = pel.map { $0.frame.axes.1 * sigma }
                func lateral(_ axis: Vector3?) -> Vector3? {
                    guard let axis, let sideAxis, axis.length > 1e-6 else { return nil }
                    let a = axis.normalized
                    let l = sideAxis - a * sideAxis.dot(a)
                    return l.length > 1e-6 ? l.normalized : nil
                }
                if let h = leg.hipCentre, let k = leg.kneeCentre, let lat = lateral(k - h) {
                    let femur = (k - h).normalized
                    // Anterior: perpendicular to the femur and the side axis, pointing forward.
                    var anterior = femur.cross(lat)
                    if anterior.x < 0 { anterior = anterior * -1 }
                    leg.trochanter = h + lat * 0.075
                    leg.lateralKnee = k + lat * 0.045
                    leg.posteriorThigh = (h + k) * 0.5 - anterior * 0.07
                    leg.posteriorKnee = k - anterior * 0.05
                }
                if let k = leg.kneeCentre, let a = leg.ankleCentre, let lat = lateral(a - k) {
                    leg.lateralAnkle = a + lat * 0.035
                }
                leg.heel = m(p + "CAL", i)
                leg.heelCounter = leg.heel
                leg.fifthMetatarsal = m(p + "MT5", i)
                leg.toe = m(p + "TOE", i)
                leg.spine = m(p + "PSI", i)
                leg.shoulder = m(p + "ACR", i)
                out.append(leg)
            }
            legs[side] = out
        }
        return RecordedLandmarks(description: "functional joint centres from the marker clusters of \(run.source)",
                                 frameRate: run.frameRate, times: run.times, left: legs[.left]!, right: legs[.right]!)
    }
}
