import Foundation
public import MarkerTracker

/// Draws what one virtual camera sees: dark room, treadmill, a dim body silhouette, the LEDs,
/// and sensor noise, into an 8-bit luma image.
///
/// LEDs are Gaussian spots bright enough to saturate at their core, sized by distance; the body
/// is drawn as capsules around its segments; noise is added last and clipped to 0...255. The
/// static background (room and treadmill) is cached per incline.
public struct SceneRenderer: Sendable {
    public let camera: VirtualCamera
    public var noise: NoiseTable
    var background: [UInt8] = []
    var backgroundIncline = Double.nan
    public let salt: UInt64
    /// The LEDs' light against the set-up (`CameraPicture.bloom`).
    public let bloom: Double

    /// Brightness levels of the scene.
    static let roomLevel = 14.0
    static let beltLevel = 34.0
    static let deckLevel = 26.0
    static let bodyLevel = 44.0
    static let farBodyLevel = 34.0

    public init(camera: VirtualCamera, noiseSigma: Double = CameraPicture.baseNoiseSigma, bloom: Double = 1, seed: UInt64) {
        self.camera = camera
        self.salt = seed ^ (camera.view == .side ? 0x51DE : 0x0EA5)
        self.bloom = bloom
        noise = NoiseTable(sigma: noiseSigma, seed: salt)
    }

    /// A renderer for `picture` (its noise and LED light); blur and JPEG are the camera's part.
    public init(camera: VirtualCamera, picture: CameraPicture, seed: UInt64) {
        self.init(camera: camera, noiseSigma: picture.noiseSigma, bloom: picture.bloom, seed: seed)
    }

    /// Renders `pose` for frame number `frame` (the noise pattern depends on it).
    /// `visible` selects which of the view's markers are lit (all when nil).
    /// `glare` rectangles are drawn nearly white (windows, streaks of light on the belt).
    /// `sceneLight` scales everything but the LEDs (flickering room light).
    /// `streaks`, per marker, the image positions the LED passes through while the shutter is
    /// open (motion blur, `CameraPicture.exposureMilliseconds`); nil draws each at its projection.
    public mutating func render(_ pose: BodyPose, frame: UInt64, visible: [Bool]? = nil,
                                extraSpots: [Point] = [], glare: [PixelRect] = [],
                                streaks: [[Point]]? = nil, sceneLight: Double = 1) -> LumaImage {
        if backgroundIncline != pose.inclinePercent || background.isEmpty {
            background = renderBackground(inclinePercent: pose.inclinePercent)
            backgroundIncline = pose.inclinePercent
        }
        var img = LumaImage(width: camera.width, height: camera.height, pixels: background)
        drawBody(pose, into: &img)
        if sceneLight != 1 {
            // The room's lamps flicker (`CameraPicture.sceneLight`); the LEDs drawn next do not.
            img.pixels.withUnsafeMutableBufferPointer { px in
                for i in px.indices { px[i] = UInt8(min(255, (Double(px[i]) * sceneLight).rounded())) }
            }
        }
        for r in glare {
            let c = r.clamped(width: img.width, height: img.height)
            guard !c.isEmpty else { continue }
            for y in c.minY...c.maxY { for x in c.minX...c.maxX { img[x, y] = 248 } }
        }
        // LEDs
        let markers = pose.markers(for: camera.view)
        var spots: [([Point], Double)] = []
        for (i, m) in markers.enumerated() where visible?[i] ?? true {
            guard let p = camera.project(m) else { continue }
            let sigma = max(0.85, 0.0062 * camera.focal / camera.depth(of: m))
            if let path = streaks?[i], !path.isEmpty { spots.append((path, sigma)) } else { spots.append(([p], sigma)) }
        }
        for p in extraSpots { spots.append(([p], 1.2)) }
        for (path, sigma) in spots { drawLED(along: path, sigma: sigma, into: &img) }
        addNoise(frame: frame, into: &img)
        return img
    }

    // MARK: - background

