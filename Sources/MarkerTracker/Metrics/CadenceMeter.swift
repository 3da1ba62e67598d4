/// Cadence (steps per minute) from the latest gait events of either view.
///
/// Uses the median of the recent intervals between consecutive events of one kind and side
/// (a stride = two steps), so one missed or spurious event does not move the figure much.
public struct CadenceMeter: Sendable {
    /// Stride intervals kept per (kind, side) key.
    public var window = 12
    var lastTime: [String: Double] = [:]
    var strides: [Double] = []

    public init() {}

    public mutating func add(_ e: GaitEvent) {
        let key = "\(e.view.rawValue)-\(e.kind.rawValue)-\(e.side.rawValue)"
        if let t = lastTime[key] {
            let dt = e.time - t
            // Plausible strides only: 100..240 steps/min.
            if dt > 0.5 && dt < 1.2 {
                strides.append(dt)
                if strides.count > window { strides.removeFirst(strides.count - window) }
            }
        }
        lastTime[key] = e.time
    }

    /// Steps per minute, or nil before two strides were seen.
    public var stepsPerMinute: Double? {
        guard strides.count >= 2 else { return nil }
        let s = strides.sorted()
        let median = s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        return 120 / median
    }
}
