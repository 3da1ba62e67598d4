/// The standing calibration: finds the athlete standing still on the belt, averages the markers
/// over `averageSeconds` and turns the mean pose into a `SideCalibration`.
///
/// Fed frame by frame with each camera's tracked markers (`add`). The athlete counts as standing
/// when, over the last `averageSeconds` of every view fed, each marker was seen in at least
/// `presence` of the frames and moved less than `stillPixels` (its x and y ranges). A PT's key
/// press (`press`) takes the next full window with a looser threshold (`pressedStillPixels`): the
/// athlete stands, a little sway is allowed, a running athlete is still refused. Once calibrated
/// it stays calibrated (`result`); a new value means a new `StandingCalibration`.
///
/// From the mean pose (`measure`): the raw ankle dorsiflexion and foot angle (the neutral values),
/// the trunk lean (the trunk's vertical), the rear view's pelvic obliquity, and the side view's
/// centimetres per pixel, from the athlete's leg length (greater trochanter to floor: GT->KNE plus
/// KNE->ANK in pixels is 1 - 0.074 of it, as `StrideAnalyzer` reckons) or from a known distance
/// between two side-view LEDs. Pure; no clock: times are the frames' own seconds.
public struct StandingCalibration: Sendable {
    /// Where the centimetres come from.
    public enum Scale: Sendable, Hashable {
        /// Greater trochanter to floor, standing, centimetres.
        case legLength(centimetres: Double)
        /// A distance the PT measured between two side-view LEDs, centimetres.
        case knownDistance(SideMarker, SideMarker, centimetres: Double)
    }

    /// One frame of one view.
    public struct Sample: Sendable {
        public var time: Double
        public var markers: MarkerFrame
        public init(time: Double, markers: MarkerFrame) {
            self.time = time
            self.markers = markers
        }
    }

    public let views: [CameraView]
    public var scale: Scale?
    /// Largest x or y range of any marker over the window, pixels, for standing still.
    public var stillPixels = 3.0
    /// The same after a key press.
    public var pressedStillPixels = 12.0
    public var averageSeconds = 2.0
    /// Fraction of the window's frames each marker must be seen in.
    public var presence = 0.8
    public private(set) var samples: [CameraView: [Sample]] = [:]
    public private(set) var result: SideCalibration?
    /// Seconds of the newest frame when the PT pressed the key (the window must begin after it).
    public private(set) var pressedAt: Double?
    /// When the stillness was last judged (it is judged ten times a second, not every frame).
    var judgedAt = -Double.infinity

    public init(views: [CameraView] = CameraView.allCases, scale: Scale? = nil) {
        self.views = views
        self.scale = scale
    }

    /// The PT says the athlete stands: the next full window is taken with the looser threshold.
    public mutating func press() {
        pressedAt = views.compactMap { samples[$0]?.last?.time }.max() ?? 0
    }

    /// One frame of `view`; returns the calibration on the frame that completes it (once).
    @discardableResult
    public mutating func add(_ view: CameraView, time: Double, markers: MarkerFrame) -> SideCalibration? {
        guard result == nil, views.contains(view) else { return nil }
        var s = samples.removeValue(forKey: view) ?? []
        s.append(Sample(time: time, markers: markers))
        let keepFrom = time - averageSeconds * 1.05
        if let cut = s.firstIndex(where: { $0.time >= keepFrom }), cut > 0 { s.removeFirst(cut) }
        samples[view] = s
        guard time - judgedAt >= 0.1 || time < judgedAt else { return nil }
        judgedAt = time
        guard problem == nil else { return nil }
        let side = samples[.side].map { window($0) }
        let rear = samples[.rear].map { window($0) }
        let at = side?.first?.time ?? rear?.first?.time
        result = StandingCalibration.measure(side: side, rear: rear, scale: scale, at: at)
        return result
    }

    /// The newest `averageSeconds` of `s`.
    func window(_ s: [Sample]) -> [Sample] {
        guard let last = s.last else { return [] }
        return s.filter { $0.time > last.time - averageSeconds }
    }

