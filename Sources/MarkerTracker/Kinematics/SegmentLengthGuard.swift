/// A last check before angles are computed: in the side view the body segments between markers
/// (trunk SHO-GT, thigh GT-KNE, shank KNE-ANK, foot HEE-MT5, ANK-HEE) keep their length in the
/// image, because the leg moves in the camera's plane. A marker that makes a segment more than
/// 20 % longer or shorter than usual is on the wrong LED (a stray light taken for a hidden one),
/// so it is left out: the angles that need it are missing rather than wrong.
///
/// The usual lengths are learnt from the first 24 frames with every segment present (their
/// median) and then follow slowly (1 % a frame) with the lengths that pass. The rear view's
/// segments shorten with every stride (the legs swing toward and away from the camera), so the
/// guard does nothing there. Markers a clinician placed by hand (source `manual`) are kept.
public struct SegmentLengthGuard: Sendable {
    public let view: CameraView
    /// Allowed relative deviation from the usual length.
    public var tolerance = 0.20
    static let segments: [(SideMarker, SideMarker)] = [(.sho, .gt), (.gt, .kne), (.kne, .ank), (.hee, .mt5), (.ank, .hee)]
    var typical: [Double] = []
    var learning: [[Double]] = []

    public init(view: CameraView) {
        self.view = view
        learning.reserveCapacity(24)
    }

    /// Whether the usual lengths are known.
    public var isReady: Bool { !typical.isEmpty }

    /// `markers` with every marker of an implausible segment removed.
    public mutating func check(_ markers: MarkerFrame) -> MarkerFrame {
        guard view == .side, markers.count >= SideMarker.allCases.count else { return markers }
        let lengths: [Double?] = Self.segments.map { a, b in
            guard let p = markers[a.rawValue]?.position, let q = markers[b.rawValue]?.position else { return nil }
            return p.distance(to: q)
        }
        guard isReady else {
            if lengths.allSatisfy({ $0 != nil }) {
                learning.append(lengths.map { $0! })
                if learning.count == 24 {
                    typical = (0..<Self.segments.count).map { i in learning.map { $0[i] }.sorted()[12] }
                    learning = []
                }
            }
            return markers
        }
        var out = markers
        for (i, (a, b)) in Self.segments.enumerated() {
            guard let l = lengths[i] else { continue }
            // A clinician's correction is taken as right: its segments are neither judged nor learnt.
            if markers[a.rawValue]?.source == .manual || markers[b.rawValue]?.source == .manual { continue }
            if abs(l - typical[i]) > tolerance * typical[i] {
                out[a.rawValue] = nil
                out[b.rawValue] = nil
            } else {
                typical[i] += 0.01 * (l - typical[i])
            }
        }
        return out
    }
}
