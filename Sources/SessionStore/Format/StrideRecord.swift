public import MarkerTracker

/// One row of a stage's `strides.csv`: a stride of one leg seen by one camera, its events as
/// recorded frame numbers of that camera's video in the stage, and its metrics.
///
/// A frame is nil when the event fell outside the stage's recording (a stride begun in the stage
/// before), so such a stride is not wholly in its stage.
public struct StrideRecord: Sendable, Equatable {
    public var view: CameraView
    public var side: BodySide
    public var number: Int
    public var contactFrame: Int?
    public var contactTime: Double
    public var midstanceFrame: Int?
    public var toeOffFrame: Int?
    public var toeOffTime: Double?
    public var nextContactFrame: Int?
    public var nextContactTime: Double
    public var values: [StrideMetric: Double]

    public init(view: CameraView, side: BodySide, number: Int, contactFrame: Int?, contactTime: Double,
                midstanceFrame: Int? = nil, toeOffFrame: Int? = nil, toeOffTime: Double? = nil,
                nextContactFrame: Int?, nextContactTime: Double, values: [StrideMetric: Double] = [:]) {
        self.view = view
        self.side = side
        self.number = number
        self.contactFrame = contactFrame
        self.contactTime = contactTime
        self.midstanceFrame = midstanceFrame
        self.toeOffFrame = toeOffFrame
        self.toeOffTime = toeOffTime
        self.nextContactFrame = nextContactFrame
        self.nextContactTime = nextContactTime
        self.values = values
    }

    /// A stride as `GaitAnalyzer` measured it, its frames being the recorded ones.
    public init(_ s: StrideMetrics) {
        var values: [StrideMetric: Double] = [:]
        for (m, v) in s.measured { values[m] = v }
        self.init(view: s.view, side: s.side, number: s.number, contactFrame: s.contact.frame, contactTime: s.contact.time,
                  midstanceFrame: s.midstance?.frame, toeOffFrame: s.toeOff?.frame, toeOffTime: s.toeOff?.time,
                  nextContactFrame: s.nextContact.frame, nextContactTime: s.nextContact.time, values: values)
    }

    /// Stride duration, seconds.
    public var duration: Double { nextContactTime - contactTime }

    /// Whether both contacts were recorded in this stage.
    public var isWhollyRecorded: Bool { contactFrame != nil && nextContactFrame != nil }
}
