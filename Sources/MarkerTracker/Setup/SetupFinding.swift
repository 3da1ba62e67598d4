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
    /// The camera setting that would fix it, when a control can (the setup screen's `a`).
    public var fix: SetupFix?

    public init(view: CameraView, check: String, verdict: Verdict, advice: String, fix: SetupFix? = nil) {
        self.view = view
        self.check = check
        self.verdict = verdict
        self.advice = advice
        self.fix = fix
    }
}
