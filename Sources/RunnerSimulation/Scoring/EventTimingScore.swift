import Foundation
public import MarkerTracker
import CaptureKit

/// How one camera's detected gait events compare with reference events that have exact times
/// (a force plate's, `ForcePlateEvents.gaitEvents`), in milliseconds: for IC and TO apart.
///
/// Matching is one to one, per kind and leg: the closest pairs within `window` seconds are taken
/// first. Detections of a leg the reference has no event of (the side view's other leg) are
/// left out. Reference events inside `scored` (seconds, the camera's clock) are scored: each is
/// matched (its error is detected minus reference time) or missed. Detections inside `scored`
/// that match no reference event are spurious. "Within one frame" compares frames: a reference
/// event belongs to the first frame at or after it (the `frame` it carries), and a detection
/// within one frame of that counts; the share is over all scored reference events, so a missed
/// event counts against it.
public struct EventTimingScore: Sendable, CustomStringConvertible {
    /// A detection matched to a reference event.
    public struct Pair: Sendable {
        public var reference: GaitEvent
        public var detected: GaitEvent
        /// Detected minus reference time, seconds.
        public var error: Double { detected.time - reference.time }
        /// Detected minus reference frame.
        public var frameError: Int { detected.frame - reference.frame }
    }

    /// The figures of one kind of event.
    public struct KindScore: Sendable {
        public var kind: GaitEvent.Kind
        /// Reference events scored.
        public var references = 0
        public var pairs: [Pair] = []
        public var missed = 0
        public var spurious = 0

        public init(kind: GaitEvent.Kind) { self.kind = kind }

        /// Mean signed error of the matched events, milliseconds (nil if none matched).
        public var biasMilliseconds: Double? {
            pairs.isEmpty ? nil : 1000 * pairs.reduce(0) { $0 + $1.error } / Double(pairs.count)
        }

        /// Standard deviation of the errors, milliseconds (nil below two matches).
        public var sdMilliseconds: Double? {
            guard pairs.count >= 2, let bias = biasMilliseconds else { return nil }
            let ss = pairs.reduce(0) { $0 + (1000 * $1.error - bias) * (1000 * $1.error - bias) }
            return (ss / Double(pairs.count - 1)).squareRoot()
        }

        /// Matched events within one frame of the reference.
        public var withinOneFrame: Int { pairs.filter { abs($0.frameError) <= 1 }.count }

        /// `withinOneFrame` over the scored reference events (0 if none).
        public var withinOneFrameShare: Double {
            references == 0 ? 0 : Double(withinOneFrame) / Double(references)
        }

        /// How many matched events lie at each frame error, ascending.
        public var frameErrorHistogram: [(frameError: Int, count: Int)] {
            Dictionary(grouping: pairs, by: \.frameError).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }
        }

        public var summary: String {
            func ms(_ v: Double?) -> String { v.map { String(format: "%+.1f", $0) } ?? "-" }
            let sd = sdMilliseconds.map { String(format: "%.1f", $0) } ?? "-"
            let hist = frameErrorHistogram.map { "\($0.frameError):\($0.count)" }.joined(separator: " ")
            return "\(kind.rawValue) \(withinOneFrame)/\(references) within 1 frame (\(String(format: "%.0f", 100 * withinOneFrameShare)) %), "
                + "bias \(ms(biasMilliseconds)) ms, SD \(sd) ms, \(missed) missed, \(spurious) spurious [\(hist)]"
        }
    }

    public let view: CameraView
    public let framesPerSecond: Double
    /// The figures per kind (IC and TO; midstance is not scored).
    public private(set) var kinds: [GaitEvent.Kind: KindScore] = [:]

    /// Scores `detected` (one view's events; midstance ignored) against `reference`.
    public init(detected: [GaitEvent], reference: [GaitEvent], framesPerSecond: Double, scored: ClosedRange<Double>,
                window: Double = 0.1, view: CameraView) {
        self.view = view
        self.framesPerSecond = framesPerSecond
        for kind in [GaitEvent.Kind.initialContact, .toeOff] {
            var score = KindScore(kind: kind)
            let refs = reference.filter { $0.kind == kind }
            let sides = Set(refs.map(\.side))
            let dets = detected.filter { $0.kind == kind && sides.contains($0.side) }
            // Closest pairs first, each event used once.
            var candidates: [(r: Int, d: Int, gap: Double)] = []
            for (i, r) in refs.enumerated() {
                for (j, d) in dets.enumerated() where d.side == r.side && abs(d.time - r.time) <= window {
                    candidates.append((i, j, abs(d.time - r.time)))
                }
            }
            candidates.sort { $0.gap < $1.gap }
            var refTaken = [Int?](repeating: nil, count: refs.count), detTaken = [Bool](repeating: false, count: dets.count)
            for c in candidates where refTaken[c.r] == nil && !detTaken[c.d] {
                refTaken[c.r] = c.d
                detTaken[c.d] = true
            }
            for (i, r) in refs.enumerated() where scored.contains(r.time) {
                score.references += 1
                if let j = refTaken[i] {
                    score.pairs.append(Pair(reference: r, detected: dets[j]))
                } else {
                    score.missed += 1
                }
            }
            score.spurious = dets.indices.filter { !detTaken[$0] && scored.contains(dets[$0].time) }.count
            kinds[kind] = score
        }
    }

    public subscript(kind: GaitEvent.Kind) -> KindScore { kinds[kind] ?? KindScore(kind: kind) }

    public var description: String {
        "\(view) view at \(String(format: "%g", framesPerSecond)) fps: \(self[.initialContact].summary); \(self[.toeOff].summary)"
    }
}
