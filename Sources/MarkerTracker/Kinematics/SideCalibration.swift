/// What a standing trial (or the athlete's known leg length) tells the angles and distances.
///
/// Offsets are the standing values subtracted from the raw angles (degrees): `neutralAnkle` and
/// `neutralFoot` from ankle dorsiflexion and foot angle, `standingTrunkLean` from trunk lean (and
/// so from hip flexion, thigh plus trunk lean), `standingObliquity` from the rear view's pelvic
/// obliquity (a pelvis level in standing reads 0). `centimetresPerPixel` turns side-view image
/// distances into centimetres for overstride and vertical oscillation; `scaleSource` says where it
/// came from (`leg-length`, or `known-distance`); `standingAt` is the session second whose
/// standing moment it was taken from. The calibration is applied on top of the raw angles
/// (`applied(to:view:)`), so the recorded raw angles stay as measured and a session can be
/// calibrated again later.
public struct SideCalibration: Sendable, Hashable, Codable {
    public var neutralAnkle: Double
    public var neutralFoot: Double
    public var centimetresPerPixel: Double?
    public var standingTrunkLean: Double
    public var standingObliquity: Double
    public var scaleSource: String?
    public var standingAt: Double?
    /// Made after the recording (`gaitlive calibrate`): the recorded strides tables hold the
    /// numbers of the calibration in force while recording, so strides are measured again from
    /// the stored markers.
    public var recalibrated: Bool

    public init(neutralAnkle: Double = 0, neutralFoot: Double = 0, centimetresPerPixel: Double? = nil,
                standingTrunkLean: Double = 0, standingObliquity: Double = 0, scaleSource: String? = nil,
                standingAt: Double? = nil, recalibrated: Bool = false) {
        self.recalibrated = recalibrated
        self.neutralAnkle = neutralAnkle
        self.neutralFoot = neutralFoot
        self.centimetresPerPixel = centimetresPerPixel
        self.standingTrunkLean = standingTrunkLean
        self.standingObliquity = standingObliquity
        self.scaleSource = scaleSource
        self.standingAt = standingAt
    }

    public static let none = SideCalibration()

    enum CodingKeys: String, CodingKey {
        case neutralAnkle, neutralFoot, centimetresPerPixel, standingTrunkLean, standingObliquity, scaleSource, standingAt, recalibrated
    }

    /// Reads old sessions too: a field they lack is 0 (or absent).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        neutralAnkle = try c.decodeIfPresent(Double.self, forKey: .neutralAnkle) ?? 0
        neutralFoot = try c.decodeIfPresent(Double.self, forKey: .neutralFoot) ?? 0
        centimetresPerPixel = try c.decodeIfPresent(Double.self, forKey: .centimetresPerPixel)
        standingTrunkLean = try c.decodeIfPresent(Double.self, forKey: .standingTrunkLean) ?? 0
        standingObliquity = try c.decodeIfPresent(Double.self, forKey: .standingObliquity) ?? 0
        scaleSource = try c.decodeIfPresent(String.self, forKey: .scaleSource)
        standingAt = try c.decodeIfPresent(Double.self, forKey: .standingAt)
        recalibrated = try c.decodeIfPresent(Bool.self, forKey: .recalibrated) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(neutralAnkle, forKey: .neutralAnkle)
        try c.encode(neutralFoot, forKey: .neutralFoot)
        // Written as null when absent, as before.
        try c.encode(centimetresPerPixel, forKey: .centimetresPerPixel)
        try c.encode(standingTrunkLean, forKey: .standingTrunkLean)
        try c.encode(standingObliquity, forKey: .standingObliquity)
        try c.encodeIfPresent(scaleSource, forKey: .scaleSource)
        try c.encodeIfPresent(standingAt, forKey: .standingAt)
        if recalibrated { try c.encode(true, forKey: .recalibrated) }
    }

    /// The raw angles of a frame of `view` with the standing offsets taken off.
    public func applied(to raw: AngleSet, view: CameraView) -> AngleSet {
        guard self != .none else { return raw }
        var a = raw
        switch view {
        case .side:
            if let v = raw[.ankleDorsiflexion] { a[.ankleDorsiflexion] = AngleMath.wrap(v - neutralAnkle) }
            if let v = raw[.footAngle] { a[.footAngle] = AngleMath.wrap(v - neutralFoot) }
            if let v = raw[.trunkLean] { a[.trunkLean] = AngleMath.wrap(v - standingTrunkLean) }
            if let v = raw[.hipFlexion] { a[.hipFlexion] = AngleMath.wrap(v - standingTrunkLean) }
        case .rear:
            if let v = raw[.pelvicObliquity] { a[.pelvicObliquity] = AngleMath.wrap(v - standingObliquity) }
        }
        return a
    }

    /// What this calibration changes, in words, for the report: one item per calibrated number.
    public var calibratedItems: [String] {
        var items: [String] = []
        func deg(_ v: Double) -> String { "\(((v * 10).rounded() / 10)) deg" }
        if neutralAnkle != 0 || neutralFoot != 0 {
            items.append("ankle dorsiflexion from its standing value (\(deg(neutralAnkle)))")
            items.append("foot angle from its standing value (\(deg(neutralFoot)))")
        }
        if standingTrunkLean != 0 { items.append("trunk lean and hip flexion from the standing trunk (\(deg(standingTrunkLean)))") }
        if standingObliquity != 0 { items.append("pelvic obliquity and drop from the standing pelvis (\(deg(standingObliquity)))") }
        if let s = centimetresPerPixel {
            let from = scaleSource == "known-distance" ? "a known distance between two LEDs" : "the leg length, standing"
            items.append("centimetres (overstride, vertical oscillation) at \((s * 1000).rounded() / 1000) cm/px from \(from)")
        }
        return items
    }
}
