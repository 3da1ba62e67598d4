import CaptureKit
import MarkerTracker
import LivePipeline

extension LiveScreen {
    /// The setup screen's `a`: for each camera, every fix its findings suggest (`SetupFix`, once
    /// each, in the checks' order) is set through the camera's controls, as `x` would set it by
    /// hand. Says in one line what was set, or why not (no controls: a simulated camera; the
    /// camera lacks the control; the driver refused).
    func applySetupFixes() -> String {
        var said: [String] = []
        for view in session.views {
            let name = view == .side ? "side" : "rear"
            var fixes: [SetupFix] = []
            for f in setupPanel.findings where f.view == view && f.verdict != .pass {
                if let fix = f.fix, !fixes.contains(fix) { fixes.append(fix) }
            }
            guard !fixes.isEmpty else { continue }
            guard let controls = controlsProvider(view) else {
                said.append("\(name): no camera controls (simulated camera); by hand: " + fixes.map(\.summary).joined(separator: ", "))
                continue
            }
            var done: [String] = []
            let list: [(key: String, value: Int64?, minimum: Int64, maximum: Int64)]
            do {
                list = try controls.list().map { (key: $0.key, value: $0.value, minimum: $0.minimum, maximum: $0.maximum) }
            } catch {
                said.append("\(name): \(error)")
                continue
            }
            for fix in fixes {
                do {
                    guard let settings = fix.settings(controls: list) else {
                        done.append("no control for \(fix.summary)")
                        continue
                    }
                    var last: CameraControl?
                    for s in settings { last = try controls.set(s.key, to: s.value) }
                    done.append(last.map { "\($0.key) \($0.valueText)" } ?? fix.summary)
                } catch {
                    done.append("\(error)")
                }
            }
            said.append("\(name): " + done.joined(separator: ", "))
        }
        return said.isEmpty ? "no setup check suggests a camera setting" : said.joined(separator: "; ")
    }
}