    func renderBackground(inclinePercent: Double) -> [UInt8] {
        let w = camera.width, h = camera.height
        var px = [UInt8](repeating: UInt8(SceneRenderer.roomLevel), count: w * h)
        // A faint vertical gradient (light from above).
        for y in 0..<h {
            let v = UInt8(SceneRenderer.roomLevel + 6 * Double(h - y) / Double(h))
            for x in 0..<w { px[y * w + x] = v }
        }
        let slope = inclinePercent / 100
        func belt(_ x: Double, _ z: Double, _ dy: Double = 0) -> Vector3 { Vector3(x, x * slope + dy, z) }
        let top = [belt(-0.85, -0.28), belt(0.85, -0.28), belt(0.85, 0.28), belt(-0.85, 0.28)]
        let frontFace = [belt(-0.85, 0.28), belt(0.85, 0.28), belt(0.85, 0.28, -0.14), belt(-0.85, 0.28, -0.14)]
        let backFace = [belt(-0.85, -0.28), belt(0.85, -0.28), belt(0.85, -0.28, -0.14), belt(-0.85, -0.28, -0.14)]
        let rearFace = [belt(-0.85, -0.28), belt(-0.85, 0.28), belt(-0.85, 0.28, -0.14), belt(-0.85, -0.28, -0.14)]
        for (quad, level) in [(backFace, SceneRenderer.deckLevel), (frontFace, SceneRenderer.deckLevel),
                              (rearFace, SceneRenderer.deckLevel), (top, SceneRenderer.beltLevel)] {
            let pts = quad.compactMap { camera.project($0) }
            guard pts.count == 4 else { continue }
            fillQuad(pts, level: UInt8(level), into: &px)
        }
        return px
    }

    func fillQuad(_ q: [Point], level: UInt8, into px: inout [UInt8]) {
        let w = camera.width, h = camera.height
        let minX = max(0, Int(q.map(\.x).min()!.rounded(.down))), maxX = min(w - 1, Int(q.map(\.x).max()!.rounded(.up)))
        let minY = max(0, Int(q.map(\.y).min()!.rounded(.down))), maxY = min(h - 1, Int(q.map(\.y).max()!.rounded(.up)))
        guard minX <= maxX, minY <= maxY else { return }
        // Orientation-independent inside test for a convex quad.
        var area = 0.0
        for i in 0..<4 { area += q[i].cross(q[(i + 1) % 4]) }
        let sign: Double = area >= 0 ? 1 : -1
        for y in minY...maxY {
            for x in minX...maxX {
                let p = Point(x: Double(x), y: Double(y))
                var inside = true
                for i in 0..<4 where (q[(i + 1) % 4] - q[i]).cross(p - q[i]) * sign < 0 {
                    inside = false
                    break
                }
                if inside { px[y * w + x] = level }
            }
        }
    }

    // MARK: - body

    func drawBody(_ pose: BodyPose, into img: inout LumaImage) {
        // Far side first, so the near side covers it.
        let nearSide: BodySide
        if camera.view == .side {
            nearSide = camera.position.z > 0 ? .right : .left
        } else {
            nearSide = .right
        }
        var capsules: [(Vector3, Vector3, Double, Double)] = []
        for s in [nearSide.opposite, nearSide] {
            let l = pose.leg(s)
            let level = camera.view == .side && s != nearSide ? SceneRenderer.farBodyLevel : SceneRenderer.bodyLevel
            capsules.append((l.hip, l.knee, 0.075, level))
            capsules.append((l.knee, l.ankle, 0.052, level))
            capsules.append((l.heel, l.toe, 0.045, level))
            if s != nearSide || camera.view == .rear {
                capsules.append((l.shoulder, l.elbow, 0.045, level))
                capsules.append((l.elbow, l.hand, 0.04, level))
            }
            if s == nearSide.opposite {
                capsules.append((pose.pelvis, pose.shoulderCentre, 0.14, SceneRenderer.bodyLevel))
                capsules.append((pose.head, pose.head, 0.105, SceneRenderer.bodyLevel))
            }
        }
        if camera.view == .side {
            let l = pose.leg(nearSide)
            capsules.append((l.shoulder, l.elbow, 0.045, SceneRenderer.bodyLevel + 4))
            capsules.append((l.elbow, l.hand, 0.04, SceneRenderer.bodyLevel + 4))
        }
        for (a, b, r, level) in capsules { drawCapsule(a, b, radius: r, level: level, into: &img) }
    }

