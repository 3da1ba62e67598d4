/// Degree arithmetic shared by every angle definition.
///
/// Conventions: degrees; image coordinates with y down; "forward" is +1 when the athlete runs
/// toward image right and -1 toward image left, so signs never depend on facing.
public enum AngleMath {
    public static let degreesPerRadian = 180.0 / Double.pi

    /// Wraps an angle in degrees into (-180, 180].
    @inlinable public static func wrap(_ degrees: Double) -> Double {
        var a = degrees.truncatingRemainder(dividingBy: 360)
        if a <= -180 { a += 360 }
        if a > 180 { a -= 360 }
        return a
    }

    /// Signed angle in degrees from vector `a` to vector `b`, in (-180, 180].
    /// With image y down, positive is clockwise on screen.
    @inlinable public static func signedAngle(from a: Point, to b: Point) -> Double {
        atan2Degrees(a.cross(b), a.dot(b))
    }

    /// The angle of `v` measured from straight down in the image (0, 1), positive toward
    /// `forward` (+1 = image right, -1 = image left). Range (-180, 180].
    @inlinable public static func fromDownward(_ v: Point, forward: Double) -> Double {
        atan2Degrees(forward * v.x, v.y)
    }

    /// The angle of `v` measured from straight up in the image (0, -1), positive toward `forward`.
    @inlinable public static func fromUpward(_ v: Point, forward: Double) -> Double {
        atan2Degrees(forward * v.x, -v.y)
    }

    /// atan2 in degrees, written out so MarkerTracker depends on the standard library alone.
    @inlinable public static func atan2Degrees(_ y: Double, _ x: Double) -> Double {
        Trig.atan2(y, x) * degreesPerRadian
    }
}
