/// What a stride metric is measured from: the markers of its view and the stretch of the stride
/// where it is taken. Used to keep values measured from unsure markers out of the stage means,
/// in the report and live (`MarkerTrust`).
public struct MetricDependencies: Sendable, Equatable {
    /// Where in the stride a metric is taken.
    public enum Window: Sendable, Equatable {
        /// Around initial contact (the contact-time metrics, the contact event).
        case contact
        /// Around toe-off (the toe-off event).
        case toeOff
        /// Around the next initial contact (the event that ends the stride).
        case nextContact
        /// Around midstance.
        case midstance
        /// Initial contact to toe-off (peaks in stance).
        case stance
        /// The whole stride (peaks over the cycle, ranges).
        case stride
    }

    /// Marker indices in the view's marker set.
    public var markers: [Int]
    /// The stretches checked (all of them).
    public var windows: [Window]

    public init(markers: [Int], window: Window...) {
        self.markers = markers
        windows = window
    }

    /// Frames either side of an event that the zero-lag filter mixes into a value taken there
    /// (about 25 ms at 120 fps).
    public static func halfWidth(framesPerSecond: Double) -> Int { max(2, Int((0.025 * framesPerSecond).rounded())) }

    /// What `metric` of a stride of `side` seen by `view` depends on.
    public static func of(_ metric: StrideMetric, view: CameraView, side: BodySide) -> MetricDependencies {
        switch view {
        case .side: sideView(metric)
        case .rear: rearView(metric, side: side)
        }
    }

    static func sideView(_ metric: StrideMetric) -> MetricDependencies {
        let (sho, gt, kne, ank, hee, mt5) = (SideMarker.sho.rawValue, SideMarker.gt.rawValue, SideMarker.kne.rawValue,
                                              SideMarker.ank.rawValue, SideMarker.hee.rawValue, SideMarker.mt5.rawValue)
        switch metric {
        case .cadence: return .init(markers: [gt, hee], window: .contact, .nextContact)
        case .contactTime: return .init(markers: [gt, hee, mt5], window: .contact, .toeOff)
        case .flightTime: return .init(markers: [gt, hee, mt5], window: .toeOff, .nextContact)
        case .kneeFlexionAtContact: return .init(markers: [gt, kne, ank], window: .contact)
        case .hipFlexionAtContact: return .init(markers: [sho, gt, kne], window: .contact)
        case .ankleDorsiflexionAtContact: return .init(markers: [kne, ank, hee, mt5], window: .contact)
        case .tibiaAngleAtContact: return .init(markers: [kne, ank], window: .contact)
        case .footAngleAtContact: return .init(markers: [hee, mt5], window: .contact)
        case .overstride: return .init(markers: [gt, kne, ank, hee], window: .contact)
        case .peakKneeFlexion: return .init(markers: [gt, kne, ank], window: .stance)
        case .peakAnkleDorsiflexion: return .init(markers: [kne, ank, hee, mt5], window: .stance)
        case .peakThighExtension: return .init(markers: [gt, kne], window: .stride)
        case .verticalOscillation: return .init(markers: [gt, kne, ank], window: .stride)
        case .trunkLean: return .init(markers: [sho, gt], window: .midstance)
        default: return .init(markers: [gt, hee], window: .contact, .nextContact)
        }
    }

    static func rearView(_ metric: StrideMetric, side: BodySide) -> MetricDependencies {
        let l = side == .left
        let psi = [RearMarker.lpsi.rawValue, RearMarker.rpsi.rawValue]
        let thi = l ? RearMarker.lthi.rawValue : RearMarker.rthi.rawValue
        let kne = l ? RearMarker.lkne.rawValue : RearMarker.rkne.rawValue
        let heels = [RearMarker.lhee.rawValue, RearMarker.rhee.rawValue]
        switch metric {
        case .pelvicDrop: return .init(markers: psi, window: .stance)
        case .hipAdduction: return .init(markers: psi + [thi, kne], window: .stance)
        case .kneeFrontalProjection: return .init(markers: [thi, kne, l ? heels[0] : heels[1]], window: .stance)
        case .stepWidth: return .init(markers: heels, window: .contact)
        case .contactTime: return .init(markers: psi + heels, window: .contact, .toeOff)
        case .flightTime: return .init(markers: psi + heels, window: .toeOff, .nextContact)
        default: return .init(markers: psi + heels, window: .contact, .nextContact)
        }
    }

    /// The frames of a stride's events: what `frames(of:halfWidth:)` needs of a stride.
    public struct EventFrames: Sendable, Equatable {
        public var contact: Int?
        public var toeOff: Int?
        public var midstance: Int?
        public var nextContact: Int?
        public init(contact: Int?, toeOff: Int?, midstance: Int?, nextContact: Int?) {
            self.contact = contact
            self.toeOff = toeOff
            self.midstance = midstance
            self.nextContact = nextContact
        }

        /// A stride as `GaitAnalyzer` measured it (its frames as it numbered them).
        public init(_ s: StrideMetrics) {
            self.init(contact: s.contact.frame, toeOff: s.toeOff?.frame, midstance: s.midstance?.frame,
                      nextContact: s.nextContact.frame)
        }
    }

    /// The stretches of `stride` (frame numbers) this dependency covers, or nil when the stride
    /// lacks an event that bounds one of them.
    public func frames(of stride: EventFrames, halfWidth w: Int) -> [ClosedRange<Int>]? {
        guard let ic = stride.contact else { return nil }
        func around(_ n: Int) -> ClosedRange<Int> { max(0, n - w)...(n + w) }
        var out: [ClosedRange<Int>] = []
        for window in windows {
            switch window {
            case .contact:
                out.append(around(ic))
            case .toeOff:
                guard let to = stride.toeOff else { return nil }
                out.append(around(to))
            case .nextContact:
                guard let next = stride.nextContact else { return nil }
                out.append(around(next))
            case .midstance:
                guard let ms = stride.midstance else { return nil }
                out.append(around(ms))
            case .stance:
                guard let to = stride.toeOff, to >= ic else { return nil }
                out.append(max(0, ic - w)...(to + w))
            case .stride:
                guard let next = stride.nextContact, next >= ic else { return nil }
                out.append(max(0, ic - w)...next)
            }
        }
        return out
    }

    /// Whether `trust` was sure of every marker `stride`'s value of this dependency is taken from.
    public func isSure(_ stride: EventFrames, trust: MarkerTrust, halfWidth w: Int) -> Bool {
        guard let ranges = frames(of: stride, halfWidth: w) else { return false }
        return ranges.allSatisfy { trust.allSure(markers, in: $0) }
    }
}
