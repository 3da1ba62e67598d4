/// A control that does not exist or a value it does not take, said in one line.
public struct ControlError: Error, Sendable, CustomStringConvertible {
    public var device: String
    public var message: String
    public var description: String { "\(device): \(message)" }

    public init(device: String, message: String) {
        self.device = device
        self.message = message
    }
}
