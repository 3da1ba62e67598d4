/// The camera disappeared while streaming (`ENODEV`): the capture thread waits for it to come back.
public struct CameraUnplugged: Error, Sendable, CustomStringConvertible {
    public var device: String
    public var description: String { "\(device) unplugged; waiting for it to come back" }
}
