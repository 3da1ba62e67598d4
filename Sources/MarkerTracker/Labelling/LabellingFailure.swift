/// Why a frame could not be labelled from the body's shape: the first check that failed, and on
/// which marker. Shown on the console's status line instead of a bare "searching".
public enum LabellingFailure: Sendable, Hashable {
    /// Fewer LED spots than the view has markers (some hidden, merged or out of the picture).
    case tooFewSpots(found: Int, needed: Int)
    /// No spot passes the checks for this marker (index into the view's `MarkerSet`), whatever
    /// the markers before it in the search are given.
    case noFit(marker: Int)
    /// Two labellings fit about equally well: they give `marker`'s spot to `other` (or leave it
    /// out, when nil). Nothing is labelled rather than risk a wrong label.
    case ambiguous(marker: Int, other: Int?)
    /// The best labelling fits the body too badly to be one; `marker` fits worst.
    case poorFit(marker: Int)

    /// A few words for the status line, with the markers' labels.
    public func describe(_ markerSet: MarkerSet) -> String {
        func label(_ m: Int) -> String { m >= 0 && m < markerSet.count ? markerSet.labels[m] : "?" }
        switch self {
        case .tooFewSpots(let found, let needed): return "\(found) of \(needed) LEDs seen"
        case .noFit(let m): return "no spot fits \(label(m))"
        case .ambiguous(let m, let other?): return "\(label(m)) or \(label(other))?"
        case .ambiguous(let m, nil): return "\(label(m)) unsure"
        case .poorFit(let m): return "\(label(m)) fits poorly"
        }
    }
}
