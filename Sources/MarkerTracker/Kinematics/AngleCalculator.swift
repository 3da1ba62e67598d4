/// Turns one frame's labelled markers into the angles of docs/angles.md.
///
/// Pure functions of the marker positions. `forward` is +1 when the athlete runs toward image
/// right and -1 toward image left, so no sign depends on facing; `inclineDegrees` is the belt's
/// slope (uphill forward). Markers below `minimumConfidence` are treated as missing, so an
/// uncertain marker yields a missing angle rather than a wrong one. The knee frontal projection
/// is reported only while the heel is well below the knee (the leg extended, as in stance).
/// `angles(_:view:)` takes the standing calibration's offsets off (`SideCalibration.applied`);
/// `side` and `rear` give the raw angles.
public struct AngleCalculator: Sendable {
    public var forward: Double
    public var inclineDegrees: Double
    public var calibration: SideCalibration
    public var minimumConfidence: Double

    public init(forward: Double = 1, inclineDegrees: Double = 0, calibration: SideCalibration = .none,
                minimumConfidence: Double = 0.3) {
        self.forward = forward
        self.inclineDegrees = inclineDegrees
        self.calibration = calibration
        self.minimumConfidence = minimumConfidence
    }

    /// Angles for a frame of `view`.
    public func angles(_ markers: MarkerFrame, view: CameraView) -> AngleSet {
        calibration.applied(to: view == .side ? side(markers) : rear(markers), view: view)
    }

    private func usable(_ m: MarkerFrame, _ i: Int) -> Point? {
        guard i < m.count, let t = m[i], t.confidence >= minimumConfidence else { return nil }
        return t.position
    }

    /// Side view (camera-side leg), raw: the calibration is applied by `angles(_:view:)`.
    public func side(_ m: MarkerFrame) -> AngleSet {
        var a = AngleSet()
        let sho = usable(m, SideMarker.sho.rawValue)
        let gt = usable(m, SideMarker.gt.rawValue)
        let kne = usable(m, SideMarker.kne.rawValue)
        let ank = usable(m, SideMarker.ank.rawValue)
        let hee = usable(m, SideMarker.hee.rawValue)
        let mt5 = usable(m, SideMarker.mt5.rawValue)
        let f = forward

        var lean: Double?
        if let sho, let gt {
            lean = AngleMath.fromUpward(sho - gt, forward: f)
            a[.trunkLean] = lean
        }
        var thigh: Double?
        if let gt, let kne {
            thigh = AngleMath.fromDownward(kne - gt, forward: f)
            a[.thighAngle] = thigh
        }
        if let lean, let thigh {
            a[.hipFlexion] = AngleMath.wrap(thigh + lean)
        }
        var shank: Double?
        if let kne, let ank {
            shank = AngleMath.fromDownward(ank - kne, forward: f)
            a[.tibiaAngle] = shank
        }
        if let thigh, let shank {
            a[.kneeFlexion] = AngleMath.wrap(thigh - shank)
        }
        if let hee, let mt5 {
            let foot = AngleMath.fromDownward(mt5 - hee, forward: f)
            if let shank {
                a[.ankleDorsiflexion] = AngleMath.wrap(foot - shank - 90)
            }
            a[.footAngle] = AngleMath.wrap(foot - 90 - inclineDegrees)
        }
        return a
    }

    /// Rear view (both legs; the athlete's left is image left), raw: the calibration is applied by
    /// `angles(_:view:)`.
    public func rear(_ m: MarkerFrame) -> AngleSet {
        var a = AngleSet()
        guard let lpsi = usable(m, RearMarker.lpsi.rawValue), let rpsi = usable(m, RearMarker.rpsi.rawValue) else {
            kneeFrontal(m, into: &a)
            return a
        }
        let pelvis = rpsi - lpsi
        // + when the right side is lower: with y down, right lower means positive dy.
        a[.pelvicObliquity] = AngleMath.atan2Degrees(pelvis.y, pelvis.x)
        // Downward perpendicular of the pelvis line: (1, 0) -> (0, 1).
        let down = Point(x: -pelvis.y, y: pelvis.x)
        for s in BodySide.allCases {
            guard let thi = usable(m, RearMarker.thi(s).rawValue), let kne = usable(m, RearMarker.kne(s).rawValue) else {
                continue
            }
            let theta = AngleMath.signedAngle(from: down, to: kne - thi)
            // Knee toward the midline: image right for the left leg (negative theta), left for the right leg.
            a[s == .left ? .hipAdductionLeft : .hipAdductionRight] = s == .left ? -theta : theta
        }
        kneeFrontal(m, into: &a)
        return a
    }

    private func kneeFrontal(_ m: MarkerFrame, into a: inout AngleSet) {
        for s in BodySide.allCases {
            guard let thi = usable(m, RearMarker.thi(s).rawValue), let kne = usable(m, RearMarker.kne(s).rawValue),
                  let hee = usable(m, RearMarker.hee(s).rawValue) else { continue }
            // Only meaningful with the leg extended below the knee (stance): in swing the heel
            // rises behind the knee and the projected angle is meaningless.
            guard hee.y - kne.y > 0.6 * kne.distance(to: thi) else { continue }
            let theta = AngleMath.signedAngle(from: kne - thi, to: hee - kne)
            // Valgus (knee medial) turns the leg line clockwise on screen for the left leg.
            a[s == .left ? .kneeFrontalLeft : .kneeFrontalRight] = s == .left ? theta : -theta
        }
    }
}
