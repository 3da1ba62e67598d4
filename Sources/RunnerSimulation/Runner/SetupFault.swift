import Foundation
public import MarkerTracker

/// A set-up done wrong, for the setup checks to catch (`gaitlive demo --setup-fault`): what a
/// clinic gets wrong before the run, as the simulated cameras and runner can show it.
public enum SetupFault: String, Sendable, CaseIterable {
    /// The side camera rolled 6 degrees on its tripod.
    case tiltedCamera = "tilted-camera"
    /// The LEDs' light 8 times what the exposure suits: saturated, bloomed spots.
    case bloom
    /// The side knee LED 4 cm forward of the lateral epicondyle, the rear left knee LED 5 cm low.
    case misplacedKnee = "misplaced-knee"
    /// The room lit by lamps on 50 Hz mains flickering at 100 Hz by 15 %.
    case flicker
    /// The rear camera 8 degrees off the belt's axis (swung toward the runner's left about the
    /// vertical through the runner, still aimed at them).
    case offAxisRear = "off-axis-rear"
    /// An 8 ms shutter (1/125 s): the running feet's LEDs streak.
    case slowShutter = "slow-shutter"
    /// The side knee LED dark (hidden by clothing) from 0.2 s on.
    case darkKnee = "dark-knee"

    /// The side camera on `side`, rolled if `faults` say so.
    public static func sideCamera(_ faults: [SetupFault], on side: BodySide, width: Int, height: Int) -> VirtualCamera? {
        guard faults.contains(.tiltedCamera) else { return nil }
        let level = VirtualCamera.side(on: side, width: width, height: height)
        return VirtualCamera(view: .side, width: width, height: height, position: level.position,
                             lookingAlong: level.forward, focal: level.focal, roll: 6)
    }

    /// The rear camera, turned off the belt's axis if `faults` say so: the lens swung about the
    /// vertical through the runner, still aimed at them.
    public static func rearCamera(_ faults: [SetupFault], width: Int, height: Int) -> VirtualCamera? {
        guard faults.contains(.offAxisRear) else { return nil }
        let onAxis = VirtualCamera.rear(width: width, height: height)
        let yaw = 8 * Double.pi / 180
        let p = onAxis.position, f = onAxis.forward
        func turned(_ v: Vector3) -> Vector3 { Vector3(v.x * cos(yaw) - v.z * sin(yaw), v.y, v.x * sin(yaw) + v.z * cos(yaw)) }
        return VirtualCamera(view: .rear, width: width, height: height, position: turned(p), lookingAlong: turned(f),
                             focal: onAxis.focal)
    }

    /// The picture of both cameras under `faults`.
    public static func picture(_ faults: [SetupFault]) -> CameraPicture {
        var p = CameraPicture.ideal
        if faults.contains(.bloom) { p.bloom = 8 }
        if faults.contains(.flicker) { p.flickerHertz = 100; p.flickerDepth = 0.15 }
        if faults.contains(.slowShutter) { p.exposureMilliseconds = 8 }
        return p
    }

    /// Where the LEDs are taped under `faults`.
    public static func placement(_ faults: [SetupFault]) -> MarkerPlacement {
        guard faults.contains(.misplacedKnee) else { return .exact }
        var side = Array(repeating: MarkerPlacement.Offset.zero, count: 6)
        side[SideMarker.kne.rawValue] = .init(along: 0, across: 0.04)
        var rear = Array(repeating: MarkerPlacement.Offset.zero, count: 8)
        rear[RearMarker.lkne.rawValue] = .init(along: 0.05, across: 0)
        return MarkerPlacement(side: side, rear: rear)
    }

    /// The LEDs dark under `faults`.
    public static func dropouts(_ faults: [SetupFault]) -> [SimulatedFaults.Dropout] {
        faults.contains(.darkKnee) ? [.init(view: .side, marker: SideMarker.kne.rawValue, start: 0.2, duration: 1e9)] : []
    }
}
