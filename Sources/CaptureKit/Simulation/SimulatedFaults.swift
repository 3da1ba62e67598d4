public import MarkerTracker

/// Faults a clinic meets, switched into the simulated cameras on purpose: LEDs that go dark,
/// stray bright spots, the athlete stepping off the belt (every LED gone).
public struct SimulatedFaults: Sendable, Hashable {
    /// One LED of one view dark from `start` for `duration` seconds.
    public struct Dropout: Sendable, Hashable {
        public var view: CameraView
        public var marker: Int
        public var start: Double
        public var duration: Double
        public init(view: CameraView, marker: Int, start: Double, duration: Double) {
            self.view = view
            self.marker = marker
            self.start = start
            self.duration = duration
        }
    }

    /// Every LED of both views dark (athlete off the belt, or LEDs switched off).
    public struct Blackout: Sendable, Hashable {
        public var start: Double
        public var duration: Double
        public init(start: Double, duration: Double) {
            self.start = start
            self.duration = duration
        }
    }

    public var dropouts: [Dropout] = []
    public var blackouts: [Blackout] = []
    /// Fixed bright spots (reflections, a lamp) in image coordinates, per view.
    public var strayLights: [CameraView: [Point]] = [:]

    public init(dropouts: [Dropout] = [], blackouts: [Blackout] = [], strayLights: [CameraView: [Point]] = [:]) {
        self.dropouts = dropouts
        self.blackouts = blackouts
        self.strayLights = strayLights
    }

    /// Which of the view's markers are lit at time `t`.
    public func visibility(view: CameraView, time t: Double, markerCount: Int) -> [Bool] {
        if blackouts.contains(where: { t >= $0.start && t < $0.start + $0.duration }) {
            return [Bool](repeating: false, count: markerCount)
        }
        var v = [Bool](repeating: true, count: markerCount)
        for d in dropouts where d.view == view && t >= d.start && t < d.start + d.duration && d.marker < markerCount {
            v[d.marker] = false
        }
        return v
    }

    public func extraSpots(view: CameraView, time t: Double, width: Int, height: Int) -> [Point] {
        strayLights[view] ?? []
    }
}
