import ArgumentParser
import CaptureKit
import Foundation

/// `gaitlive controls DEVICE`: list and set a camera's controls (exposure, gain, white balance...).
struct ControlsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controls",
        abstract: "List a camera's controls, or set them (exposure, gain, white balance, power-line frequency).",
        usage: """
            gaitlive controls /dev/video0
            gaitlive controls side --set auto_exposure=1 --set exposure_time_absolute=50 --set gain=0
            gaitlive controls rear --set power_line_frequency=50hz --json
            """,
        discussion: """
            For LED markers: manual exposure, short (the LEDs stay round and bright while the body is dark), \
            low gain, fixed white balance, and the power-line frequency of the country so lights do not \
            flicker. Controls marked * matter for tracking. Values: numbers, menu item names, or on/off.
            """)

    @Argument(help: ArgumentHelp("The camera: /dev/videoN, videoN, or a remembered role (side, rear).", valueName: "device"))
    var device: String

    @Option(name: .long, help: ArgumentHelp("Set a control (repeatable).", valueName: "name=value"))
    var set: [String] = []

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let path = try CameraResolver.path(for: device, option: "device")
        let controls = CameraControls(path: path)
        for s in set {
            let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Failure.badInput("--set \(s): expected name=value") }
            do {
                let c = try controls.set(parts[0], to: parts[1])
                if !json { print("\(c.key) = \(c.valueText)") }
            } catch {
                throw CameraResolver.failure(error)
            }
        }
        if !set.isEmpty && !json { return }
        let list: [CameraControl]
        do { list = try controls.list() } catch { throw CameraResolver.failure(error) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(list), as: UTF8.self))
            return
        }
        if list.isEmpty { print("\(path): no controls") }
        let width = list.map(\.key.count).max() ?? 0
        for c in list {
            var line = (c.mattersForTracking ? "* " : "  ") + c.key.padding(toLength: width, withPad: " ", startingAt: 0)
            line += "  " + c.kind.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            switch c.kind {
            case .button: line += "  (button)"
            case .boolean: line += "  default \(c.defaultValue)  value \(c.valueText)"
            default: line += "  \(c.minimum)..\(c.maximum)" + (c.step > 1 ? " step \(c.step)" : "")
                + "  default \(c.defaultValue)  value \(c.valueText)"
            }
            if c.kind == .menu || c.kind == .integerMenu {
                line += "  [" + c.menu.map { "\($0.value) \($0.name)" }.joined(separator: ", ") + "]"
            }
            if c.inactive { line += "  (inactive)" }
            if c.readOnly { line += "  (read-only)" }
            print(line)
        }
    }
}
