public import CaptureKit
public import MarkerTracker
import SessionStore

/// The live screen's camera-controls box (`x`): the controls that matter for LED tracking
/// (exposure, gain, white balance, power-line frequency, ...) of one camera at a time, changed
/// while it streams.
///
/// Keys: Tab the other camera, up/down choose a control, left/right (or -/+) one step, PgUp/PgDn
/// ten steps, space switches a boolean or the next menu item, `0` the driver's default, Esc or
/// `x` closes. The list is read when the box opens and after each change (each read opens the
/// device node briefly), not on every redraw.
public struct ControlsOverlay {
    public private(set) var view: CameraView
    public private(set) var controls: [CameraControl] = []
    public private(set) var selected = 0
    /// The last change or error, shown at the bottom of the box.
    public private(set) var message = ""
    let views: [CameraView]
    let provider: (CameraView) -> (any CameraControlling)?

    /// `provider` gives a camera's controls (nil for a simulated camera).
    public init(views: [CameraView], provider: @escaping (CameraView) -> (any CameraControlling)?) {
        self.views = views
        self.provider = provider
        view = views.first ?? .side
        reload()
    }

    /// What a key did to the box.
    public enum Outcome: Equatable { case stay, close }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape, .character("x"), .character("X"), .character("q"):
            return .close
        case .tab, .backTab:
            if let i = views.firstIndex(of: view), views.count > 1 {
                view = views[(i + 1) % views.count]
                selected = 0
                message = ""
                reload()
            }
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(max(0, controls.count - 1), selected + 1)
        case .left, .character("-"): change { try $0.nudge($1.key, by: -1) }
        case .right, .character("+"), .character("="): change { try $0.nudge($1.key, by: 1) }
        case .pageDown: change { try $0.nudge($1.key, by: -10) }
        case .pageUp: change { try $0.nudge($1.key, by: 10) }
        case .character("0"): change { try $0.set($1.key, to: String($1.defaultValue)) }
        case .character(" "), .enter:
            change { c, control in
                switch control.kind {
                case .boolean:
                    return try c.set(control.key, to: (control.value ?? 0) == 0 ? "1" : "0")
                case .menu, .integerMenu:
                    let values = control.menu.map(\.value)
                    let i = values.firstIndex(of: control.value ?? values.first ?? 0) ?? -1
                    guard !values.isEmpty else { return control }
                    return try c.set(control.key, to: String(values[(i + 1) % values.count]))
                default:
                    return try c.nudge(control.key, by: 1)
                }
            }
        default:
            break
        }
        return .stay
    }

    /// The controls worth changing for tracking (all of them when none is recognised).
    static func shown(_ all: [CameraControl]) -> [CameraControl] {
        let usable = all.filter { !$0.readOnly && $0.kind != .integer64 && $0.kind != .button && $0.kind != .other }
        let tracking = usable.filter(\.mattersForTracking)
        return tracking.isEmpty ? usable : tracking
    }

    mutating func reload() {
        guard let c = provider(view) else {
            controls = []
            message = "the \(view.rawValue) camera is simulated: no controls"
            return
        }
        do {
            controls = Self.shown(try c.list())
            selected = min(selected, max(0, controls.count - 1))
            if controls.isEmpty { message = "the \(view.rawValue) camera offers no adjustable controls" }
        } catch {
            controls = []
            message = "\(error)"
        }
    }

    mutating func change(_ body: (any CameraControlling, CameraControl) throws -> CameraControl) {
        guard let c = provider(view), controls.indices.contains(selected) else { return }
        let control = controls[selected]
        do {
            let now = try body(c, control)
            message = "\(now.key) = \(now.valueText)"
        } catch {
            message = "\(error)"
        }
        reload()
    }

    /// Draws the box in the middle of the grid.
    public func draw(into grid: inout CellGrid, utf8: Bool) {
        var lines: [String] = []
        let others = views.count > 1 ? "   (Tab: \(views.filter { $0 != view }.map(\.rawValue).joined()) camera)" : ""
        lines.append("\(view.rawValue) camera\(others)")
        lines.append("")
        for (i, c) in controls.enumerated() {
            let range = c.kind == .integer ? "  \(c.minimum)..\(c.maximum)" : ""
            let state = c.inactive ? "  (inactive)" : ""
            let mark = i == selected ? (utf8 ? "▶ " : "> ") : "  "
            lines.append(mark + TextFormat.padded(c.key, 30) + " " + c.valueText + range + state)
        }
        lines.append("")
        lines.append(message.isEmpty ? "up/down choose  left/right step  space toggle  0 default  Esc close" : message)
        TextFormat.drawOverlayBox(lines, title: "camera controls", into: &grid, utf8: utf8)
    }
}
