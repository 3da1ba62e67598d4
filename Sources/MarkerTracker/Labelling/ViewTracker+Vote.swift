extension ViewTracker {
    // MARK: - rear view: weighing rival readings (`IdentityVote`)

    /// Finds the markers `assigned` lacks (the others pinned to their blobs): the best reading's
    /// spots become their tracks, and if other readings fit about as well, a vote between them.
    /// Returns whether it labelled.
    mutating func acquireByVote(_ assigned: inout [Int?]) -> Bool {
        let pins = assigned.contains { $0 != nil } ? assigned : nil
        let candidates = RearLabeller().candidates(blobs, fixed: pins, margin: settings.voteCandidateMargin)
        guard let best = candidates.first else {
            lastFailure = RearLabeller().attempt(blobs, fixed: pins).failure
            return false
        }
        assigned = best.blobForMarker
        let v = IdentityVote(candidates: candidates.map(\.blobForMarker))
        vote = v.isContested ? v : nil
        return true
    }

    /// Starts a vote between the tracks' reading and the readings a labelling from scratch
    /// finds (the whole frame scanned, every marker held).
    mutating func contest(_ assigned: [Int?]) {
        var hypotheses = [Array(0..<markerSet.count)]
        for c in RearLabeller().candidates(blobs, margin: settings.voteCandidateMargin) {
            let perm = c.blobForMarker.map { b in b.flatMap { b in assigned.firstIndex(of: b) } }
            guard perm.allSatisfy({ $0 != nil }) else { continue }
            let p = perm.map { $0! }
            if !hypotheses.contains(p) { hypotheses.append(p) }
        }
        let v = IdentityVote(hypotheses: hypotheses)
        vote = v.isContested ? v : nil
    }

    /// While a vote runs, tracks lost to merging LEDs are re-found without letting the vote's
    /// still disputed reading shape anything: only undisputed markers are pinned; a lost
    /// undisputed marker takes the spot the body's shape is sure of; a lost disputed one takes
    /// the one spot the shape gives the disputed markers that no surviving disputed track holds.
    mutating func refindDuringVote(_ assigned: inout [Int?], relabelled: inout Set<Int>) {
        guard let v = vote else { return }
        var pins = assigned
        for m in 0..<markerSet.count where !v.agreed[m] { pins[m] = nil }
        guard let best = RearLabeller().candidates(blobs, fixed: pins, margin: settings.voteCandidateMargin).first
        else { return }
        let sure = labelFromScratch(fixed: pins).hypothesis
        var spare: [Int] = []
        for m in 0..<markerSet.count where !v.agreed[m] {
            if let b = best.blobForMarker[m], !assigned.contains(b) { spare.append(b) }
        }
        for m in 0..<markerSet.count where tracks[m] == nil && assigned[m] == nil && v.agreed[m] {
            guard let b = sure?.blobForMarker[m], !assigned.contains(b), !spare.contains(b) else { continue }
            assigned[m] = b
            relabelled.insert(m)
        }
        // The disputed spot only once every undisputed marker is held again: while one of them is
        // still lost, its LED may be the spot the shape reserves for the disputed ones.
        guard (0..<markerSet.count).allSatisfy({ !v.agreed[$0] || assigned[$0] != nil }), spare.count == 1 else { return }
        for m in 0..<markerSet.count where tracks[m] == nil && assigned[m] == nil && !v.agreed[m] {
            assigned[m] = spare[0]
            relabelled.insert(m)
        }
    }

    /// While a vote runs: adds this frame (when every marker was measured), applies the winning
    /// reading once decided, and meanwhile hides the markers the readings dispute.
    mutating func weighReadings(_ out: inout MarkerFrame) {
        guard vote != nil else { return }
        var lostDisputed = 0
        for m in 0..<markerSet.count where tracks[m] == nil && !vote!.agreed[m] { lostDisputed += 1 }
        if lostDisputed > 1 {
            // Two disputed tracks lost at once: which spot was which cannot be told on their
            // return. Forget the disputed ones and start again.
            for m in 0..<markerSet.count where !vote!.agreed[m] {
                tracks[m] = nil
                out[m] = nil
            }
            vote = nil
            return
        }
        if out.allSatisfy({ $0?.source == .detected }) {
            votePositions.removeAll(keepingCapacity: true)
            for marker in out { votePositions.append(marker!.position) }
            vote!.add(votePositions, impossibleCost: settings.impossibleCost) { geometry.cost($0) }
        }
        if let winner = vote!.decision(window: settings.voteFrames, margin: settings.voteMargin,
                                       early: settings.voteEarlyFrames) {
            let oldTracks = tracks, oldOut = out // rare: once per vote
            for m in 0..<markerSet.count {
                tracks[m] = oldTracks[winner[m]]
                out[m] = oldOut[winner[m]]
            }
            vote = nil
            return
        }
        for m in 0..<markerSet.count where !vote!.agreed[m] { out[m] = nil }
    }
}
