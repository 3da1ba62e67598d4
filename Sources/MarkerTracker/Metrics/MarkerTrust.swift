/// Which markers of one view the tracker was sure of, frame by frame: what keeps a stride value
/// measured from unsure markers out of the stage means, in the report (over a recorded view,
/// `init(view:corrections:)` in OfflineAnalysis) and live (`StageAggregate`, frame by frame as
/// they are recorded), by the same rule.
///
/// A marker counts when it was detected in the frame with a confidence of at least
/// `minimumConfidence`, or placed by a clinician in review. Predicted (bridged over a gap),
/// low-confidence and missing markers do not: nothing measured from them becomes a finding.
/// Frames are numbered from `firstFrame`; a frame before it or not yet added is unsure.
public struct MarkerTrust: Sendable {
    /// Detections below this confidence do not count.
    public static let minimumConfidence = 0.5

    /// The number of the first frame held.
    public private(set) var firstFrame: Int
    /// Bit `m` of element `n - firstFrame` set: marker `m` unsure (or missing) in frame `n`.
    var unsure: [UInt16]

    /// Trust from a series of marker frames, numbered from `firstFrame`.
    public init(frames: [MarkerFrame], firstFrame: Int = 0) {
        self.firstFrame = firstFrame
        unsure = frames.map(MarkerTrust.mask)
    }

    /// Trust from precomputed masks (`mask(_:)`), numbered from 0.
    public init(masks: [UInt16]) {
        firstFrame = 0
        unsure = masks
    }

    /// Adds frame `n`: its markers, or nil for a frame that does not count (not recorded). Frames
    /// skipped between the last one added and `n` are unsure; `n` must be later than them.
    public mutating func add(_ markers: MarkerFrame?, frame n: Int) {
        if unsure.isEmpty { firstFrame = n }
        let next = firstFrame + unsure.count
        guard n >= next else { return }
        for _ in next..<n { unsure.append(.max) }
        unsure.append(markers.map(MarkerTrust.mask) ?? .max)
    }

    /// Lets go of the frames before `n` (they become unsure, as frames never added are): what
    /// keeps the live trust of a long stage bounded (`StageAggregate.trustWindow`).
    public mutating func forget(before n: Int) {
        let k = min(unsure.count, n - firstFrame)
        guard k > 0 else { return }
        unsure.removeFirst(k)
        firstFrame += k
    }

    /// The unsure bits of one frame's markers.
    public static func mask(_ markers: MarkerFrame) -> UInt16 {
        var b: UInt16 = 0
        for (i, m) in markers.enumerated() where i < 16 {
            guard let m else { b |= 1 << i; continue }
            let sure = m.source == .manual || (m.source == .detected && m.confidence >= minimumConfidence)
            if !sure { b |= 1 << i }
        }
        return b
    }

    /// Frames held (from `firstFrame`).
    public var frameCount: Int { unsure.count }

    /// Whether every marker in `markers` (indices into the view's marker set) was sure in every
    /// frame of `frames`; false when the range leaves the frames held.
    public func allSure(_ markers: [Int], in frames: ClosedRange<Int>) -> Bool {
        guard frames.lowerBound >= firstFrame, frames.upperBound < firstFrame + unsure.count else { return false }
        var mask: UInt16 = 0
        for m in markers { mask |= 1 << m }
        for n in frames where unsure[n - firstFrame] & mask != 0 { return false }
        return true
    }

    /// Whether the markers were sure in frame `n`.
    public func allSure(_ markers: [Int], at n: Int) -> Bool { allSure(markers, in: n...n) }
}
