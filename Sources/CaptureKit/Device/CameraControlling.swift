/// What the live screen needs of a camera's controls: list them, set one, step one. `CameraControls`
/// does it through V4L2 (`VIDIOC_QUERY_EXT_CTRL`, `VIDIOC_S_CTRL`); tests use an in-memory one.
public protocol CameraControlling: Sendable {
    /// Every control with its current value, those that matter for LED tracking first.
    func list() throws -> [CameraControl]
    /// Sets the control named `key` to `text`; returns the control as it is now.
    @discardableResult func set(_ key: String, to text: String) throws -> CameraControl
    /// Steps an integer control by `steps` of its step size; returns it as it is now.
    @discardableResult func nudge(_ key: String, by steps: Int) throws -> CameraControl
}

extension CameraControls: CameraControlling {}
