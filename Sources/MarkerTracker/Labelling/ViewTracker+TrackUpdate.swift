extension ViewTracker {
    // MARK: - updating the tracks and the frame's output

    /// Moves every track to its blob (or carries it by prediction for up to `maxBridgeFrames`),
    /// learns the LEDs' look from lone blobs, and builds the frame's markers with their
    /// confidence.
    mutating func updateTracks(_ assigned: [Int?], relabelled: Set<Int>, k: Double) -> MarkerFrame {
        var out = MarkerFrame(repeating: nil, count: markerSet.count)
        for m in 0..<markerSet.count {
            if let b = assigned[m] {
                out[m] = follow(m, to: blobs[b], relabelled: relabelled.contains(m), k: k)
            } else if var t = tracks[m] {
                t.missing += 1
                if t.missing > settings.maxBridgeFrames || t.age < 2 {
                    tracks[m] = nil
                } else {
                    let p = t.position + t.velocity * Double(t.missing) * k
                    // A guess fades with each unseen frame, and faster for a fast marker.
                    let speed = t.velocity.length * k
                    let confidence = settings.bridgedConfidence * decay(t.missing) / (1 + speed / settings.bridgedSpeedScale)
                    out[m] = TrackedMarker(position: p, confidence: confidence, source: .predicted)
                    tracks[m] = t
                }
            }
        }
        return out
    }

    /// Marker m's track moves to `blob`; returns the detected marker. Its confidence falls with
    /// the distance from the prediction in gate units (a relabelled marker has none).
    mutating func follow(_ m: Int, to blob: Blob, relabelled: Bool, k: Double) -> TrackedMarker {
        let p = blob.centroid
        var confidence = settings.labelledConfidence
        let oldMass = tracks[m]?.mass ?? 0
        if let t = tracks[m], !relabelled {
            let predicted = t.position + t.velocity * Double(t.missing + 1) * k
            let gate = gateRadius(t, k: k)
            let d = p.distance(to: predicted)
            confidence = max(settings.detectedConfidenceFloor, 1 - 0.5 * (d / gate) * (d / gate))
            let steps = Double(t.missing + 1) * k
            tracks[m] = Track(position: p, velocity: (p - t.position) / steps, missing: 0, age: t.age + 1)
        } else if let t = tracks[m], t.missing <= settings.maxBridgeFrames, p.distance(to: t.position) < settings.rejoinDistance {
            let steps = Double(t.missing + 1) * k
            tracks[m] = Track(position: p, velocity: (p - t.position) / steps, missing: 0, age: 1)
        } else {
            tracks[m] = Track(position: p, velocity: .zero, missing: 0, age: 0)
        }
        if blob.isSplit {
            confidence = min(confidence, settings.splitConfidence)
            tracks[m]?.mass = oldMass
        } else {
            learnLight(m, of: blob, oldMass: oldMass)
        }
        ledPeak = ledPeak * (1 - settings.ledShapeRate) + Double(blob.peak) * settings.ledShapeRate
        return TrackedMarker(position: p, confidence: confidence, source: .detected)
    }

    /// Learns what an LED looks like from a lone (unsplit) blob: marker m's usual light, the
    /// view's typical LED light and spot radius.
    mutating func learnLight(_ m: Int, of blob: Blob, oldMass: Double) {
        let markerRate = settings.markerLightRate, ledRate = settings.ledLightRate
        tracks[m]?.mass = oldMass == 0 ? blob.mass
            : oldMass * (1 - markerRate) + min(blob.mass, settings.markerLightClip * oldMass) * markerRate
        ledMass = ledMass == 0 ? blob.mass : ledMass * (1 - ledRate) + min(blob.mass, settings.ledLightClip * ledMass) * ledRate
        // A round spot's light spreads sigma x sqrt(2) from its centre.
        let sigma = min(settings.ledSigmaRange.upperBound, max(settings.ledSigmaRange.lowerBound, blob.spread / 2.0.squareRoot()))
        ledSigma = ledSigma * (1 - settings.ledShapeRate) + sigma * settings.ledShapeRate
    }

    /// `bridgedConfidenceDecay` to the power n.
    func decay(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= settings.bridgedConfidenceDecay }
        return r
    }

    /// The frame's status from its markers.
    func status(of out: MarkerFrame) -> TrackingStatus {
        var detected = 0
        for case let marker? in out where marker.source == .detected { detected += 1 }
        if blobs.isEmpty && out.allSatisfy({ $0 == nil }) { return .noMarkers }
        if detected == markerSet.count { return .tracking }
        if out.contains(where: { $0 != nil }) { return .partial }
        return .searching
    }

    /// Spots of a whole-frame scan that are neither a marker's blob nor near where a marker is
    /// expected.
    func countStrayLights(_ assigned: [Int?], k: Double) -> Int {
        var strays = 0
        for i in 0..<blobs.count where !assigned.contains(i) {
            var near = false
            for m in 0..<markerSet.count where tracks[m] != nil && m < preds.count {
                if gateCost(blobs[i].centroid, marker: m, k: k).isFinite { near = true }
            }
            if !near { strays += 1 }
        }
        return strays
    }
}
