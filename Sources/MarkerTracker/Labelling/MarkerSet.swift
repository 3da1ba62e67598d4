/// The LED markers one camera view expects, in a fixed order, and the segments drawn between them.
///
/// Markers are referred to by index into `labels` everywhere (tracking state, tables), so a frame's
/// markers are a fixed-size array. The defaults are those of docs/angles.md: side view SHO, GT, KNE,
/// ANK, HEE, MT5 (camera-side leg); rear view LPSI, RPSI, LTHI, RTHI, LKNE, RKNE, LHEE, RHEE.
public struct MarkerSet: Sendable, Hashable {
    /// Two marker indices joined by a drawn line (a body segment).
    public struct Segment: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public init(_ from: Int, _ to: Int) {
            self.from = from
            self.to = to
        }
    }

    public let view: CameraView
    public let labels: [String]
    public let segments: [Segment]

    public var count: Int { labels.count }

    public func index(of label: String) -> Int? { labels.firstIndex(of: label) }

    public static func standard(for view: CameraView) -> MarkerSet {
        view == .side ? .side : .rear
    }

    /// Side view, camera-side leg: acromion, greater trochanter, lateral femoral epicondyle,
    /// lateral malleolus, posterior heel (shoe), 5th metatarsal head (shoe).
    public static let side = MarkerSet(
        view: .side,
        labels: SideMarker.allCases.map(\.label),
        segments: [
            Segment(SideMarker.sho.rawValue, SideMarker.gt.rawValue),
            Segment(SideMarker.gt.rawValue, SideMarker.kne.rawValue),
            Segment(SideMarker.kne.rawValue, SideMarker.ank.rawValue),
            Segment(SideMarker.ank.rawValue, SideMarker.hee.rawValue),
            Segment(SideMarker.hee.rawValue, SideMarker.mt5.rawValue),
            Segment(SideMarker.ank.rawValue, SideMarker.mt5.rawValue),
        ])

    /// Rear view: posterior superior iliac spines, mid posterior thighs, posterior knee centres,
    /// heel counter centres.
    public static let rear = MarkerSet(
        view: .rear,
        labels: RearMarker.allCases.map(\.label),
        segments: [
            Segment(RearMarker.lpsi.rawValue, RearMarker.rpsi.rawValue),
            Segment(RearMarker.lpsi.rawValue, RearMarker.lthi.rawValue),
            Segment(RearMarker.rpsi.rawValue, RearMarker.rthi.rawValue),
            Segment(RearMarker.lthi.rawValue, RearMarker.lkne.rawValue),
            Segment(RearMarker.rthi.rawValue, RearMarker.rkne.rawValue),
            Segment(RearMarker.lkne.rawValue, RearMarker.lhee.rawValue),
            Segment(RearMarker.rkne.rawValue, RearMarker.rhee.rawValue),
        ])
}

/// Indices of the side-view markers in `MarkerSet.side`.
public enum SideMarker: Int, CaseIterable, Sendable {
    case sho, gt, kne, ank, hee, mt5

    public var label: String {
        switch self {
        case .sho: "SHO"
        case .gt: "GT"
        case .kne: "KNE"
        case .ank: "ANK"
        case .hee: "HEE"
        case .mt5: "MT5"
        }
    }
}

/// Indices of the rear-view markers in `MarkerSet.rear`.
public enum RearMarker: Int, CaseIterable, Sendable {
    case lpsi, rpsi, lthi, rthi, lkne, rkne, lhee, rhee

    public var label: String {
        switch self {
        case .lpsi: "LPSI"
        case .rpsi: "RPSI"
        case .lthi: "LTHI"
        case .rthi: "RTHI"
        case .lkne: "LKNE"
        case .rkne: "RKNE"
        case .lhee: "LHEE"
        case .rhee: "RHEE"
        }
    }

    public static func psi(_ s: BodySide) -> RearMarker { s == .left ? .lpsi : .rpsi }
    public static func thi(_ s: BodySide) -> RearMarker { s == .left ? .lthi : .rthi }
    public static func kne(_ s: BodySide) -> RearMarker { s == .left ? .lkne : .rkne }
    public static func hee(_ s: BodySide) -> RearMarker { s == .left ? .lhee : .rhee }
}
