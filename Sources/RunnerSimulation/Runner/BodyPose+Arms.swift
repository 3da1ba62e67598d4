import Foundation

/// Arm carriage variants of a pose.
extension BodyPose {
    /// Elbow flexion of a low arm carriage, degrees (the model's own arms keep about 80).
    static let lowCarriageElbow = 25.0

    /// The same pose with both arms carried low: the upper arms swing as before but the elbows
    /// stay nearly open, so each hand passes over the hip in the back swing.
    public func withLowArmCarriage() -> BodyPose {
        var p = self
        p.left = BodyPose.lowered(left)
        p.right = BodyPose.lowered(right)
        return p
    }

    static func lowered(_ leg: Leg) -> Leg {
        var l = leg
        let upper = l.elbow - l.shoulder
        // Upper-arm angle from straight down, positive forward (x), in the sagittal plane.
        let swing = atan2(upper.x, -upper.y)
        let fore = swing + BodyPose.lowCarriageElbow * .pi / 180
        l.hand = l.elbow + Vector3(sin(fore), -cos(fore), 0) * 0.27
        return l
    }
}

