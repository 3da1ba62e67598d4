/// Setup check, rear camera: on the belt's axis. A rear camera moved to one side and turned to
/// keep the athlete centred sees a standing athlete as if from behind (both legs alike), but the
/// belt then carries each foot back at an angle to the lens: in the first half of stance (initial
/// contact to midstance, the heel on the belt) the heel LED drifts sideways as well as down the
/// picture. On the axis the drift is straight down (the foot comes toward a lens above it).
///
/// Each heel also drifts sideways by itself (perspective for a foot off the axis, and the foot's
/// own path in stance: about 38 deg on the simulated runner, left and right mirrored); a yawed
/// camera turns both the same way. So the check takes the
/// legs' common drift, the mean of the left and the right heels' median drift
/// (`PictureMeter.heelDrifts`, one per stance): tan(yaw) x (lens-to-foot distance / lens height
/// above the foot), about 4.5 tan(yaw) for a lens 0.7 m high 3 m back, so 4 deg of yaw turns it
/// about 15 deg.
/// The frontal angles are read across the picture, and a yawed camera mixes some of the sagittal
/// motion into them (hip adduction, knee frontal-plane angle).
public enum BeltAxisCheck {
    /// Common drift (degrees from straight down) above which the camera is off the axis.
    public static let largestDrift = 15.0
    /// Stances of each leg needed before a verdict.
    public static let stances = 2

    public static func check(view: CameraView, drifts: [(side: BodySide, degrees: Double)]) -> SetupFinding {
        func median(_ side: BodySide) -> Double? {
            let d = drifts.filter { $0.side == side }.map(\.degrees).sorted()
            return d.count >= stances ? d[d.count / 2] : nil
        }
        guard let left = median(.left), let right = median(.right) else {
            return SetupFinding(view: view, check: "belt axis", verdict: .pass,
                                advice: "measured while the athlete runs (the heels' drift in stance)")
        }
        let common = (left + right) / 2
        let figures = "heels drift \(GeometryCheck.fmt(common)) deg the same way in stance (left \(GeometryCheck.fmt(left)), "
            + "right \(GeometryCheck.fmt(right)))"
        guard abs(common) > largestDrift else {
            return SetupFinding(view: view, check: "belt axis", verdict: .pass, advice: figures)
        }
        return SetupFinding(view: view, check: "belt axis", verdict: .warn,
                            advice: figures + ": the camera is off the belt's axis; move it behind the belt's centre line")
    }
}
