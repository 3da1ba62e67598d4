/// One video capture node as `gaitlive devices` shows it: identity, driver, and formats.
public struct DeviceDescription: Sendable, Codable, Hashable {
    /// "/dev/video2".
    public var path: String
    /// The product name the driver reports ("HD Pro Webcam C920", "vivid").
    public var card: String
    public var driver: String
    /// Where the camera is plugged ("usb-0000:00:14.0-2"): stable for a given port.
    public var busInfo: String
    /// The USB serial number, when the camera has one (from sysfs).
    public var serial: String?
    public var formats: [FormatDescription]

    public init(path: String, card: String, driver: String, busInfo: String, serial: String?,
                formats: [FormatDescription]) {
        self.path = path
        self.card = card
        self.driver = driver
        self.busInfo = busInfo
        self.serial = serial
        self.formats = formats
    }

    /// The identity a remembered camera is found by again after a reboot or re-plugging.
    public var identity: CameraIdentity {
        CameraIdentity(card: card, busInfo: busInfo, serial: serial)
    }
}
