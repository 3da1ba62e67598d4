import MarkerTracker
@testable import CaptureKit

/// Rendered frames of one virtual camera through the live per-camera pipeline (`ViewProcessor`),
/// compared with the frames' ground truth: marker identity and centroid error, angle error (raw
/// and zero-lag filtered), events.
struct ImageRun {
    var frames = 0
    var markerFrames = 0
    var detected = 0
    var swaps = 0
    var centroidSquares = 0.0
    /// Per angle kind: squared errors of raw and of zero-lag filtered angles, and counts.
    var rawSquares: [AngleKind: (Double, Int)] = [:]
    var filteredSquares: [AngleKind: (Double, Int)] = [:]
    /// Angles measured where the truth has none, or missing where the truth has one.
    var missingAngles = 0
    var detectedEvents: [GaitEvent] = []
    var trueEvents: [GaitEvent] = []
    var strides: [StrideMetrics] = []
    /// The first frame at which every marker was labelled (`tracking`), nil if never.
    var acquiredAt: Int?
    /// Marker-frames and those detected at the right LED from `acquiredAt` on.
    var markerFramesAfterAcquisition = 0
    var detectedAfterAcquisition = 0
    /// Per angle kind: frames from `acquiredAt` on with the angle measured where the truth has one.
    var measuredAfterAcquisition: [AngleKind: Int] = [:]

    init(view: CameraView, count: Int, fps: Double, markerSide: BodySide, legLengthCm: Double?,
         render: (Int) -> Frame) {
        var processor = ViewProcessor(view: view, markerSide: markerSide, legLengthCm: legLengthCm,
                                      clockOrigin: render(0).timestampNanoseconds)
        var raw: [AngleSet] = [], truthAngles: [AngleSet] = []
        for i in 0..<count {
            let f = render(i)
            let p = processor.process(f, inclinePercent: f.truth?.inclinePercent ?? 0)
            guard let truth = f.truth else { continue }
            frames += 1
            if acquiredAt == nil && p.tracked.status == .tracking { acquiredAt = i }
            let acquired = acquiredAt != nil
            for (m, marker) in p.tracked.markers.enumerated() {
                guard let t = truth.markers[m] else { continue }
                markerFrames += 1
                if acquired { markerFramesAfterAcquisition += 1 }
                guard let marker, marker.source == .detected else { continue }
                let d = marker.position.distance(to: t)
                if d > 4 { swaps += 1 } else { detected += 1; centroidSquares += d * d }
                if acquired && d <= 4 { detectedAfterAcquisition += 1 }
            }
            if acquired {
                for k in AngleKind.kinds(for: view) where truth.angles[k] != nil && p.angles[k] != nil {
                    measuredAfterAcquisition[k, default: 0] += 1
                }
            }
            raw.append(p.angles)
            truthAngles.append(truth.angles)
            detectedEvents += p.events
            strides += p.strides
            // Truth events carry this frame's number; the processor counts from 0 too.
            trueEvents += truth.events.map { e in var x = e; x.frame = i; return x }
        }
        let filtered = AngleSeriesFilter(sampleRateHz: fps)(raw)
        for i in 0..<raw.count {
            for k in AngleKind.kinds(for: view) {
                guard let t = truthAngles[i][k] else { continue }
                guard let r = raw[i][k] else { missingAngles += 1; continue }
                let e = AngleMath.wrap(r - t)
                rawSquares[k, default: (0, 0)].0 += e * e
                rawSquares[k, default: (0, 0)].1 += 1
                if let f = filtered[i][k] {
                    let ef = AngleMath.wrap(f - t)
                    filteredSquares[k, default: (0, 0)].0 += ef * ef
                    filteredSquares[k, default: (0, 0)].1 += 1
                }
            }
        }
    }

    var centroidRMS: Double { (centroidSquares / Double(max(1, detected))).squareRoot() }

    func rms(_ k: AngleKind, filtered: Bool = false) -> Double? {
        guard let (s, n) = (filtered ? filteredSquares : rawSquares)[k], n > 0 else { return nil }
        return (s / Double(n)).squareRoot()
    }

    /// Worst angle RMS error over the view's angles.
    func worstRMS(filtered: Bool = false) -> Double {
        rawSquares.keys.compactMap { rms($0, filtered: filtered) }.max() ?? .infinity
    }

    func summary(_ view: CameraView) -> String {
        let angles = AngleKind.kinds(for: view).compactMap { k -> String? in
            guard let r = rms(k), let f = rms(k, filtered: true) else { return nil }
            return "\(k.column) \(fmt(r))/\(fmt(f))"
        }.joined(separator: ", ")
        return "\(frames) frames, \(markerFrames) marker-frames, \(detected) detected, \(swaps) wrong, centroid RMS \(fmt(centroidRMS, 3)) px; "
            + "angle RMS raw/filtered (deg): \(angles); \(missingAngles) angles missing"
    }

    func fmt(_ v: Double, _ d: Int = 2) -> String {
        let p = d == 3 ? 1000.0 : 100.0
        return String((v * p).rounded() / p)
    }
}
