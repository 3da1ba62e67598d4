extension ViewTracker {
    // MARK: - relabelling: finding lost markers again, checking held ones

    /// Re-acquires lost markers, or labels from scratch, and checks held ones every
    /// `verifyInterval` frames: after a jump of the picture (every track missed at once though
    /// the frame has spots) the tracks are forgotten first; the rear view then works through its
    /// vote between rival readings, the side view through `reacquireSide`.
    mutating func relabel(_ image: LumaImage, levels lv: ExposureLevels, k: Double, liveTracks: Int, inconsistent: Bool,
                          assigned: inout [Int?], relabelled: inout Set<Int>, fullScan: inout Bool) {
        var held = 0
        for b in assigned where b != nil { held += 1 }
        let needed = (markerSet.count * 2 + 2) / 3
        if settings.restartAfterJump && held == 0 && liveTracks > 0 && blobs.count >= needed {
            // Every track missed its LED at once though the picture has spots: the picture jumped
            // (or the tracks were wrong). No prediction is worth showing; label the frame afresh.
            for m in 0..<markerSet.count { tracks[m] = nil }
            vote = nil
        }
        lastFailure = nil
        if markerSet.view == .rear {
            relabelRear(image, levels: lv, held: held, inconsistent: inconsistent, assigned: &assigned,
                        relabelled: &relabelled, fullScan: &fullScan)
        } else {
            reacquireSide(&assigned, relabelled: &relabelled, held: held, needed: needed, inconsistent: inconsistent,
                          image: image, levels: lv, k: k, fullScan: &fullScan)
        }
    }

    /// Rear view: seen from behind, the shape alone cannot always tell a heel from the LED it
    /// passes, or one heel from the other: markers are found, and readings checked, only through
    /// a vote over frames (`IdentityVote`); one runs at a time.
    mutating func relabelRear(_ image: LumaImage, levels lv: ExposureLevels, held: Int, inconsistent: Bool,
                              assigned: inout [Int?], relabelled: inout Set<Int>, fullScan: inout Bool) {
        if vote == nil && held < markerSet.count && blobs.count > held {
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            if inconsistent {
                // The rest of a limb that broke a segment length is suspect too: re-find it whole.
                for group in limbGroups where group.contains(where: { assigned[$0] == nil }) {
                    for m in group { assigned[m] = nil }
                }
            }
            let before = assigned
            if acquireByVote(&assigned) {
                for m in 0..<markerSet.count where before[m] == nil && assigned[m] != nil { relabelled.insert(m) }
            }
        } else if vote != nil && tracks.contains(where: { $0 == nil }) && blobs.count > held {
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            refindDuringVote(&assigned, relabelled: &relabelled)
        } else if vote == nil && held == markerSet.count {
            framesSinceVerify += 1
            if framesSinceVerify >= settings.verifyInterval {
                framesSinceVerify = 0
                verify(&assigned, relabelled: &relabelled, image: image, levels: lv, fullScan: &fullScan)
            }
        }
    }

    /// Side view: re-acquires lost markers, or labels from scratch (the body's shape with the
    /// tracks' predictions as a prior), and checks held markers against the whole frame.
    mutating func reacquireSide(_ assigned: inout [Int?], relabelled: inout Set<Int>, held: Int, needed: Int,
                                inconsistent: Bool, image: LumaImage, levels lv: ExposureLevels, k: Double,
                                fullScan: inout Bool) {
        var fromScratch: LabelHypothesis?
        if inconsistent {
            // Something is wrong: a labelling of the whole frame decides, if it is sure. The
            // tracks' predictions weigh in.
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            fromScratch = labelFromScratch(fixed: nil, prior: prior(k: k)).hypothesis
        }
        if let h = fromScratch {
            assigned = h.blobForMarker
            relabelled = Set(0..<markerSet.count)
        } else if held < needed {
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            if let h = labelFromScratch(fixed: nil, prior: prior(k: k)).hypothesis {
                assigned = h.blobForMarker
                relabelled = Set(0..<markerSet.count)
                if markerSet.view == .side { direction.seed(h.forward) }
            }
        } else if held < markerSet.count && blobs.count > held {
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            if inconsistent {
                // The rest of a limb that broke a segment length is suspect too: re-find it whole.
                for group in limbGroups where group.contains(where: { assigned[$0] == nil }) {
                    for m in group { assigned[m] = nil }
                }
            }
            if let h = labelFromScratch(fixed: assigned, prior: prior(k: k)).hypothesis {
                for m in 0..<markerSet.count where assigned[m] == nil {
                    guard let b = h.blobForMarker[m], reacquisitionIsSafe(m, blob: b, k: k) else { continue }
                    assigned[m] = b
                    relabelled.insert(m)
                }
            }
            if assigned.contains(where: { $0 == nil }) {
                // Still short of markers with LEDs to spare: a held marker may sit on another's
                // LED (after a jump of the picture, say), so that the rest never fit around it.
                framesSinceVerify += 1
                if framesSinceVerify >= settings.verifyInterval {
                    framesSinceVerify = 0
                    verifyPartial(&assigned, relabelled: &relabelled)
                }
            }
        } else if held == markerSet.count {
            framesSinceVerify += 1
            if framesSinceVerify >= settings.verifyInterval {
                framesSinceVerify = 0
                verify(&assigned, relabelled: &relabelled, image: image, levels: lv, fullScan: &fullScan)
            }
        }
    }

    /// Labels this frame's blobs from the body's shape (the view's labeller), with `fixed`
    /// markers pinned to their blobs and the learnt segment lengths as the reference; remembers
    /// why markers were left out.
    mutating func labelFromScratch(fixed: [Int?]?, prior: LabelPrior? = nil) -> LabelAttempt {
        let reference = lengths.hasLengths ? lengths.lengths : nil
        let attempt: LabelAttempt
        switch markerSet.view {
        case .side:
            attempt = SideLabeller().attempt(blobs, knownForward: forward, fixed: fixed, reference: reference, prior: prior)
        case .rear:
            attempt = RearLabeller().attempt(blobs, fixed: fixed, reference: reference, prior: prior)
        }
        lastFailure = attempt.failure ?? attempt.hypothesis?.unsure
        return attempt
    }

    /// The live tracks' predictions as a continuity prior for re-finding markers (not those of
    /// markers bridged together with another of their limb: see `mayUseGate`).
    func prior(k: Double) -> LabelPrior {
        let expected = tracks.indices.map { m in bridgedWithLimb(m) ? nil : tracks[m].map { predicted($0, k: k) } }
        let scale = markerSet.view == .rear ? settings.rearPriorScale : settings.sidePriorScale
        return LabelPrior(expected: expected, scaleX: scale.x, scaleY: scale.y)
    }

    /// Checks the tracks against a from-scratch labelling of the whole frame.
    mutating func verify(_ assigned: inout [Int?], relabelled: inout Set<Int>, image: LumaImage,
                                 levels: ExposureLevels, fullScan: inout Bool) {
        rescanWholeFrame(image, levels: levels, assigned: &assigned, fullScan: &fullScan)
        guard let h = labelFromScratch(fixed: nil).hypothesis else { return }
        lastFailure = nil
        if markerSet.view == .rear {
            // A marker the shape is sure of sits elsewhere than its track: weigh both readings
            // over the next frames rather than trust one frame.
            let disputed = (0..<markerSet.count).contains { m in h.blobForMarker[m].map { $0 != assigned[m] } ?? false }
            if disputed { contest(assigned) }
            return
        }
        if h.blobForMarker == assigned {
            disagreements = 0
            return
        }
        disagree(h, &assigned, relabelled: &relabelled)
    }

    /// One more confident disagreement of a whole-frame labelling with the tracks; the second in
    /// a row replaces them.
    mutating func disagree(_ h: LabelHypothesis, _ assigned: inout [Int?], relabelled: inout Set<Int>) {
        disagreements += 1
        if disagreements >= 2 {
            disagreements = 0
            assigned = h.blobForMarker
            relabelled = Set(0..<markerSet.count)
        }
    }

    /// While some markers stay lost though the frame has spare spots: checks the held markers
    /// against a from-scratch labelling of the whole frame (already scanned). One that labels at
    /// least as many markers and disagrees with a held one, or finds more, twice in a row,
    /// replaces the tracks: held markers that keep the others from fitting are released.
    mutating func verifyPartial(_ assigned: inout [Int?], relabelled: inout Set<Int>) {
        guard let h = labelFromScratch(fixed: nil).hypothesis else { return }
        lastFailure = nil
        var held = 0, found = 0, agree = true
        for m in 0..<markerSet.count {
            if assigned[m] != nil { held += 1 }
            if h.blobForMarker[m] != nil { found += 1 }
            if let b = assigned[m], let c = h.blobForMarker[m], b != c { agree = false }
        }
        guard found >= held, !agree || found > held else {
            disagreements = 0
            return
        }
        disagree(h, &assigned, relabelled: &relabelled)
    }
}
