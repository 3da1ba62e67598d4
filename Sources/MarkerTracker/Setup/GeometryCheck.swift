/// Setup check: where the standing athlete is in the picture.
///
/// Side camera: the standing leg (GT->ANK) vertical in the picture (a rolled camera tilts it), the
/// athlete centred, head to heel 50-90 % of the frame height (the head taken 0.15 of the
/// shoulder-to-heel height above the shoulder). Rear camera: centred behind the athlete (the PSIS
/// midpoint within 10 % of the picture's centre) and level (the PSIS level, within 2 degrees).
/// Meant for the athlete standing still.
public enum GeometryCheck {
    public static func check(view: CameraView, markers: MarkerFrame, width: Int, height: Int) -> SetupFinding {
        func p(_ i: Int) -> Point? { i < markers.count ? markers[i]?.position : nil }
        let w = Double(width), h = Double(height)
        switch view {
        case .side:
            guard let sho = p(SideMarker.sho.rawValue), let gt = p(SideMarker.gt.rawValue),
                  let ank = p(SideMarker.ank.rawValue), let hee = p(SideMarker.hee.rawValue) else {
                return SetupFinding(view: view, check: "geometry", verdict: .warn,
                                    advice: "needs the shoulder, hip, ankle and heel LEDs: stand the athlete in view")
            }
            let leg = ank - gt
            let tilt = AngleMath.atan2Degrees(leg.x, leg.y)
            let top = sho.y - 0.15 * (hee.y - sho.y)
            let fill = (hee.y - top) / h
            let centre = ((sho.x + gt.x + ank.x) / 3 - w / 2) / w
            let figures = "leg \(fmt(tilt)) deg from vertical, athlete \(Int((fill * 100).rounded())) % of the height, "
                + "\(Int((centre * 100).rounded())) % off centre"
            if abs(tilt) > 5 {
                return SetupFinding(view: view, check: "geometry", verdict: .fail,
                                    advice: figures + ": level the camera (it is rolled) and square it to the belt")
            }
            if abs(tilt) > 2 {
                return SetupFinding(view: view, check: "geometry", verdict: .warn, advice: figures + ": level the camera (roll)")
            }
            if fill < 0.5 || fill > 0.9 {
                return SetupFinding(view: view, check: "geometry", verdict: .warn,
                                    advice: figures + (fill < 0.5 ? ": move the camera closer or zoom in" : ": move the camera back"))
            }
            if abs(centre) > 0.15 {
                return SetupFinding(view: view, check: "geometry", verdict: .warn,
                                    advice: figures + ": turn the camera toward the athlete")
            }
            return SetupFinding(view: view, check: "geometry", verdict: .pass, advice: figures)
        case .rear:
            guard let l = p(RearMarker.lpsi.rawValue), let r = p(RearMarker.rpsi.rawValue) else {
                return SetupFinding(view: view, check: "geometry", verdict: .warn,
                                    advice: "needs both PSIS LEDs: stand the athlete in view")
            }
            let obliquity = AngleMath.atan2Degrees((r - l).y, (r - l).x)
            let centre = ((l.x + r.x) / 2 - w / 2) / w
            let figures = "PSIS \(fmt(obliquity)) deg from level, \(Int((centre * 100).rounded())) % off centre"
            if abs(obliquity) > 2 {
                return SetupFinding(view: view, check: "geometry", verdict: .warn,
                                    advice: figures + ": level the camera (roll); if it is level, the pelvis tilts standing")
            }
            if abs(centre) > 0.1 {
                return SetupFinding(view: view, check: "geometry", verdict: .warn,
                                    advice: figures + ": move the camera behind the athlete's midline")
            }
            return SetupFinding(view: view, check: "geometry", verdict: .pass, advice: figures)
        }
    }

    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == 0 ? "0.0" : "\(r)"
    }
}
