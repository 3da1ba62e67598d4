/// The one model of body-segment lengths in the image: which marker pairs of a view keep their
/// distance, how far each may stray from its usual length, and the usual lengths learnt so far.
///
/// Two users, one rule: the tracker distrusts an assignment of blobs that breaks a segment (and
/// hands the learnt lengths to the labellers as their reference), and `SegmentLengthGuard`, the
/// last check before angles, leaves out a marker that breaks one. Each keeps its own learnt
/// lengths (the guard also runs over stored markers, without a tracker).
///
/// Tolerances, relative to the learnt length (docs/angles.md, "Marker checks"):
/// - side view, trunk, thigh and shank 18 %: the leg moves in the camera's plane, so these change
///   only with the pelvis turning and skin over the trochanter and knee (a few per cent in the
///   simulator's and the recorded runners' geometry), plus the placement slack below;
/// - side view, the foot's segments (from ANK or HEE) 35 %: the foot rolls and turns out of the
///   plane in swing, and its three LEDs are only centimetres apart, so a pixel of noise is a
///   larger share;
/// - rear view: PSIS to PSIS 30 % (the pelvis rotates about the vertical); spine to thigh LED 50 %
///   (it follows the cosine of the thigh's swing: from hip extension to a fast runner's 55 deg of
///   flexion it changes by a factor of 1.8); thigh LED to knee and knee to heel not checked (the
///   knee LED rises toward the thigh LED down to a third of their distance, and the shank
///   foreshortens strongly in swing seen from behind).
/// The side view adds `placementSlack` of the thigh's learnt length to every segment: LEDs taped
/// up to 2 cm off their landmarks change a segment's length as the joint between them turns.
public struct SegmentLengthModel: Sendable {
    public let markerSet: MarkerSet
    /// Relative tolerance per segment of `markerSet.segments`; nil: not checked.
    public let tolerances: [Double?]
    /// Side view: the slack for LED placement, as a share of the thigh's learnt length.
    public var placementSlack: Double
    /// The usual length of each segment, pixels, nil until learnt.
    public private(set) var lengths: [Double?]

    public init(markerSet: MarkerSet, placementSlack: Double = 0.05) {
        self.markerSet = markerSet
        self.placementSlack = placementSlack
        tolerances = markerSet.segments.map { Self.tolerance(of: $0, view: markerSet.view) }
        lengths = [Double?](repeating: nil, count: markerSet.segments.count)
    }

    /// The relative tolerance of one segment of a view's standard marker set (see the type's
    /// documentation); nil: not checked.
    public static func tolerance(of segment: MarkerSet.Segment, view: CameraView) -> Double? {
        switch view {
        case .side:
            if segment.from == SideMarker.ank.rawValue || segment.from == SideMarker.hee.rawValue { return 0.35 }
            return 0.18
        case .rear:
            if segment.to == RearMarker.lhee.rawValue || segment.to == RearMarker.rhee.rawValue { return nil }
            if segment.from == RearMarker.lpsi.rawValue && segment.to == RearMarker.rpsi.rawValue { return 0.3 }
            if segment.to == RearMarker.lkne.rawValue || segment.to == RearMarker.rkne.rawValue { return nil }
            return 0.5
        }
    }

    /// Whether any segment's usual length is known.
    public var hasLengths: Bool { lengths.contains { $0 != nil } }

    /// Whether every segment's usual length is known.
    public var isComplete: Bool { lengths.allSatisfy { $0 != nil } }

    /// Pixels of slack for LED placement (side view; 0 until the thigh is learnt).
    public var slackPixels: Double {
        guard markerSet.view == .side, lengths.count > 1, let thigh = lengths[1] else { return 0 }
        return placementSlack * thigh
    }

    /// Whether segment `s` at `length` pixels breaks its usual length. False while the segment is
    /// unchecked or not learnt.
    public func breaks(_ s: Int, length: Double) -> Bool {
        guard let usual = lengths[s], let tolerance = tolerances[s] else { return false }
        return abs(length - usual) > tolerance * usual + slackPixels
    }

    /// Moves segment `s`'s usual length toward `length` by `rate` (the first length is taken as
    /// it is).
    public mutating func learn(_ s: Int, length: Double, rate: Double) {
        if let usual = lengths[s] {
            lengths[s] = usual * (1 - rate) + length * rate
        } else {
            lengths[s] = length
        }
    }

    /// Sets every segment's usual length at once (as from the median of a first run of frames).
    public mutating func start(with usual: [Double]) {
        precondition(usual.count == lengths.count, "one length per segment")
        lengths = usual.map { Optional($0) }
    }

    /// The length of segment `s` in `markers`, nil unless both of its markers are there.
    public func length(_ s: Int, in markers: MarkerFrame) -> Double? {
        let seg = markerSet.segments[s]
        guard let a = markers[seg.from], let b = markers[seg.to] else { return nil }
        return a.position.distance(to: b.position)
    }
}
