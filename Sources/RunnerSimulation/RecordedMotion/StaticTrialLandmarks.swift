import MarkerTracker

/// Rebuilds the landmarks of a running trial recorded with marker clusters, using a standing
/// trial of the same athlete that also carries the anatomical markers (the layout of Fukuchi et
/// al. 2017: `R.`/`L.` prefixes, 4-marker thigh and shank clusters, three heel markers, MT1 and
/// MT5, pelvis ASIS/PSIS/iliac crests; the standing trial adds GTR, Knee, Knee.Medial, Ankle,
/// Ankle.Medial).
///
/// Each anatomical marker's position in its segment's cluster frame is averaged over the standing
/// trial and carried by that cluster through the run (greater trochanter, epicondyles and the
/// points on the thigh by the thigh cluster; malleoli by the shank cluster). Points with no
/// marker of their own are placed in the standing pose: the mid posterior thigh 7 cm behind the
/// midpoint of the hip (the trochanter moved 8 cm toward the midline) and the knee centre; the
/// posterior knee 5 cm behind the knee centre. Gaps in the pelvis markers are filled from the
/// other pelvis markers. The recording has no upper-body markers: the acromion is put 50 cm
/// above, 3 cm ahead of and 17 cm to the side of the pelvis centre, turning with the pelvis's
/// heading only (a trunk held still, so trunk lean on such a trial is not a measurement).
public enum StaticTrialLandmarks {
    public static func build(run input: MarkerTrajectories, standing: MarkerTrajectories) throws(MarkerFileError)
        -> RecordedLandmarks {
        var run = input
        let pelvis = ["R.ASIS", "L.ASIS", "R.PSIS", "L.PSIS", "R.Iliac.Crest", "L.Iliac.Crest"]
        GapFiller.fill(pelvis, in: &run)
        for side in BodySide.allCases {
            let p = side == .left ? "L." : "R."
            for seg in ["Thigh", "Shank"] {
                for m in ["Top.Lateral", "Bottom.Lateral", "Top.Medial", "Bottom.Medial"] where !run.isRecorded("\(p)\(seg).\(m)") {
                    throw MarkerFileError(path: run.source, problem: "no \(p)\(seg).\(m) cluster marker")
                }
            }
            for m in ["GTR", "Knee", "Knee.Medial", "Ankle"] where !standing.isRecorded(p + m) {
                throw MarkerFileError(path: standing.source, problem: "standing trial has no \(p)\(m) marker")
            }
            for m in ["Heel.Top", "Heel.Bottom", "MT5", "PSIS"] where !run.isRecorded(p + m) {
                throw MarkerFileError(path: run.source, problem: "no \(p)\(m) marker")
            }
        }

        func cluster(_ t: MarkerTrajectories, _ p: String, _ seg: String, _ i: Int) -> SegmentFrame? {
            let names = ["Top.Lateral", "Bottom.Lateral", "Top.Medial", "Bottom.Medial"].map { "\(p)\(seg).\($0)" }
            let pts = names.compactMap { t.markers[$0]?[i] }
            guard pts.count == 4 else { return nil }
            let centroid = (pts[0] + pts[1] + pts[2] + pts[3]) * 0.25
            return SegmentFrame(origin: centroid, primary: (pts[0] + pts[2]) - (pts[1] + pts[3]),
                                secondary: (pts[0] + pts[1]) - (pts[2] + pts[3]))
        }
        /// Mean local position of room points `point(i)` in the cluster over the standing trial.
        func standingLocal(_ p: String, _ seg: String, _ point: (Int) -> Vector3?) -> Vector3? {
            var sum = Vector3.zero, n = 0.0
            for i in 0..<standing.count {
                guard let f = cluster(standing, p, seg, i), let q = point(i) else { continue }
                sum = sum + f.local(q)
                n += 1
            }
            return n > 0 ? sum * (1 / n) : nil
        }

        var legs: [BodySide: [RecordedLandmarks.Leg]] = [:]
        let back = Vector3(-1, 0, 0)
        for side in BodySide.allCases {
            let p = side == .left ? "L." : "R."
            let sigma: Double = side == .right ? 1 : -1
            func s(_ m: String) -> (Int) -> Vector3? { { i in standing.markers[p + m]?[i] } }
            let kneeCentre: (Int) -> Vector3? = { i in
                guard let a = s("Knee")(i), let b = s("Knee.Medial")(i) else { return nil }
                return (a + b) * 0.5
            }
            let hip: (Int) -> Vector3? = { i in s("GTR")(i).map { $0 + Vector3(0, 0, -0.08 * sigma) } }
            let ankleCentre: (Int) -> Vector3? = { i in
                guard let a = s("Ankle")(i) else { return nil }
                guard let b = s("Ankle.Medial")(i) else { return a + Vector3(0, 0, -0.035 * sigma) }
                return (a + b) * 0.5
            }
            let thighPoints: [(Int) -> Vector3?] = [
                s("GTR"), s("Knee"), hip, kneeCentre,
                { i in
                    guard let h = hip(i), let k = kneeCentre(i) else { return nil }
                    return (h + k) * 0.5 + back * 0.07
                },
                { i in kneeCentre(i).map { $0 + back * 0.05 } },
            ]
            let thighLocal = thighPoints.map { standingLocal(p, "Thigh", $0) }
            let shankLocal = [s("Ankle"), ankleCentre].map { standingLocal(p, "Shank", $0) }
            var out: [RecordedLandmarks.Leg] = []
            out.reserveCapacity(run.count)
            for i in 0..<run.count {
                var leg = RecordedLandmarks.Leg()
                if let f = cluster(run, p, "Thigh", i) {
                    leg.trochanter = thighLocal[0].map(f.global)
                    leg.lateralKnee = thighLocal[1].map(f.global)
                    leg.hipCentre = thighLocal[2].map(f.global)
                    leg.kneeCentre = thighLocal[3].map(f.global)
                    leg.posteriorThigh = thighLocal[4].map(f.global)
                    leg.posteriorKnee = thighLocal[5].map(f.global)
                }
                if let f = cluster(run, p, "Shank", i) {
                    leg.lateralAnkle = shankLocal[0].map(f.global)
                    leg.ankleCentre = shankLocal[1].map(f.global)
                }
                leg.heel = run.markers[p + "Heel.Bottom"]?[i]
                if let a = run.markers[p + "Heel.Top"]?[i], let b = run.markers[p + "Heel.Bottom"]?[i] {
                    leg.heelCounter = (a + b) * 0.5
                }
                leg.fifthMetatarsal = run.markers[p + "MT5"]?[i]
                if let m5 = leg.fifthMetatarsal, let m1 = run.markers[p + "MT1"]?[i], let heel = leg.heel {
                    let mid = (m1 + m5) * 0.5
                    leg.toe = mid + (mid - heel).normalized * 0.06
                }
                leg.spine = run.markers[p + "PSIS"]?[i]
                leg.shoulder = syntheticShoulder(run, i, sigma: sigma)
                out.append(leg)
            }
            legs[side] = out
        }
        return RecordedLandmarks(
            description: "clusters carried from the standing trial \(standing.source)",
            frameRate: run.frameRate, times: run.times, left: legs[.left]!, right: legs[.right]!)
    }

    /// A still trunk on the pelvis: 50 cm up, 3 cm forward, 17 cm to the side, turning with the
    /// pelvis's heading.
    static func syntheticShoulder(_ t: MarkerTrajectories, _ i: Int, sigma: Double) -> Vector3? {
        let names = ["R.ASIS", "L.ASIS", "R.PSIS", "L.PSIS"]
        let pts = names.compactMap { t.markers[$0]?[i] }
        guard pts.count == 4 else { return nil }
        let centre = (pts[0] + pts[1] + pts[2] + pts[3]) * 0.25
        var forward = (pts[0] + pts[1]) - (pts[2] + pts[3])
        forward.y = 0
        guard forward.length > 1e-6 else { return nil }
        let f = forward.normalized
        let right = f.cross(Vector3(0, 1, 0))
        return centre + Vector3(0, 0.50, 0) + f * 0.03 + right * (0.17 * sigma)
    }
}
