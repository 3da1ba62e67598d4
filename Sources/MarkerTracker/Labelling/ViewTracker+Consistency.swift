extension ViewTracker {
    // MARK: - consistency: limbs and segment lengths

    /// The limb groups of a view's marker set.
    static func limbGroups(_ view: CameraView) -> [[Int]] {
        switch view {
        case .side:
            return [[SideMarker.sho.rawValue, SideMarker.gt.rawValue],
                    [SideMarker.kne.rawValue, SideMarker.ank.rawValue, SideMarker.hee.rawValue, SideMarker.mt5.rawValue]]
        case .rear:
            return [[RearMarker.lpsi.rawValue, RearMarker.rpsi.rawValue],
                    [RearMarker.lthi.rawValue, RearMarker.lkne.rawValue, RearMarker.lhee.rawValue],
                    [RearMarker.rthi.rawValue, RearMarker.rkne.rawValue, RearMarker.rhee.rawValue]]
        }
    }

    /// Drops assignments that break a segment length (`SegmentLengthModel`); returns whether any did.
    func rejectInconsistent(_ assigned: inout [Int?], k: Double) -> Bool {
        var any = false
        for (s, seg) in markerSet.segments.enumerated() {
            guard let a = assigned[seg.from], let b = assigned[seg.to] else { continue }
            guard lengths.breaks(s, length: blobs[a].centroid.distance(to: blobs[b].centroid)) else { continue }
            any = true
            // Distrust the end that strayed further from its prediction.
            func residual(_ m: Int, _ blob: Int) -> Double {
                guard let t = tracks[m] else { return .infinity }
                return blobs[blob].centroid.distance(to: predicted(t, k: k)) / gateRadius(t, k: k)
            }
            if residual(seg.from, a) >= residual(seg.to, b) {
                assigned[seg.from] = nil
            } else {
                assigned[seg.to] = nil
            }
        }
        return any
    }

    /// Learns the usual segment lengths from confidently detected markers.
    mutating func learnLengths(_ m: MarkerFrame) {
        for (s, seg) in markerSet.segments.enumerated() {
            guard let a = m[seg.from], let b = m[seg.to], a.source == .detected, b.source == .detected,
                  a.confidence > settings.lengthLearningConfidence, b.confidence > settings.lengthLearningConfidence
            else { continue }
            lengths.learn(s, length: a.position.distance(to: b.position), rate: settings.lengthLearningRate)
        }
    }
}
