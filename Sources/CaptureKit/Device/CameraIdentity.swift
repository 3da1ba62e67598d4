/// What identifies a physical camera across reboots and re-plugging: its serial number when it
/// has one, otherwise the port it is plugged into (bus info), with the product name to be sure.
public struct CameraIdentity: Sendable, Codable, Hashable, CustomStringConvertible {
    public var card: String
    public var busInfo: String
    public var serial: String?

    public init(card: String, busInfo: String, serial: String?) {
        self.card = card
        self.busInfo = busInfo
        self.serial = serial
    }

    /// True when `other` is the same camera: same serial if both have one, else same port and product.
    public func matches(_ other: CameraIdentity) -> Bool {
        if let a = serial, let b = other.serial, !a.isEmpty, !b.isEmpty { return a == b && card == other.card }
        return busInfo == other.busInfo && card == other.card
    }

    public var description: String {
        if let serial, !serial.isEmpty { return "\(card) (serial \(serial))" }
        return "\(card) at \(busInfo)"
    }
}
