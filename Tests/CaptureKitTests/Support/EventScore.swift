import MarkerTracker
import OfflineAnalysis

/// How detected gait events compare with the true ones: per kind, how many true events were
/// found within one frame, how many were missed, how many detections match nothing.
struct EventScore: CustomStringConvertible {
    var matched: [GaitEvent.Kind: Int] = [:]
    var total: [GaitEvent.Kind: Int] = [:]
    var spurious: [GaitEvent.Kind: Int] = [:]
    var errors: [GaitEvent.Kind: [Int]] = [:]
    /// Detected minus true event time, seconds, of the matched events.
    var timeErrors: [GaitEvent.Kind: [Double]] = [:]
    var tolerance = 1

    /// Scores `detected` against `truth`, counting true events inside `frames` only.
    init(detected: [GaitEvent], truth: [GaitEvent], frames: Range<Int>, tolerance: Int = 1) {
        self.tolerance = tolerance
        for t in truth where frames.contains(t.frame) {
            total[t.kind, default: 0] += 1
            let near = detected.filter { $0.kind == t.kind && $0.side == t.side && $0.view == t.view }
                .min { abs($0.frame - t.frame) < abs($1.frame - t.frame) }
            if let near, abs(near.frame - t.frame) <= 6 {
                errors[t.kind, default: []].append(near.frame - t.frame)
                timeErrors[t.kind, default: []].append(near.time - t.time)
                if abs(near.frame - t.frame) <= tolerance { matched[t.kind, default: 0] += 1 }
            }
        }
        for d in detected where frames.contains(d.frame) {
            let hit = truth.contains { $0.kind == d.kind && $0.side == d.side && $0.view == d.view && abs($0.frame - d.frame) <= 6 }
            if !hit { spurious[d.kind, default: 0] += 1 }
        }
    }

    func fraction(_ kinds: [GaitEvent.Kind]) -> Double {
        let t = kinds.reduce(0) { $0 + (total[$1] ?? 0) }
        let m = kinds.reduce(0) { $0 + (matched[$1] ?? 0) }
        return t == 0 ? 0 : Double(m) / Double(t)
    }

    var description: String {
        GaitEvent.Kind.allCases.compactMap { k in
            guard let t = total[k] else { return nil }
            let e = errors[k] ?? []
            let hist = Dictionary(grouping: e, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key }
                .map { "\($0.key):\($0.value)" }.joined(separator: " ")
            let te = timeErrors[k] ?? []
            let bias = te.isEmpty ? 0 : 1000 * te.reduce(0, +) / Double(te.count)
            return "\(k.rawValue) \(matched[k] ?? 0)/\(t) within \(tolerance) frame\(tolerance == 1 ? "" : "s"), \(spurious[k] ?? 0) spurious [\(hist)] time bias \(Int(bias.rounded())) ms"
        }.joined(separator: "; ")
    }
}
