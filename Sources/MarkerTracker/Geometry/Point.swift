/// A position or displacement in image coordinates: pixels, origin top-left, y down.
///
/// Used for blob centroids, marker positions and the vectors between markers (A->B is `b - a`).
public struct Point: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    @inlinable public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static let zero = Point(x: 0, y: 0)

    @inlinable public static func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }
    @inlinable public static func - (a: Point, b: Point) -> Point { Point(x: a.x - b.x, y: a.y - b.y) }
    @inlinable public static func * (a: Point, s: Double) -> Point { Point(x: a.x * s, y: a.y * s) }
    @inlinable public static func / (a: Point, s: Double) -> Point { Point(x: a.x / s, y: a.y / s) }

    /// Euclidean length of the vector, in pixels.
    @inlinable public var length: Double { (x * x + y * y).squareRoot() }

    /// Squared length: cheaper where only comparisons are needed.
    @inlinable public var lengthSquared: Double { x * x + y * y }

    @inlinable public func distance(to other: Point) -> Double { (self - other).length }

    @inlinable public func dot(_ o: Point) -> Double { x * o.x + y * o.y }

    /// z of the 3D cross product; with y down, positive means `o` is clockwise of `self` on screen.
    @inlinable public func cross(_ o: Point) -> Double { x * o.y - y * o.x }

    public var description: String { "(\(x), \(y))" }
}
