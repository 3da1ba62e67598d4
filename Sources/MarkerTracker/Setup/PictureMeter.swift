/// What the setup screen needs of a camera's frames over time, measured on the capture thread
/// with every frame (`LiveSession`): the background's mean brightness (for `FlickerCheck`) and
/// the fast LEDs' streaks (for `MotionBlurCheck`), each over the last `capacity` frames.
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

    public init() {
        levels = SampleRing(capacity: Self.capacity, filler: (0, 0))
        streakRing = SampleRing(capacity: Self.capacity, filler: (0, 0))
    }

    /// Adds one frame taken at `time` seconds, with its tracked markers.
    public mutating func add(image: LumaImage, markers: MarkerFrame, time: Double) {
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
                      let l = MotionBlurCheck.streak(in: image, at: b.position, direction: v) else { continue }
                streakRing.append((l, v.length))
            }
        }
        previous = markers
    }

    /// Background mean brightness per frame, oldest first.
    public var backgroundLevels: [(time: Double, level: Double)] { (levels.first..<levels.count).map { levels[$0] } }
    /// Fast LEDs' streaks, oldest first.
    public var streaks: [(length: Double, speed: Double)] { (streakRing.first..<streakRing.count).map { streakRing[$0] } }
}
