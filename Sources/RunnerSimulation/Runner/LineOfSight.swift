import MarkerTracker

/// Whether a camera sees an LED or a body part stands in the way.
///
/// Only the arm nearest the camera is an occluder (upper arm and forearm as capsules of the radii
/// the renderer draws): it is the one body part that passes between a camera and the LEDs in
/// running, sweeping over the hip LED in the side view. The LED counts as hidden when the line
/// from the lens to a point 2 cm in front of the LED passes through a capsule.
public enum LineOfSight {
    public static func isBlockedByNearArm(_ led: Vector3, pose: BodyPose, camera: VirtualCamera) -> Bool {
        let nearArm: BodyPose.Leg
        switch camera.view {
        case .side: nearArm = camera.position.z > 0 ? pose.right : pose.left
        case .rear: return false // arms swing beside the body, clear of the posterior LEDs
        }
        let toLED = led - camera.position
        let length = toLED.length
        guard length > 0.05 else { return false }
        let end = camera.position + toLED * ((length - 0.02) / length)
        let capsules = [(nearArm.shoulder, nearArm.elbow, 0.045), (nearArm.elbow, nearArm.hand, 0.04)]
        for (a, b, r) in capsules where segmentDistance(camera.position, end, a, b) < r {
            // An LED on the arm's own root (the acromion) is not hidden by that arm.
            if (led - a).length < 0.06 { continue }
            return true
        }
        return false
    }

    /// Shortest distance between segments p0-p1 and q0-q1 (clamped closest points).
    static func segmentDistance(_ p0: Vector3, _ p1: Vector3, _ q0: Vector3, _ q1: Vector3) -> Double {
        let d1 = p1 - p0, d2 = q1 - q0, r = p0 - q0
        let a = d1.dot(d1), e = d2.dot(d2), f = d2.dot(r)
        var s = 0.0, t = 0.0
        let c = d1.dot(r), b = d1.dot(d2)
        let denom = a * e - b * b
        if denom > 1e-12 { s = min(1, max(0, (b * f - c * e) / denom)) }
        t = (b * s + f) / e
        if t < 0 {
            t = 0
            s = min(1, max(0, -c / a))
        } else if t > 1 {
            t = 1
            s = min(1, max(0, (b - c) / a))
        }
        return ((p0 + d1 * s) - (q0 + d2 * t)).length
    }
}
