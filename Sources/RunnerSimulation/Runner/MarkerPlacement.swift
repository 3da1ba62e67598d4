/// Where each LED is taped against its nominal landmark: the simulated runner's placement error.
///
/// A clinician palpates a landmark through skin and clothing and tapes the LED a little off it,
/// never twice in the same place. Each LED gets an offset on the body surface: `along` its
/// segment's long axis (proximal to distal is +) and `across` it (for the rear view's LEDs toward
/// the runner's right; for the side view's, forward in the sagittal plane), metres. The offset
/// moves with its segment. `exact` (all zero) is the model's nominal placement.
public struct MarkerPlacement: Sendable, Hashable {
    /// One LED's offset on the body surface, metres.
    public struct Offset: Sendable, Hashable {
        public var along: Double
        public var across: Double

        public init(along: Double, across: Double) {
            self.along = along
            self.across = across
        }

        public static let zero = Offset(along: 0, across: 0)

        /// Distance from the nominal landmark, metres.
        public var length: Double { (along * along + across * across).squareRoot() }
    }

    /// Offsets of the side view's LEDs, indexed like `MarkerSet.side`.
    public var side: [Offset]
    /// Offsets of the rear view's LEDs, indexed like `MarkerSet.rear`.
    public var rear: [Offset]

    public init(side: [Offset], rear: [Offset]) {
        precondition(side.count == 6 && rear.count == 8, "one offset per LED of each view")
        self.side = side
        self.rear = rear
    }

    /// Every LED on its nominal landmark.
    public static let exact = MarkerPlacement(side: Array(repeating: .zero, count: 6), rear: Array(repeating: .zero, count: 8))

    public var isExact: Bool { self == .exact }

    /// The largest offset of any LED, metres.
    public var largestOffset: Double { (side + rear).map(\.length).max() ?? 0 }

    /// Moves each LED of `markers` by its offset along the given unit axes (`axes[i]` = the
    /// segment's long axis and the across direction at LED i).
    static func apply(_ offsets: [Offset], to markers: inout [Vector3], axes: [(along: Vector3, across: Vector3)]) {
        for i in markers.indices where i < offsets.count && i < axes.count {
            let o = offsets[i]
            markers[i] = markers[i] + axes[i].along * o.along + axes[i].across * o.across
        }
    }
}
