extension ViewTracker {
    // MARK: - detection: where the LED spots are

    /// The exposure levels for this frame: re-estimated every `levelsInterval` frames (and at
    /// once after a frame without spots).
    mutating func refreshLevels(_ image: LumaImage) -> ExposureLevels {
        framesSinceLevels += 1
        if levels == nil || framesSinceLevels >= settings.levelsInterval {
            levels = ExposureLevels.estimate(image, ledPeak: ledPeak, histogram: &histogram)
            framesSinceLevels = 0
        }
        return levels!
    }

    /// Detects this frame's blobs: only in windows around the predictions while every marker is
    /// tracked (and no blob is cut by a window's edge), over the whole frame otherwise. Returns
    /// whether the whole frame was scanned.
    mutating func detectBlobs(_ image: LumaImage, levels: ExposureLevels, k: Double, everyMarkerTracked: Bool) -> Bool {
        blobs.removeAll(keepingCapacity: true)
        if everyMarkerTracked && detectInWindows(image, levels: levels, k: k) { return false }
        detector.detect(in: image, levels: levels, into: &blobs)
        return true
    }

    /// A marker left its window: look at the whole frame before giving up on it (unless the
    /// windows already hold many spare spots), and assign again.
    mutating func lookAtWholeFrameIfLost(_ image: LumaImage, levels: ExposureLevels, k: Double, assigned: inout [Int?],
                                         fullScan: inout Bool) {
        guard !fullScan && assigned.contains(where: { $0 == nil }) && blobs.count < markerSet.count + 4 else { return }
        fullScan = true
        blobs.removeAll(keepingCapacity: true)
        detector.detect(in: image, levels: levels, into: &blobs)
        assignToPredictions(image, levels: levels, k: k, into: &assigned)
    }

    /// Detects in merged windows around the predictions. Returns false when a blob touches a
    /// window edge (it may be cut), so the caller falls back to a full scan.
    mutating func detectInWindows(_ image: LumaImage, levels: ExposureLevels, k: Double) -> Bool {
        windows.removeAll(keepingCapacity: true)
        for case let t? in tracks {
            // The gate plus an LED's reach, so a blob centred anywhere in the gate lies inside.
            let (rx, ry) = gateRadii(t, k: k)
            let c = predicted(t, k: k)
            let cx = Int(c.x.rounded()), cy = Int(c.y.rounded())
            let hx = Int(rx.rounded(.up)) + settings.windowMargin, hy = Int(ry.rounded(.up)) + settings.windowMargin
            var w = PixelRect(minX: cx - hx, minY: cy - hy, maxX: cx + hx, maxY: cy + hy)
                .clamped(width: image.width, height: image.height)
            if w.isEmpty { return false }
            // Merge with any overlapping window so no blob is split between two.
            var merged = true
            while merged {
                merged = false
                if let i = windows.firstIndex(where: { $0.expanded(by: settings.windowMergeDistance).intersects(w) }) {
                    w = w.union(windows.remove(at: i))
                    merged = true
                }
            }
            windows.append(w)
        }
        for wi in 0..<windows.count {
            let w = windows[wi]
            let start = blobs.count
            detector.detect(in: image, levels: levels, region: w, into: &blobs)
            for b in blobs[start...] {
                let touches = (b.bounds.minX == w.minX && w.minX > 0) || (b.bounds.minY == w.minY && w.minY > 0)
                    || (b.bounds.maxX == w.maxX && w.maxX < image.width - 1)
                    || (b.bounds.maxY == w.maxY && w.maxY < image.height - 1)
                if touches {
                    blobs.removeAll(keepingCapacity: true)
                    return false
                }
            }
        }
        return true
    }

    /// Replaces window detections by a whole-frame scan, keeping each held marker on its blob.
    mutating func rescanWholeFrame(_ image: LumaImage, levels: ExposureLevels, assigned: inout [Int?],
                                           fullScan: inout Bool) {
        guard !fullScan else { return }
        fullScan = true
        let keep = assigned.map { $0.map { blobs[$0].centroid } } // rare path: allocation is fine
        blobs.removeAll(keepingCapacity: true)
        detector.detect(in: image, levels: levels, into: &blobs)
        assigned = keep.map { p in
            p.flatMap { old in
                blobs.indices.min { blobs[$0].centroid.distance(to: old) < blobs[$1].centroid.distance(to: old) }
                    .flatMap { blobs[$0].centroid.distance(to: old) < settings.rescanMatchDistance ? $0 : nil }
            }
        }
    }

    /// Splits blobs that hold two LEDs (much more light than the markers near them usually give,
    /// and two predictions in gate); marks the ones that cannot be parted as `forbidden`.
    mutating func splitMergedBlobs(_ image: LumaImage, levels: ExposureLevels, k: Double) {
        forbidden.removeAll(keepingCapacity: true)
        forbidden.append(contentsOf: repeatElement(false, count: blobs.count))
        let original = blobs.count
        for i in 0..<original where !blobs[i].isSplit {
            // Markers that could be in this blob: gated to it, or predicted inside its box (a
            // merged blob's centre lies between its two LEDs, maybe outside both gates).
            let c = blobs[i].centroid
            let box = blobs[i].bounds.expanded(by: 2)
            var best = -1, second = -1
            var bestCost = Double.infinity, secondCost = Double.infinity
            for m in 0..<markerSet.count {
                guard let q = preds[m] else { continue }
                var g = gateCost(c, marker: m, k: k)
                if !g.isFinite && box.contains(q) { g = 1 + q.distance(to: c) }
                guard g.isFinite else { continue }
                if g < bestCost {
                    second = best
                    secondCost = bestCost
                    best = m
                    bestCost = g
                } else if g < secondCost {
                    second = m
                    secondCost = g
                }
            }
            guard best >= 0, let pa = preds[best] else { continue }
            guard second >= 0, let pb = preds[second] else {
                // The light of two LEDs near one prediction only: the other LED's marker is lost
                // (or the spot is a stray light's). Its centre lies between the two, so it is
                // no one marker's; the other LED sits mirrored across the centre from ours.
                let usual = max(tracks[best]?.mass ?? 0, ledMass)
                guard usual > 0, blobs[i].mass > settings.mergedMassRatio * usual else { continue }
                let mirror = c * 2 - pa
                if let (p, q) = detector.split(blobs[i], in: image, levels: levels, seeds: (pa, mirror), sigma: ledSigma) {
                    blobs[i] = p
                    blobs.append(q)
                    forbidden.append(false)
                } else {
                    forbidden[i] = true
                }
                continue
            }
            let usual = max(tracks[best]?.mass ?? 0, tracks[second]?.mass ?? 0, ledMass)
            let heavy = usual > 0 && blobs[i].mass > settings.mergedMassRatio * usual
            // Two predictions closer than two spot widths, served by this blob alone: the LEDs
            // have run into each other even if the light does not show it clearly.
            let close = pa.distance(to: pb) < settings.touchingSpotWidths * ledSigma && onlyBlobInGate(i, of: second, k: k)
                && onlyBlobInGate(i, of: best, k: k)
            guard heavy || close else { continue }
            if let (p, q) = detector.split(blobs[i], in: image, levels: levels, seeds: (pa, pb), sigma: ledSigma) {
                blobs[i] = p
                blobs.append(q)
                forbidden.append(false)
            } else {
                forbidden[i] = true
            }
        }
    }
}
