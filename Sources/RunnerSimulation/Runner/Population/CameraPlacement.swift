import Foundation
public import MarkerTracker

/// Where a clinic sets up one camera for one runner: how far, how far off the straight line to
/// the runner, how high it looks from, how it is rolled, and how much of the picture the runner
/// fills. `camera(for:...)` turns it into a `VirtualCamera` aimed at the runner's LEDs.
public struct CameraPlacement: Sendable, Hashable {
    public var view: CameraView
    /// Side view: which side of the treadmill the camera stands on.
    public var side: BodySide
    /// Metres from the runner's LEDs (their middle) to the lens.
    public var distance: Double
    /// Degrees off the straight line: the rear camera moved toward the runner's right (+) or
    /// left (-); the side camera moved forward (+) or back (-). It still looks at the runner.
    public var yaw: Double
    /// Degrees the camera looks down (+) or up (-) at the runner.
    public var pitch: Double
    /// Degrees the camera is turned about its viewing axis.
    public var roll: Double
    /// The LEDs' vertical span over a stride as a fraction of the picture height, before any
    /// shrinking needed to keep every LED inside the picture.
    public var frameFraction: Double
    /// Where the camera aims, off the middle of the LEDs, as fractions of their vertical span:
    /// across the picture (+ image right) and up.
    public var aimAcross: Double
    public var aimUp: Double
    /// The lens is never lower than this, metres (a tripod on the floor).
    public static let lowestLens = 0.15
    /// Pixels kept clear between any LED and the picture's edge.
    public static let margin = 10.0

    public init(view: CameraView, side: BodySide = .right, distance: Double, yaw: Double, pitch: Double, roll: Double,
                frameFraction: Double, aimAcross: Double = 0, aimUp: Double = 0) {
        self.view = view
        self.side = side
        self.distance = distance
        self.yaw = yaw
        self.pitch = pitch
        self.roll = roll
        self.frameFraction = frameFraction
        self.aimAcross = aimAcross
        self.aimUp = aimUp
    }

    /// The camera for a runner whose LEDs of this view pass through `leds` over a stride
    /// (room coordinates): aimed at their middle (plus the aim offset), focal length chosen so
    /// their vertical span fills `frameFraction` of the picture, then shortened if need be so
    /// every LED stays `margin` pixels inside it. The pitch is lessened where the lens would
    /// otherwise sit below `lowestLens`.
    public func camera(for leds: [Vector3], width: Int, height: Int) -> VirtualCamera {
        precondition(!leds.isEmpty, "a camera needs the runner's LEDs to frame")
        var lo = leds[0], hi = leds[0]
        for p in leds {
            lo = Vector3(min(lo.x, p.x), min(lo.y, p.y), min(lo.z, p.z))
            hi = Vector3(max(hi.x, p.x), max(hi.y, p.y), max(hi.z, p.z))
        }
        let span = max(0.2, hi.y - lo.y)
        let middle = (lo + hi) * 0.5
        let y = yaw * .pi / 180
        // Unit vector from the lens toward the runner, level, then tilted down by the pitch.
        let level: Vector3
        let across: Vector3
        switch view {
        case .rear:
            level = Vector3(cos(y), 0, -sin(y))
            across = Vector3(sin(y), 0, cos(y))
        case .side:
            let s: Double = side == .right ? 1 : -1
            level = Vector3(-sin(y), 0, -s * cos(y))
            across = Vector3(s * cos(y), 0, -sin(y))
        }
        let aim = middle + Vector3(0, aimUp * span, 0) + across * (aimAcross * span)
        var p = pitch * .pi / 180
        if aim.y + distance * sin(p) < Self.lowestLens { p = asin(max(-1, (Self.lowestLens - aim.y) / distance)) }
        let look = level * cos(p) + Vector3(0, -sin(p), 0)
        let position = aim - look * distance
        let focal = frameFraction * Double(height) * distance / span
        var cam = VirtualCamera(view: view, width: width, height: height, position: position, lookingAlong: look,
                                focal: focal, roll: roll)
        // Keep every LED inside the picture: shrink about the centre as far as the worst one needs.
        var shrink = 1.0
        let cx = Double(width) / 2 - 0.5, cy = Double(height) / 2 - 0.5
        for q in leds {
            guard let i = cam.project(q) else { continue }
            let dx = abs(i.x - cx), dy = abs(i.y - cy)
            if dx > 0 { shrink = min(shrink, (cx - Self.margin) / dx) }
            if dy > 0 { shrink = min(shrink, (cy - Self.margin) / dy) }
        }
        if shrink < 1 {
            cam = VirtualCamera(view: view, width: width, height: height, position: position, lookingAlong: look,
                                focal: focal * shrink, roll: roll)
        }
        return cam
    }
}
