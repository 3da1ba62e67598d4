import MarkerTracker
@testable import SessionStore
@testable import OfflineAnalysis

/// A stage built from made-up strides (one every 0.7 s, 84 frames at 120 fps), with every marker
/// detected unless told otherwise: for testing the report's rules without a recording.
struct SyntheticStage {
    var kind = "flat"
    var inclinePercent = 0.0
    var records: [StrideRecord] = []
    var frames = 4000
    /// Frames (side view) where the knee marker was only predicted.
    var predictedSideKnee: [Int] = []
    /// The stage's settle period after a stage change (nil: none).
    var settle: SettlePeriod?

    /// `count` strides of `side` seen by `view`, each with `values`.
    mutating func add(_ view: CameraView, _ side: BodySide, count: Int, _ values: [StrideMetric: Double], offset: Int = 0) {
        for i in 0..<count {
            let ic = 10 + offset + 84 * i
            records.append(StrideRecord(view: view, side: side, number: i + 1, contactFrame: ic, contactTime: Double(ic) / 120,
                                        midstanceFrame: ic + 14, toeOffFrame: ic + 34, toeOffTime: Double(ic + 34) / 120,
                                        nextContactFrame: ic + 84, nextContactTime: Double(ic + 84) / 120, values: values))
        }
    }

    static func sure(_ view: CameraView) -> MarkerFrame {
        (0..<MarkerSet.standard(for: view).count).map { _ in
            TrackedMarker(position: Point(x: 1, y: 1), confidence: 1, source: .detected)
        }
    }

    var input: StageInput {
        var side = [MarkerFrame](repeating: SyntheticStage.sure(.side), count: frames)
        for n in predictedSideKnee { side[n][SideMarker.kne.rawValue]?.source = .predicted }
        let trust: [CameraView: MarkerTrust] = [
            .side: MarkerTrust(frames: side),
            .rear: MarkerTrust(frames: [MarkerFrame](repeating: SyntheticStage.sure(.rear), count: frames)),
        ]
        let info = SessionManifest.Stage(kind: kind, directory: kind, inclinePercent: inclinePercent, events: kind + "/events.csv")
        return StageInput(info: info, strides: StageStrides(records: records, trust: trust,
                                                              framesPerSecond: [.side: 120, .rear: 120], settle: settle))
    }

    /// A healthy runner's stage: side view right leg, rear view both legs, `count` strides each.
    static func healthy(count: Int = 9, kind: String = "flat", incline: Double = 0) -> SyntheticStage {
        var s = SyntheticStage(kind: kind, inclinePercent: incline)
        s.add(.side, .right, count: count, [.kneeFlexionAtContact: 21, .peakKneeFlexion: 42, .tibiaAngleAtContact: 4,
                                            .footAngleAtContact: 6, .overstride: 14, .peakAnkleDorsiflexion: 18,
                                            .ankleDorsiflexionAtContact: 1, .hipFlexionAtContact: 31])
        for side in BodySide.allCases {
            s.add(.rear, side, count: count, [.pelvicDrop: 5, .hipAdduction: 13, .stepWidth: 10, .cadence: 168],
                  offset: side == .left ? 42 : 0)
        }
        return s
    }

    /// Replaces one metric's value on every stride of `side` in `view`.
    mutating func set(_ metric: StrideMetric, _ value: Double, _ view: CameraView, _ side: BodySide) {
        for i in records.indices where records[i].view == view && records[i].side == side { records[i].values[metric] = value }
    }
}
