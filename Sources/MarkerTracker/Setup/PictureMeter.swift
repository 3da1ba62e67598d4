/// What the setup screen needs of a camera's frames over time, measured on the capture thread
/// with every frame (`LiveSession`): the background's mean brightness (for `FlickerCheck`), the
/// fast LEDs' streaks (for `MotionBlurCheck`), each over the last `capacity` frames, and on the
/// rear camera the heels' drift in the first half of each stance (for `BeltAxisCheck`).
///
/// Cost per frame: a 1-in-64 sample of the picture and a 21 x 21 window per fast marker.
public struct PictureMeter: Sendable {
    /// Frames kept (2.1 s at 120 fps).
    public static let capacity = 256
    /// Sampling step of the background mean, pixels in x and y.
    static let step = 8

    private var levels: SampleRing<(time: Double, level: Double)>
    private var streakRing: SampleRing<(length: Double, speed: Double)>
    private var previous: MarkerFrame?
    /// Scratch space of `MotionBlurCheck.streak`.
    private var border: [Int] = []
    /// Rear view: both heels' detected positions by stream frame, the last contact per leg, and
    /// the drift direction of each stance (degrees from straight down the picture).
    private var heels: SampleRing<(left: Point?, right: Point?)>
    private var contact: [BodySide: Int] = [:]
    private var driftRing: SampleRing<(side: BodySide, degrees: Double)>
    private let view: CameraView?

    /// `view`: the camera's view (the rear one also measures the heels' drift).
    public init(view: CameraView? = nil) {
        self.view = view
        levels = SampleRing(capacity: Self.capacity, filler: (0, 0))
        streakRing = SampleRing(capacity: Self.capacity, filler: (0, 0))
        heels = SampleRing(capacity: Self.capacity, filler: (nil, nil))
        driftRing = SampleRing(capacity: 32, filler: (.left, 0))
    }

    /// Adds one frame taken at `time` seconds, with its tracked markers; `frame` (the stream's
    /// frame number) and `events` (those reported with this frame) for the rear view's heels.
    public mutating func add(image: LumaImage, markers: MarkerFrame, time: Double, frame: Int = 0, events: [GaitEvent] = []) {
        if view == .rear { addHeels(markers, frame: frame, events: events) }
        var sum = 0, n = 0
        var y = Self.step / 2
        while y < image.height {
            var x = Self.step / 2
            while x < image.width {
                // LEDs and glare are not the room's light.
                let v = Int(image[x, y])
                if v < 200 { sum += v; n += 1 }
                x += Self.step
            }
            y += Self.step
        }
        if n > 0 { levels.append((time, Double(sum) / Double(n))) }
        if let previous, previous.count == markers.count {
            for (a, b) in zip(previous, markers) {
                guard let a, let b, a.source == .detected, b.source == .detected else { continue }
                let v = b.position - a.position
                guard v.length >= MotionBlurCheck.fastest,
                      let l = MotionBlurCheck.streak(in: image, at: b.position, direction: v, border: &border) else { continue }
                streakRing.append((l, v.length))
            }
        }
        previous = markers
    }

    mutating func addHeels(_ markers: MarkerFrame, frame n: Int, events: [GaitEvent]) {
        func detected(_ m: RearMarker) -> Point? {
            guard m.rawValue < markers.count, let t = markers[m.rawValue], t.source == .detected else { return nil }
            return t.position
        }
        // Frames are numbered from 0 on: the ring's sample number is the frame.
        while heels.count < n { heels.append((nil, nil)) }
        if heels.count == n { heels.append((detected(.lhee), detected(.rhee))) }
        for e in events where e.view == .rear {
            switch e.kind {
            case .initialContact:
                contact[e.side] = e.frame
            case .midstance:
                guard let c = contact[e.side], c < e.frame, heels.holds(c), heels.holds(e.frame) else { continue }
                contact[e.side] = nil
                let a = e.side == .left ? heels[c].left : heels[c].right
                let b = e.side == .left ? heels[e.frame].left : heels[e.frame].right
                guard let a, let b, (b - a).length >= 2 else { continue }
                driftRing.append((e.side, AngleMath.atan2Degrees(b.x - a.x, b.y - a.y)))
            case .toeOff:
                break
            }
        }
    }

    /// Background mean brightness per frame, oldest first.
    public var backgroundLevels: [(time: Double, level: Double)] { (levels.first..<levels.count).map { levels[$0] } }
    /// Fast LEDs' streaks, oldest first.
    public var streaks: [(length: Double, speed: Double)] { (streakRing.first..<streakRing.count).map { streakRing[$0] } }
    /// Rear view: the heels' drift in the first half of each recent stance, degrees from straight
    /// down the picture (+: toward image right), with the leg, oldest first.
    public var heelDrifts: [(side: BodySide, degrees: Double)] { (driftRing.first..<driftRing.count).map { driftRing[$0] } }
}
