public import MarkerTracker

/// How far one run's angles are from another's on the same frames: the tracker on a degraded
/// picture (JPEG, blur, gain: `CameraPicture`) against the same frames drawn ideally, or either
/// against the truth. Per angle, the RMS difference over the frames where both have it, the
/// largest difference, and the frames where only one of the two has it.
public struct AngleAgreement: Sendable {
    public struct Figures: Sendable {
        public var frames = 0
        var sumSquares = 0.0
        public var largest = 0.0
        /// Frames measured in the reference run but not in the compared one.
        public var lost = 0
        /// Frames measured in the compared run but not in the reference.
        public var gained = 0

        /// RMS difference, degrees (0 when no frame had both).
        public var rms: Double { frames == 0 ? 0 : (sumSquares / Double(frames)).squareRoot() }
    }

    public let view: CameraView
    public private(set) var byAngle: [AngleKind: Figures] = [:]

    public init(view: CameraView) { self.view = view }

    /// Adds one frame: `compared` against `reference`.
    public mutating func add(_ compared: AngleSet, reference: AngleSet) {
        for k in AngleKind.kinds(for: view) {
            var f = byAngle[k] ?? Figures()
            switch (compared[k], reference[k]) {
            case let (c?, r?):
                let d = c - r
                f.frames += 1
                f.sumSquares += d * d
                f.largest = max(f.largest, abs(d))
            case (nil, _?): f.lost += 1
            case (_?, nil): f.gained += 1
            case (nil, nil): break
            }
            byAngle[k] = f
        }
    }

    public mutating func merge(_ other: AngleAgreement) {
        for (k, o) in other.byAngle {
            var f = byAngle[k] ?? Figures()
            f.frames += o.frames
            f.sumSquares += o.sumSquares
            f.largest = max(f.largest, o.largest)
            f.lost += o.lost
            f.gained += o.gained
            byAngle[k] = f
        }
    }

    /// The angle with the largest RMS difference, and that RMS.
    public var worst: (kind: AngleKind, rms: Double)? {
        byAngle.filter { $0.value.frames > 0 }.max { $0.value.rms < $1.value.rms }.map { ($0.key, $0.value.rms) }
    }

    /// RMS over every angle's frames together.
    public var pooledRMS: Double {
        let n = byAngle.values.reduce(0) { $0 + $1.frames }
        return n == 0 ? 0 : (byAngle.values.reduce(0) { $0 + $1.sumSquares } / Double(n)).squareRoot()
    }

    public var largest: Double { byAngle.values.map(\.largest).max() ?? 0 }
    public var lost: Int { byAngle.values.reduce(0) { $0 + $1.lost } }
}
