/// A last check before angles are computed: in the side view the body segments between markers
/// keep their length in the image, because the leg moves in the camera's plane. A marker that
/// breaks a segment's usual length (`SegmentLengthModel`, the tracker's rule too) is on the wrong
/// LED (a stray light taken for a hidden one, or a prediction gone astray), so both ends are left
/// out: the angles that need them are missing rather than wrong.
///
/// The usual lengths are learnt from the first `learningFrames` frames with every segment present
/// (their median) and then follow slowly (`followRate` a frame) with the lengths that pass. The
/// rear view's segments shorten with every stride (the legs swing toward and away from the
/// camera), so the guard does nothing there. Markers a clinician placed by hand (source `manual`)
/// are kept.
public struct SegmentLengthGuard: Sendable {
    public let view: CameraView
    /// Complete frames whose median starts the usual lengths (0.2 s at 120 fps: a median over
    /// part of a stride, so one bad frame cannot set them).
    public static let learningFrames = 24
    /// How fast the usual lengths follow the ones that pass, per frame.
    public static let followRate = 0.01
    var model: SegmentLengthModel
    var learning: [[Double]] = []

    public init(view: CameraView) {
        self.view = view
        model = SegmentLengthModel(markerSet: .standard(for: view))
        learning.reserveCapacity(Self.learningFrames)
    }

    /// Whether the usual lengths are known.
    public var isReady: Bool { model.isComplete }

    /// `markers` with both markers of every implausible segment removed.
    public mutating func check(_ markers: MarkerFrame) -> MarkerFrame {
        guard view == .side, markers.count == model.markerSet.count else { return markers }
        let segments = model.markerSet.segments
        guard isReady else {
            let lengths = segments.indices.map { model.length($0, in: markers) }
            if lengths.allSatisfy({ $0 != nil }) {
                learning.append(lengths.map { $0! })
                if learning.count == Self.learningFrames {
                    model.start(with: segments.indices.map { s in learning.map { $0[s] }.sorted()[Self.learningFrames / 2] })
                    learning = []
                }
            }
            return markers
        }
        var out = markers
        for (s, seg) in segments.enumerated() {
            guard let length = model.length(s, in: markers) else { continue }
            // A clinician's correction is taken as right: its segments are neither judged nor learnt.
            if markers[seg.from]?.source == .manual || markers[seg.to]?.source == .manual { continue }
            if model.breaks(s, length: length) {
                out[seg.from] = nil
                out[seg.to] = nil
            } else {
                model.learn(s, length: length, rate: Self.followRate)
            }
        }
        return out
    }
}
