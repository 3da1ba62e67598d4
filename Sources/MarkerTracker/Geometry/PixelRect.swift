/// An axis-aligned pixel rectangle, inclusive of `minX...maxX` and `minY...maxY`.
///
/// Used for blob bounding boxes and the search windows of frame-to-frame tracking.
public struct PixelRect: Hashable, Sendable {
    public var minX: Int
    public var minY: Int
    public var maxX: Int
    public var maxY: Int

    public init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The whole image.
    public init(width: Int, height: Int) {
        self.init(minX: 0, minY: 0, maxX: width - 1, maxY: height - 1)
    }

    /// A square of half-size `radius` around `center`.
    public init(center: Point, radius: Int) {
        let cx = Int(center.x.rounded()), cy = Int(center.y.rounded())
        self.init(minX: cx - radius, minY: cy - radius, maxX: cx + radius, maxY: cy + radius)
    }

    public var width: Int { maxX - minX + 1 }
    public var height: Int { maxY - minY + 1 }
    public var isEmpty: Bool { maxX < minX || maxY < minY }

    public func clamped(width: Int, height: Int) -> PixelRect {
        PixelRect(minX: max(0, minX), minY: max(0, minY), maxX: min(width - 1, maxX), maxY: min(height - 1, maxY))
    }

    public func expanded(by d: Int) -> PixelRect {
        PixelRect(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d)
    }

    public func intersects(_ o: PixelRect) -> Bool {
        minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY
    }

    public func union(_ o: PixelRect) -> PixelRect {
        PixelRect(minX: min(minX, o.minX), minY: min(minY, o.minY), maxX: max(maxX, o.maxX), maxY: max(maxY, o.maxY))
    }

    public func contains(_ p: Point) -> Bool {
        p.x >= Double(minX) && p.x <= Double(maxX) && p.y >= Double(minY) && p.y <= Double(maxY)
    }
}
