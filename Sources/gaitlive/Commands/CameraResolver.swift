import CaptureKit
import Foundation
import MarkerTracker

/// Turns what the user typed for a camera into a device node: a path (`/dev/video2`), a node
/// name (`video2`), or a remembered role (`side`, `rear`; see `gaitlive devices --assign`).
enum CameraResolver {
    static func path(for argument: String, option: String) throws -> String {
        if let view = CameraView(rawValue: argument.lowercased()) {
            let roles: CameraRoles
            do { roles = try CameraRoles.load() } catch { throw Failure.badInput("\(error)") }
            guard let identity = roles[view] else {
                throw Failure.badInput("\(option) \(argument): no \(argument) camera remembered; "
                                       + "assign one with 'gaitlive devices --assign \(argument)=/dev/videoN'")
            }
            guard let path = DeviceDiscovery.find(identity) else {
                throw Failure.badInput("\(option) \(argument): the remembered \(argument) camera (\(identity)) is not plugged in")
            }
            return path
        }
        if argument.hasPrefix("video"), Int(argument.dropFirst(5)) != nil { return "/dev/" + argument }
        return argument
    }

    /// A one-line error for a device that cannot be used (exit status 2).
    static func failure(_ error: any Error) -> Failure {
        Failure.badInput("\(error)")
    }
}
