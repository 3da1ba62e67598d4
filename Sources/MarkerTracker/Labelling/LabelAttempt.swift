/// The outcome of labelling one frame from scratch: a labelling, or why there is none.
public enum LabelAttempt: Sendable, Hashable {
    case labelled(LabelHypothesis)
    case failed(LabellingFailure)

    /// The labelling, if there is one.
    public var hypothesis: LabelHypothesis? {
        if case .labelled(let h) = self { return h }
        return nil
    }

    /// Why there is no labelling, if there is none.
    public var failure: LabellingFailure? {
        if case .failed(let f) = self { return f }
        return nil
    }
}
