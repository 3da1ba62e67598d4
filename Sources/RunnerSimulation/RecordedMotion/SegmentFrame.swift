/// A rigid body's position and orientation at one instant, built from its markers: an origin and
/// three orthonormal axes. Landmarks fixed to the body are stored in its local coordinates and
/// carried along (the cluster technique of motion capture).
public struct SegmentFrame: Sendable {
    public var origin: Vector3
    /// The first axis points along `primary`; the second is `secondary` made perpendicular to it;
    /// the third completes a right-handed set.
    public var axes: (Vector3, Vector3, Vector3)

    public init?(origin: Vector3, primary: Vector3, secondary: Vector3) {
        guard primary.length > 1e-9 else { return nil }
        let e1 = primary.normalized
        let s = secondary - e1 * secondary.dot(e1)
        guard s.length > 1e-9 * max(1, secondary.length) else { return nil }
        let e2 = s.normalized
        self.origin = origin
        axes = (e1, e2, e1.cross(e2))
    }

    /// A frame from three markers: origin at `a`, first axis toward `b`, second toward `c`.
    public init?(_ a: Vector3?, _ b: Vector3?, _ c: Vector3?) {
        guard let a, let b, let c else { return nil }
        self.init(origin: a, primary: b - a, secondary: c - a)
    }

    /// Local coordinates of a room point.
    public func local(_ p: Vector3) -> Vector3 {
        let d = p - origin
        return Vector3(d.dot(axes.0), d.dot(axes.1), d.dot(axes.2))
    }

    /// The room point of local coordinates `l`.
    public func global(_ l: Vector3) -> Vector3 {
        origin + axes.0 * l.x + axes.1 * l.y + axes.2 * l.z
    }

    /// A room direction of local direction `d`.
    public func direction(_ d: Vector3) -> Vector3 {
        axes.0 * d.x + axes.1 * d.y + axes.2 * d.z
    }
}
