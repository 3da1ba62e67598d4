import SessionStore
/// A 4:2:0 picture being annotated (luma plus quarter-size Cb and Cr planes, JPEG full range):
/// discs, lines, boxes and text in solid colours, for the annotated video export.
public struct PixelCanvas: Sendable {
    /// A colour as JPEG YCbCr.
    public struct Colour: Sendable, Equatable {
        public var y: UInt8
        public var cb: UInt8
        public var cr: UInt8

        /// From 8-bit RGB (JPEG / BT.601 full range).
        public init(red r: Double, green g: Double, blue b: Double) {
            func clamp(_ v: Double) -> UInt8 { UInt8(max(0, min(255, v.rounded()))) }
            y = clamp(0.299 * r + 0.587 * g + 0.114 * b)
            cb = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)
            cr = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)
        }

        public static let detected = Colour(red: 0, green: 230, blue: 60)
        public static let predicted = Colour(red: 255, green: 200, blue: 0)
        public static let manual = Colour(red: 0, green: 200, blue: 255)
        public static let segment = Colour(red: 255, green: 255, blue: 255)
        public static let text = Colour(red: 255, green: 255, blue: 255)
        public static let shadow = Colour(red: 0, green: 0, blue: 0)
    }

    public let width: Int
    public let height: Int
    public var luma: [UInt8]
    public var cb: [UInt8]
    public var cr: [UInt8]
    var chromaWidth: Int { (width + 1) / 2 }

    /// A grey picture from a luma plane (chroma neutral), or with the given chroma planes.
    public init(width: Int, height: Int, luma: [UInt8], cb: [UInt8]? = nil, cr: [UInt8]? = nil) {
        self.width = width
        self.height = height
        self.luma = luma
        let c = ((width + 1) / 2) * ((height + 1) / 2)
        self.cb = cb ?? [UInt8](repeating: 128, count: c)
        self.cr = cr ?? [UInt8](repeating: 128, count: c)
    }

    public mutating func set(_ x: Int, _ y: Int, _ c: Colour) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        luma[y * width + x] = c.y
        let i = (y / 2) * chromaWidth + x / 2
        cb[i] = c.cb
        cr[i] = c.cr
    }

    /// A filled disc centred on (x, y), image pixels.
    public mutating func disc(x: Double, y: Double, radius: Int, _ c: Colour) {
        let cx = Int(x.rounded()), cy = Int(y.rounded())
        for dy in -radius...radius {
            for dx in -radius...radius where dx * dx + dy * dy <= radius * radius + radius {
                set(cx + dx, cy + dy, c)
            }
        }
    }

    /// A line `thickness` pixels wide (Bresenham, thickened by offsets).
    public mutating func line(from a: (Double, Double), to b: (Double, Double), thickness: Int = 1, _ c: Colour) {
        var x0 = Int(a.0.rounded()), y0 = Int(a.1.rounded())
        let x1 = Int(b.0.rounded()), y1 = Int(b.1.rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        let half = thickness / 2
        var steps = 0
        while steps < 100_000 {
            for oy in -half...(thickness - 1 - half) { for ox in -half...(thickness - 1 - half) { set(x0 + ox, y0 + oy, c) } }
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
            steps += 1
        }
    }

    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, _ c: Colour) {
        for yy in y..<(y + h) { for xx in x..<(x + w) { set(xx, yy, c) } }
    }

    /// Text in the 5x7 `PixelFont` at `scale`, on a dark box so it reads on any picture.
    /// Returns the width drawn.
    @discardableResult
    public mutating func text(_ s: String, x: Int, y: Int, scale: Int = 1, _ c: Colour = .text) -> Int {
        let advance = 6 * scale
        let w = s.count * advance + scale
        box(x: x - scale, y: y - scale, width: w + scale, height: 9 * scale, .shadow)
        for (i, ch) in s.enumerated() {
            let rows = PixelFont.glyph(ch)
            for (ry, bits) in rows.enumerated() {
                for rx in 0..<5 where bits & (0x10 >> rx) != 0 {
                    box(x: x + i * advance + rx * scale, y: y + ry * scale, width: scale, height: scale, c)
                }
            }
        }
        return w
    }
}
