/// One camera control (exposure, gain, white balance, power-line frequency...) with its range
/// and current value, as the driver describes it.
public struct CameraControl: Sendable, Codable, Hashable {
    /// How the value is given.
    public enum Kind: String, Sendable, Codable {
        case integer, boolean, menu, integerMenu = "integer-menu", button, integer64, other
    }

    /// One choice of a menu control.
    public struct MenuItem: Sendable, Codable, Hashable {
        public var value: Int64
        public var name: String
        public init(value: Int64, name: String) {
            self.value = value
            self.name = name
        }
    }

    /// The V4L2 control id (`V4L2_CID_*` or a driver-private id).
    public var id: UInt32
    /// The driver's name ("Exposure Time, Absolute").
    public var name: String
    /// The name used on the command line: lower case, words joined by `_` ("exposure_time_absolute"),
    /// as v4l2-ctl spells it.
    public var key: String
    public var kind: Kind
    public var minimum: Int64
    public var maximum: Int64
    public var step: UInt64
    public var defaultValue: Int64
    /// The current value (nil for buttons and write-only controls).
    public var value: Int64?
    public var menu: [MenuItem]
    /// The driver disabled it, or it cannot be changed now (e.g. exposure while auto exposure is on).
    public var inactive: Bool
    public var readOnly: Bool

    public init(id: UInt32, name: String, kind: Kind, minimum: Int64, maximum: Int64, step: UInt64,
                defaultValue: Int64, value: Int64?, menu: [MenuItem], inactive: Bool, readOnly: Bool) {
        self.id = id
        self.name = name
        key = CameraControl.key(for: name)
        self.kind = kind
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.defaultValue = defaultValue
        self.value = value
        self.menu = menu
        self.inactive = inactive
        self.readOnly = readOnly
    }

    /// "Exposure Time, Absolute" -> "exposure_time_absolute".
    public static func key(for name: String) -> String {
        var out = ""
        var gap = false
        for ch in name.lowercased() {
            if ch.isLetter || ch.isNumber {
                if gap && !out.isEmpty { out.append("_") }
                out.append(ch)
                gap = false
            } else {
                gap = true
            }
        }
        return out
    }

    /// Whether the control matters for LED tracking (listed first, adjustable from the live screen).
    public var mattersForTracking: Bool {
        ["exposure", "gain", "white_balance", "power_line", "backlight", "brightness"].contains { key.contains($0) }
    }

    /// Reads a value as the user typed it: a number, a menu item's name, or on/off for booleans.
    public func parse(_ text: String) -> Int64? {
        let t = text.lowercased()
        if kind == .boolean {
            if ["1", "on", "true", "yes"].contains(t) { return 1 }
            if ["0", "off", "false", "no"].contains(t) { return 0 }
        }
        if let v = Int64(text) { return v }
        // Menu item names compare without case, spaces or punctuation ("50hz" is "50 Hz").
        func squeezed(_ s: String) -> String { CameraControl.key(for: s).filter { $0 != "_" } }
        return menu.first { squeezed($0.name) == squeezed(text) }?.value
    }

    /// The current value as the user reads it (menu item name for menus).
    public var valueText: String {
        guard let value else { return "-" }
        if kind == .menu, let item = menu.first(where: { $0.value == value }) { return "\(value) (\(item.name))" }
        return String(value)
    }
}
