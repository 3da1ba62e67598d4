/// A camera setting a setup check suggests, which the setup screen's `a` key applies to V4L2
/// cameras through their controls (`CameraControls`, the same ones `x` adjusts): the controls are
/// named as `gaitlive controls` lists them (UVC names).
public enum SetupFix: Sendable, Hashable {
    /// Manual exposure at `fraction` of the current exposure time (shorter: less bloom or blur).
    case shorterExposure(fraction: Double)
    /// The power-line frequency control set to the mains frequency the flicker came from.
    case powerLine(hertz: Int)

    /// What the fix does, in a few words.
    public var summary: String {
        switch self {
        case .shorterExposure(let f): "exposure to \(Int((f * 100).rounded())) % of what it is"
        case .powerLine(let hz): "power_line_frequency to \(hz) Hz"
        }
    }

    /// The controls to set, in order, as (key, value) given the camera's controls as
    /// (key, current value, minimum, maximum); nil when the camera lacks what the fix needs.
    public func settings(controls: [(key: String, value: Int64?, minimum: Int64, maximum: Int64)]) -> [(key: String, value: String)]? {
        func control(_ key: String) -> (key: String, value: Int64?, minimum: Int64, maximum: Int64)? {
            controls.first { $0.key == key }
        }
        switch self {
        case .powerLine(let hz):
            guard control("power_line_frequency") != nil else { return nil }
            return [("power_line_frequency", "\(hz)hz")]
        case .shorterExposure(let fraction):
            guard let e = control("exposure_time_absolute"), let now = e.value else { return nil }
            let target = max(e.minimum, min(e.maximum, Int64((Double(now) * fraction).rounded())))
            guard target < now else { return nil }
            var out: [(key: String, value: String)] = []
            // UVC: manual exposure is "Manual Mode" (1) of auto_exposure; the time is then honoured.
            if control("auto_exposure") != nil { out.append(("auto_exposure", "1")) }
            out.append(("exposure_time_absolute", String(target)))
            return out
        }
    }
}
