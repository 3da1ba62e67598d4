/// Setup check: LEDs off their landmarks, seen in the standing pose.
///
/// Side camera: standing, the hip, knee and ankle LEDs lie on one line (the straight leg); a knee
/// LED taped off the lateral epicondyle bends it (more than 5 degrees). Rear camera: standing
/// level, the two knee LEDs and the two heel LEDs are at the same height (within 4 % of the
/// PSIS-to-heel height); one taped higher or lower shows. Meant for the athlete standing still.
public enum PlacementCheck {
    public static func check(view: CameraView, markers: MarkerFrame, side: BodySide = .right) -> SetupFinding {
        func p(_ i: Int) -> Point? { i < markers.count ? markers[i]?.position : nil }
        switch view {
        case .side:
            guard let gt = p(SideMarker.gt.rawValue), let kne = p(SideMarker.kne.rawValue),
                  let ank = p(SideMarker.ank.rawValue) else {
                return SetupFinding(view: view, check: "placement", verdict: .warn, advice: "needs the hip, knee and ankle LEDs")
            }
            let bend = abs(AngleMath.signedAngle(from: kne - gt, to: ank - kne))
            let figures = "hip-knee-ankle \(GeometryCheck.fmt(bend)) deg from straight"
            if bend > 5 {
                return SetupFinding(view: view, check: "placement", verdict: .warn,
                                    advice: figures + " standing: check the knee LED sits on the \(side.rawValue) lateral epicondyle "
                                        + "(or the athlete's knee is bent)")
            }
            return SetupFinding(view: view, check: "placement", verdict: .pass, advice: figures + " standing")
        case .rear:
            guard let lp = p(RearMarker.lpsi.rawValue), let rp = p(RearMarker.rpsi.rawValue),
                  let lh = p(RearMarker.lhee.rawValue), let rh = p(RearMarker.rhee.rawValue) else {
                return SetupFinding(view: view, check: "placement", verdict: .warn, advice: "needs the PSIS and heel LEDs")
            }
            let height = max(1, (lh.y + rh.y - lp.y - rp.y) / 2)
            var pairs: [(String, Point?, Point?)] = [("knee", p(RearMarker.lkne.rawValue), p(RearMarker.rkne.rawValue)),
                                                    ("heel", lh, rh)]
            pairs = pairs.filter { $0.1 != nil && $0.2 != nil }
            for (name, l, r) in pairs {
                let dy = l!.y - r!.y
                if abs(dy) > 0.04 * height {
                    let lower = dy > 0 ? "left" : "right"
                    return SetupFinding(view: view, check: "placement", verdict: .warn,
                                        advice: "the \(lower) \(name) LED is \(Int(abs(dy).rounded())) px lower than the other standing: "
                                            + "check both sit on the same landmark")
                }
            }
            return SetupFinding(view: view, check: "placement", verdict: .pass, advice: "knee and heel LEDs level in pairs standing")
        }
    }
}