    func drawCapsule(_ a3: Vector3, _ b3: Vector3, radius: Double, level: Double, into img: inout LumaImage) {
        guard let a = camera.project(a3), let b = camera.project(b3) else { return }
        let ra = radius * camera.focal / camera.depth(of: a3)
        let rb = radius * camera.focal / camera.depth(of: b3)
        let r = max(ra, rb)
        let minX = max(0, Int((min(a.x, b.x) - r - 1).rounded(.down)))
        let maxX = min(img.width - 1, Int((max(a.x, b.x) + r + 1).rounded(.up)))
        let minY = max(0, Int((min(a.y, b.y) - r - 1).rounded(.down)))
        let maxY = min(img.height - 1, Int((max(a.y, b.y) + r + 1).rounded(.up)))
        guard minX <= maxX, minY <= maxY else { return }
        let ab = b - a
        let len2 = max(1e-9, ab.lengthSquared)
        for y in minY...maxY {
            let row = y * img.stride
            for x in minX...maxX {
                let p = Point(x: Double(x), y: Double(y))
                let t = min(1, max(0, (p - a).dot(ab) / len2))
                let q = a + ab * t
                let rr = ra + (rb - ra) * t
                let d = (p - q).length - rr
                if d >= 1 { continue }
                // One-pixel soft edge.
                let cover = d <= 0 ? 1 : 1 - d
                let old = Double(img.pixels[row + x])
                let v = old + (level - old) * cover
                img.pixels[row + x] = UInt8(max(0, min(255, v.rounded())))
            }
        }
    }

    // MARK: - LEDs and noise

    /// Brightness of an LED's core and of its halo (grey levels with bloom 1, before clipping).
    static let ledCore = 420.0
    static let ledHalo = 18.0

    /// Draws one LED: a Gaussian core that saturates and a faint wide halo, times `bloom`. With
    /// more than one position, the light is shared evenly along them (the streak of an LED moving
    /// while the shutter is open).
    func drawLED(along path: [Point], sigma: Double, into img: inout LumaImage) {
        guard let first = path.first else { return }
        // The set-up's LEDs are drawn out to 4.5 sigma as they always were; brighter ones out to
        // where their halo fades below half a grey level.
        let extent = bloom > 1 ? max(4.5, 3 * (2 * log(2 * SceneRenderer.ledHalo * bloom)).squareRoot()) : 4.5
        let reach = Int((sigma * extent).rounded(.up)) + 1
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for p in path {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        let x0 = max(0, Int(minX.rounded()) - reach), x1 = min(img.width - 1, Int(maxX.rounded()) + reach)
        let y0 = max(0, Int(minY.rounded()) - reach), y1 = min(img.height - 1, Int(maxY.rounded()) + reach)
        guard x0 <= x1, y0 <= y1 else { return }
        let inv = 1 / (2 * sigma * sigma)
        let halo = 1 / (2 * 9 * sigma * sigma)
        let share = bloom / Double(path.count)
        for y in y0...y1 {
            for x in x0...x1 {
                var v = 0.0
                for p in path {
                    let dx = Double(x) - p.x, dy = Double(y) - p.y
                    let r2 = dx * dx + dy * dy
                    v += SceneRenderer.ledCore * exp(-r2 * inv) + SceneRenderer.ledHalo * exp(-r2 * halo)
                }
                let i = y * img.stride + x
                img.pixels[i] = UInt8(min(255, Double(img.pixels[i]) + v * share).rounded())
            }
        }
    }

    func addNoise(frame: UInt64, into img: inout LumaImage) {
        let n = noise.samples.count
        var o = noise.offset(frame: frame, salt: salt)
        let count = img.width * img.height
        noise.samples.withUnsafeBufferPointer { table in
            img.pixels.withUnsafeMutableBufferPointer { px in
                var i = 0
                while i < count {
                    let chunk = min(count - i, n - o)
                    for j in 0..<chunk {
                        let v = Int(px[i + j]) + Int(table[o + j])
                        px[i + j] = UInt8(truncatingIfNeeded: v < 0 ? 0 : (v > 255 ? 255 : v))
                    }
                    i += chunk
                    o = 0
                }
            }
        }
    }
}
