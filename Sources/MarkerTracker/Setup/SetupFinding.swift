/// One line of the setup screen: a check of one camera, its verdict and one line of advice.
public struct SetupFinding: Sendable, Hashable {
    /// How a check came out.
    public enum Verdict: String, Sendable, Hashable, Comparable {
        case pass, warn, fail

        public static func < (a: Verdict, b: Verdict) -> Bool {
            let order: [Verdict] = [.pass, .warn, .fail]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var view: CameraView
    /// The check's name: "LEDs", "exposure", "frame rate", "geometry".
    public var check: String
    public var verdict: Verdict
    /// What was found and, when not a pass, what to change.
    public var advice: String

    public init(view: CameraView, check: String, verdict: Verdict, advice: String) {
        self.view = view
        self.check = check
        self.verdict = verdict
        self.advice = advice
    }
}
