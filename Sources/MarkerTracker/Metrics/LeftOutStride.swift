/// A stride of one leg that was not measured, and why: what `gaitlive analyze` and the report
/// say of the strides they leave out (docs/metrics.md, "Strides").
public struct LeftOutStride: Sendable, Hashable {
    /// Why a stride was not measured.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// Its time is outside 0.4-1.6 s (under 75 or over 300 steps/min).
        case outsideStrideTimes = "stride-time"
        /// The leg left the belt twice since its contact: the contact between was missed.
        case missedContact = "missed-contact"
        /// Its time differs by more than 10 % from the median of the leg's last five strides:
        /// it spans a missed contact, or one of its contacts was mistimed.
        case irregularTime = "irregular-time"
        /// Its opening contact is no longer held (a gap in the stream).
        case contactNotHeld = "contact-not-held"
        /// Measured, but begun in the settle period after a stage change, while the belt was still
        /// changing grade (`SettlePeriod`): left out of the stage's means.
        case settling

        /// One line for a person.
        public var explanation: String {
            switch self {
            case .outsideStrideTimes: "stride time outside 0.4-1.6 s"
            case .missedContact: "a contact was missed (two toe-offs without a contact between)"
            case .irregularTime: "stride time more than 10 % from the leg's usual (a contact missed or mistimed)"
            case .contactNotHeld: "its first contact lies before a gap in the recording"
            case .settling: "begun in the settle period after the stage change (the belt still changing grade)"
            }
        }
    }

    public var view: CameraView
    public var side: BodySide
    /// The contact that closed it (the next stride's first contact).
    public var nextContact: StrideMetrics.Moment
    /// Its own first contact, when known.
    public var contact: StrideMetrics.Moment?
    public var reason: Reason

    public init(view: CameraView, side: BodySide, contact: StrideMetrics.Moment?, nextContact: StrideMetrics.Moment,
                reason: Reason) {
        self.view = view
        self.side = side
        self.contact = contact
        self.nextContact = nextContact
        self.reason = reason
    }
}
