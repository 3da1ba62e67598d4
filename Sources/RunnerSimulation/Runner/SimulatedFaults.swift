public import MarkerTracker

/// Faults a clinic meets, switched into the simulated cameras on purpose: LEDs that go dark,
/// stray bright spots, reflections, an arm swinging over the hip LED, the athlete stepping off
/// the belt (every LED gone).
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
    /// Bright areas no LED looks like (a window, a streak of light on the belt), per view.
    public var glare: [CameraView: [PixelRect]] = [:]
    /// The runner carries the arms low with the elbows opening in the back swing, so the near
    /// hand passes over the hip: the side view's GT LED is hidden for a few frames every stride.
    public var lowArmCarriage = false

    public init(dropouts: [Dropout] = [], blackouts: [Blackout] = [], strayLights: [CameraView: [Point]] = [:],
                glare: [CameraView: [PixelRect]] = [:], lowArmCarriage: Bool = false) {
        self.dropouts = dropouts
        self.blackouts = blackouts
        self.strayLights = strayLights
        self.glare = glare
        self.lowArmCarriage = lowArmCarriage
    }

    /// Ready-made faults for tests, the accuracy benchmark and clinicians' training in the demo.
    public enum Preset: String, Sendable, CaseIterable {
        /// Low arm carriage: the near hand hides the GT LED every stride (side view).
        case armSwing = "arm-swing"
        /// A lamp and two reflections: three extra LED-like spots per view, one near the runner.
        case strayLights = "stray-lights"
        /// A bright window and a streak of light on the belt in each view.
        case glare
        /// One LED per view dark for half a second (side GT, rear left knee), a third into the run.
        case ledDropout = "led-dropout"
        /// Every LED gone for one second two thirds into the run (athlete off the belt), then back.
        case offBelt = "off-belt"
    }

    /// The faults of `presets` for a run of `seconds` with frames of `width` x `height`.
    public init(presets: [Preset], seconds: Double, width: Int, height: Int) {
        self.init()
        let w = Double(width), h = Double(height)
        for preset in Set(presets) {
            switch preset {
            case .armSwing:
                lowArmCarriage = true
            case .strayLights:
                strayLights[.side] = [Point(x: 0.1 * w, y: 0.12 * h), Point(x: 0.88 * w, y: 0.3 * h),
                                      Point(x: 0.7 * w, y: 0.55 * h)]
                strayLights[.rear] = [Point(x: 0.08 * w, y: 0.1 * h), Point(x: 0.9 * w, y: 0.45 * h),
                                      Point(x: 0.3 * w, y: 0.62 * h)]
            case .glare:
                func rect(_ x: Double, _ y: Double, _ rw: Double, _ rh: Double) -> PixelRect {
                    PixelRect(minX: Int(x * w), minY: Int(y * h), maxX: Int(x * w + rw * w), maxY: Int(y * h + rh * h))
                }
                let window = rect(0.04, 0.05, 0.12, 0.14)
                glare[.side] = [window, PixelRect(minX: Int(0.6 * w), minY: Int(0.9 * h), maxX: Int(0.75 * w), maxY: Int(0.9 * h) + 1)]
                glare[.rear] = [window, PixelRect(minX: Int(0.65 * w), minY: Int(0.93 * h), maxX: Int(0.8 * w), maxY: Int(0.93 * h) + 1)]
            case .ledDropout:
                dropouts.append(Dropout(view: .side, marker: SideMarker.gt.rawValue, start: seconds / 3, duration: 0.5))
                dropouts.append(Dropout(view: .rear, marker: RearMarker.lkne.rawValue, start: seconds / 3, duration: 0.5))
            case .offBelt:
                blackouts.append(Blackout(start: 2 * seconds / 3, duration: 1))
            }
        }
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
