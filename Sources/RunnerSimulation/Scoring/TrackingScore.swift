public import MarkerTracker
public import CaptureKit

/// How well a tracker did on simulated frames, against their ground truth.
///
/// Per marker and frame: a marker reported as detected within `tolerance` pixels of its own LED
/// counts as detected (and its error enters the centroid RMS); a marker reported as detected
/// anywhere else, or while its own LED is hidden, is wrong: an identity swap or a false label.
/// Markers carried by prediction count apart (they are flagged, so never silent).
public struct TrackingScore: Sendable {
    public let view: CameraView
    /// Pixels from the true LED beyond which a detected marker is another LED.
    public var tolerance: Double
    public private(set) var frames = 0
    public private(set) var markerFrames = 0
    /// Marker-frames whose LED was lit and in view.
    public private(set) var visible = 0
    public private(set) var detected = 0
    /// Detected marker-frames whose blob was one half of two touching LEDs (confidence <= 0.6).
    public private(set) var detectedSplit = 0
    public private(set) var predicted = 0
    /// Marker-frames carried by prediction with enough confidence to enter an angle (at least
    /// `AngleCalculator`'s default minimum, 0.25) yet more than `tolerance` from the real LED.
    public private(set) var predictedAstray = 0
    public private(set) var wrong = 0
    /// Frames with every marker detected.
    public private(set) var completeFrames = 0
    private var squares = 0.0
    private var splitSquares = 0.0

    public init(view: CameraView, tolerance: Double = 4) {
        self.view = view
        self.tolerance = tolerance
    }

    public mutating func add(_ tracked: TrackedFrame, truth: FrameTruth) {
        frames += 1
        var complete = true
        for (m, marker) in tracked.markers.enumerated() {
            markerFrames += 1
            let real = m < truth.markers.count ? truth.markers[m] : nil
            if real != nil { visible += 1 }
            guard let marker else { complete = false; continue }
            switch marker.source {
            case .predicted:
                predicted += 1
                complete = false
                let actual = m < truth.projectedMarkers.count ? truth.projectedMarkers[m] : nil
                if marker.confidence >= AngleCalculator().minimumConfidence,
                   actual.map({ marker.position.distance(to: $0) > tolerance }) ?? true {
                    predictedAstray += 1
                }
            case .detected, .manual:
                guard let real, marker.position.distance(to: real) <= tolerance else {
                    wrong += 1
                    complete = false
                    continue
                }
                let d2 = (marker.position - real).lengthSquared
                detected += 1
                squares += d2
                if marker.confidence <= 0.6 {
                    detectedSplit += 1
                    splitSquares += d2
                }
            }
        }
        if complete { completeFrames += 1 }
    }

    public mutating func merge(_ other: TrackingScore) {
        frames += other.frames
        markerFrames += other.markerFrames
        visible += other.visible
        detected += other.detected
        detectedSplit += other.detectedSplit
        predicted += other.predicted
        predictedAstray += other.predictedAstray
        wrong += other.wrong
        completeFrames += other.completeFrames
        squares += other.squares
        splitSquares += other.splitSquares
    }

    /// Detected marker-frames over visible ones (0...1).
    public var detectionRate: Double { Double(detected) / Double(max(1, visible)) }

    /// Root-mean-square distance of detected markers from their true LEDs, pixels.
    public var centroidRMS: Double { (squares / Double(max(1, detected))).squareRoot() }

    /// The same over the markers measured on a split blob only.
    public var splitRMS: Double { (splitSquares / Double(max(1, detectedSplit))).squareRoot() }
}