    /// Why the athlete does not count as standing yet (nil: standing, or calibrated).
    public var problem: String? {
        guard result == nil else { return nil }
        for v in views {
            guard let s = samples[v], let first = s.first, let last = s.last,
                  last.time - first.time >= averageSeconds * 0.98 else {
                return "\(v.rawValue) camera: waiting for \(averageSeconds) s of frames"
            }
            if let p = pressedAt, window(s).first.map({ $0.time <= p }) ?? true {
                return "\(v.rawValue) camera: taking \(averageSeconds) s from the key press"
            }
            let limit = pressedAt == nil ? stillPixels : pressedStillPixels
            if let p = StandingCalibration.stillnessProblem(window(s), view: v, stillPixels: limit, presence: presence) {
                return "\(v.rawValue) camera: \(p)"
            }
        }
        return nil
    }

    /// Whether `samples` of `view` show an athlete standing still: nil if so, else what is wrong
    /// ("KNE seen in 40 % of the frames", "ANK moved 35 px").
    public static func stillnessProblem(_ samples: [Sample], view: CameraView, stillPixels: Double,
                                        presence: Double = 0.8) -> String? {
        let set = MarkerSet.standard(for: view)
        guard !samples.isEmpty else { return "no frames" }
        var worst: (label: String, range: Double)?
        for i in 0..<set.count {
            var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
            var seen = 0
            for s in samples {
                guard i < s.markers.count, let m = s.markers[i] else { continue }
                seen += 1
                minX = min(minX, m.position.x); maxX = max(maxX, m.position.x)
                minY = min(minY, m.position.y); maxY = max(maxY, m.position.y)
            }
            if Double(seen) < presence * Double(samples.count) {
                return "\(set.labels[i]) seen in \(Int((100 * Double(seen) / Double(samples.count)).rounded())) % of the frames"
            }
            let range = max(maxX - minX, maxY - minY)
            if range > (worst?.range ?? 0) { worst = (set.labels[i], range) }
        }
        if let w = worst, w.range >= stillPixels {
            return "\(w.label) moved \(Int(w.range.rounded())) px (standing still: under \(Int(stillPixels.rounded())) px)"
        }
        return nil
    }

    /// The mean position of each marker over `samples` (nil where never seen).
    public static func meanPose(_ samples: [Sample], count: Int) -> MarkerFrame {
        (0..<count).map { i -> TrackedMarker? in
            var x = 0.0, y = 0.0, n = 0.0
            for s in samples {
                guard i < s.markers.count, let m = s.markers[i] else { continue }
                x += m.position.x; y += m.position.y; n += 1
            }
            guard n > 0 else { return nil }
            return TrackedMarker(position: Point(x: x / n, y: y / n), confidence: 1, source: .detected)
        }
    }

    /// The calibration from standing frames of each view (either may be missing) taken at `at`
    /// seconds. The side view's facing comes from its feet (HEE->MT5 points forward).
    public static func measure(side: [Sample]?, rear: [Sample]?, scale: Scale?, at: Double? = nil) -> SideCalibration {
        var c = SideCalibration()
        c.standingAt = at
        if let side, !side.isEmpty {
            let pose = meanPose(side, count: MarkerSet.side.count)
            let p = { (m: SideMarker) in pose[m.rawValue]?.position }
            var forward = 1.0
            if let hee = p(.hee), let mt5 = p(.mt5) { forward = mt5.x >= hee.x ? 1 : -1 }
            let a = AngleCalculator(forward: forward).side(pose)
            c.neutralAnkle = a[.ankleDorsiflexion] ?? 0
            c.neutralFoot = a[.footAngle] ?? 0
            c.standingTrunkLean = a[.trunkLean] ?? 0
            switch scale {
            case .legLength(let cm)?:
                if let gt = p(.gt), let kne = p(.kne), let ank = p(.ank) {
                    let pixels = gt.distance(to: kne) + kne.distance(to: ank)
                    if pixels > 0 {
                        c.centimetresPerPixel = cm * (1 - StrideAnalyzer.ankleHeightFraction) / pixels
                        c.scaleSource = "leg-length"
                    }
                }
            case .knownDistance(let a, let b, let cm)?:
                if let pa = p(a), let pb = p(b), pa.distance(to: pb) > 0 {
                    c.centimetresPerPixel = cm / pa.distance(to: pb)
                    c.scaleSource = "known-distance"
                }
            case nil:
                break
            }
        }
        if let rear, !rear.isEmpty {
            let pose = meanPose(rear, count: MarkerSet.rear.count)
            c.standingObliquity = AngleCalculator().rear(pose)[.pelvicObliquity] ?? 0
        }
        return c
    }
}
