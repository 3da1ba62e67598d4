import Foundation
public import MarkerTracker

/// A pinhole camera in the simulated room: where it stands, where it looks, its image size.
///
/// Projects room points (metres) to image pixels (origin top-left, y down). The side camera
/// stands on one side of the treadmill looking across it; the rear camera stands behind it
/// looking forward, so the runner's left is on image left.
public struct VirtualCamera: Sendable {
    public let view: CameraView
    public let width: Int
    public let height: Int
    public let position: Vector3
    public let forward: Vector3
    public let right: Vector3
    public let up: Vector3
    /// Focal length in pixels.
    public let focal: Double

    /// `roll` (degrees) turns the camera about its viewing axis (a camera not quite level on its
    /// tripod; the picture turns the other way); 0 keeps the horizon level.
    public init(view: CameraView, width: Int, height: Int, position: Vector3, lookingAlong forward: Vector3,
                focal: Double, roll: Double = 0) {
        self.view = view
        self.width = width
        self.height = height
        self.position = position
        self.forward = forward.normalized
        let worldUp = Vector3(0, 1, 0)
        let levelRight = self.forward.cross(worldUp).normalized
        let levelUp = levelRight.cross(self.forward).normalized
        if roll == 0 {
            right = levelRight
            up = levelUp
        } else {
            let r = roll * .pi / 180
            right = levelRight * cos(r) - levelUp * sin(r)
            up = levelUp * cos(r) + levelRight * sin(r)
        }
        self.focal = focal
    }

    /// The side camera on the runner's `side`, 3.2 m from the belt centre, level, framing about
    /// 1.95 m of height (head to belt). The runner faces image right when filmed from the right side.
    public static func side(on side: BodySide, width: Int, height: Int) -> VirtualCamera {
        let s: Double = side == .right ? 1 : -1
        return VirtualCamera(view: .side, width: width, height: height,
                             position: Vector3(0.05, 0.9, 3.2 * s), lookingAlong: Vector3(0, 0, -s),
                             focal: Double(height) * 3.2 / 1.95)
    }

    /// The rear camera 3.0 m behind the runner, lens 0.7 m high and pitched down slightly,
    /// framing pelvis to heels (about 1.45 m) as clinics set it up for the frontal plane.
    public static func rear(width: Int, height: Int) -> VirtualCamera {
        VirtualCamera(view: .rear, width: width, height: height,
                      position: Vector3(-3.0, 0.7, 0), lookingAlong: Vector3(1, -0.03, 0),
                      focal: Double(height) * 3.0 / 1.45)
    }

    /// Image position of a room point, or nil if it is behind the camera.
    public func project(_ p: Vector3) -> Point? {
        let v = p - position
        let depth = v.dot(forward)
        guard depth > 0.05 else { return nil }
        let cx = Double(width) / 2 - 0.5, cy = Double(height) / 2 - 0.5
        return Point(x: cx + focal * v.dot(right) / depth, y: cy - focal * v.dot(up) / depth)
    }

    /// Distance along the viewing axis, metres (for sizes that shrink with distance).
    public func depth(of p: Vector3) -> Double { (p - position).dot(forward) }

    /// Whether the runner runs toward image right (+1) or left (-1) in this camera (side view).
    public var runningDirection: Double { right.x >= 0 ? 1 : -1 }
}
