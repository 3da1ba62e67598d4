/// One stride of one leg seen by one camera: its events and every metric that view measures.
///
/// The stride runs from `contact` (initial contact) to `nextContact` (the same leg's next one).
/// Frames are the camera stream's frame numbers; times are seconds on the stream's clock. A
/// metric is nil when it could not be measured (a marker missing at the moment it is taken, no
/// toe-off seen, no pixel scale for centimetres): missing, never guessed.
public struct StrideMetrics: Sendable, Hashable {
    /// A gait event's place in the stream.
    public struct Moment: Sendable, Hashable, Codable {
        public var frame: Int
        public var time: Double
        public init(frame: Int, time: Double) {
            self.frame = frame
            self.time = time
        }
    }

    public var view: CameraView
    public var side: BodySide
    /// 1 for this leg's first stride in this view, 2 for the next...
    public var number: Int
    public var contact: Moment
    public var toeOff: Moment?
    public var midstance: Moment?
    public var nextContact: Moment
    private var values: [Double]

    public init(view: CameraView, side: BodySide, number: Int, contact: Moment, toeOff: Moment? = nil,
                midstance: Moment? = nil, nextContact: Moment) {
        self.view = view
        self.side = side
        self.number = number
        self.contact = contact
        self.toeOff = toeOff
        self.midstance = midstance
        self.nextContact = nextContact
        values = [Double](repeating: .nan, count: StrideMetric.allCases.count)
    }

    /// Stride duration, seconds.
    public var duration: Double { nextContact.time - contact.time }

    public subscript(metric: StrideMetric) -> Double? {
        get {
            let v = values[metric.rawValue]
            return v.isNaN ? nil : v
        }
        set { values[metric.rawValue] = newValue.flatMap { $0.isFinite ? $0 : nil } ?? .nan }
    }

    /// The metrics measured, in table order.
    public var measured: [(StrideMetric, Double)] {
        StrideMetric.allCases.compactMap { m in self[m].map { (m, $0) } }
    }

    public static func == (a: StrideMetrics, b: StrideMetrics) -> Bool {
        a.view == b.view && a.side == b.side && a.number == b.number && a.contact == b.contact
            && a.toeOff == b.toeOff && a.midstance == b.midstance && a.nextContact == b.nextContact
            && zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    public func hash(into h: inout Hasher) {
        h.combine(view)
        h.combine(side)
        h.combine(number)
        h.combine(contact)
    }
}
