import Synchronization

/// A camera's controls (exposure, gain, white balance, power-line frequency...), readable and
/// settable from any thread while the camera streams: the live screen's and the CLI's handle.
///
/// Each call opens the camera's node briefly (V4L2 allows several opens; controls are shared by
/// them), so it keeps working after the camera is re-plugged under a new node. Values set here
/// are remembered and applied again when the camera comes back.
public final class CameraControls: Sendable {
    private let state: Mutex<(path: String, applied: [UInt32: Int64])>

    public init(path: String) {
        state = Mutex((path, [:]))
    }

    /// The node the camera is on now.
    public var path: String { state.withLock { $0.path } }

    func moved(to path: String) { state.withLock { $0.path = path } }

    /// The values set through this handle, by control id.
    var applied: [UInt32: Int64] { state.withLock { $0.applied } }

    /// Every control with its current value, those that matter for LED tracking first.
    public func list() throws(SystemError) -> [CameraControl] {
        let device = try VideoDevice(path: path)
        defer { device.close() }
        let all = try device.controls()
        return all.filter(\.mattersForTracking) + all.filter { !$0.mattersForTracking }
    }

    /// Sets the control named `key` (as `list()` spells it, e.g. "exposure_time_absolute") to
    /// `text` (a number, a menu item's name, on/off); returns the control as it is now.
    @discardableResult
    public func set(_ key: String, to text: String) throws -> CameraControl {
        let device = try VideoDevice(path: path)
        defer { device.close() }
        let all = try device.controls()
        guard let control = all.first(where: { $0.key == key }) else {
            throw ControlError(device: path, message: "has no control '\(key)'; it has: "
                               + all.map(\.key).joined(separator: ", "))
        }
        guard !control.readOnly, control.kind != .integer64 else {
            throw ControlError(device: path, message: "control '\(key)' cannot be set")
        }
        guard let value = control.parse(text) else {
            let choices = control.menu.isEmpty ? "a number" : control.menu.map { "\($0.value) (\($0.name))" }.joined(separator: ", ")
            throw ControlError(device: path, message: "'\(text)' is not a value of \(key) (\(choices))")
        }
        guard control.kind == .button || (control.minimum...control.maximum).contains(value) else {
            throw ControlError(device: path, message: "\(key) must be \(control.minimum) to \(control.maximum) (got \(value))")
        }
        try device.setControl(control.id, to: value)
        guard control.kind != .button else { return control } // a button may unplug the device (vivid)
        state.withLock { $0.applied[control.id] = value }
        return (try? device.controls())?.first { $0.id == control.id } ?? control
    }

    /// Steps an integer control by `steps` of its step size (the live screen's keys); returns it as it is now.
    @discardableResult
    public func nudge(_ key: String, by steps: Int) throws -> CameraControl {
        let device = try VideoDevice(path: path)
        let current = try device.controls().first { $0.key == key }
        device.close()
        guard let current, let value = current.value else {
            throw ControlError(device: path, message: "has no adjustable control '\(key)'")
        }
        let step = Int64(max(1, current.step))
        let target = min(current.maximum, max(current.minimum, value + Int64(steps) * step))
        return try set(key, to: String(target))
    }

    /// Applies the remembered values to a freshly opened node (after re-plugging).
    func reapply(on device: VideoDevice) {
        for (id, value) in applied { _ = try? device.setControl(id, to: value) }
    }
}
