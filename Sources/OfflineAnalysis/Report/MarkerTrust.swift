public import MarkerTracker
public import SessionStore

/// Which markers of one recorded view the tracker was sure of, frame by frame.
///
/// A marker counts when it was detected in the frame with a confidence of at least
/// `minimumConfidence`, or placed by a clinician in review. Predicted (bridged over a gap),
/// low-confidence and missing markers do not: nothing measured from them becomes a finding.
public struct MarkerTrust: Sendable {
    /// Detections below this confidence do not count.
    public static let minimumConfidence = 0.5

    /// Bit `m` of element `n` set: marker `m` unsure (or missing) in frame `n`.
    let unsure: [UInt16]

    /// Reads the markers of every frame of `view` (with corrections applied when given).
    public init(view: RecordedView, corrections: MarkerCorrections? = nil) {
        var bits = [UInt16](repeating: 0, count: view.frameCount)
        for n in 0..<view.frameCount {
            var markers = view.markers(at: n)
            if let c = corrections { markers = c.apply(markers, frame: n) }
            bits[n] = MarkerTrust.mask(markers)
        }
        unsure = bits
    }

    /// Trust from a series of marker frames (tests, offline analysis).
    public init(frames: [MarkerFrame]) {
        unsure = frames.map(MarkerTrust.mask)
    }

    static func mask(_ markers: MarkerFrame) -> UInt16 {
        var b: UInt16 = 0
        for (i, m) in markers.enumerated() where i < 16 {
            guard let m else { b |= 1 << i; continue }
            let sure = m.source == .manual || (m.source == .detected && m.confidence >= minimumConfidence)
            if !sure { b |= 1 << i }
        }
        return b
    }

    public var frameCount: Int { unsure.count }

    /// Whether every marker in `markers` (indices into the view's marker set) was sure in every
    /// frame of `frames`; false when the range leaves the recording.
    public func allSure(_ markers: [Int], in frames: ClosedRange<Int>) -> Bool {
        guard frames.lowerBound >= 0, frames.upperBound < unsure.count else { return false }
        var mask: UInt16 = 0
        for m in markers { mask |= 1 << m }
        for n in frames where unsure[n] & mask != 0 { return false }
        return true
    }

    /// Whether the markers were sure in frame `n`.
    public func allSure(_ markers: [Int], at n: Int) -> Bool { allSure(markers, in: n...n) }
}
