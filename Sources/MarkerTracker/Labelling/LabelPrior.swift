/// Where markers are expected to be (their tracks' predictions), as a cost on a labelling.
///
/// Used when lost markers are re-found with the others held fixed: among labellings that fit the
/// body equally well, the one that keeps each marker near its own track wins. The scales are the
/// expected prediction error in pixels, per axis (rear-view markers move vertically, so their
/// horizontal scale is tighter).
public struct LabelPrior: Sendable {
    public var expected: [Point?]
    public var scaleX: Double
    public var scaleY: Double

    public init(expected: [Point?], scaleX: Double, scaleY: Double) {
        self.expected = expected
        self.scaleX = scaleX
        self.scaleY = scaleY
    }

    /// The squared, scaled distance of marker `m` at `point` from where it is expected (0 when
    /// nothing is expected of it).
    public func cost(of m: Int, at point: Point) -> Double {
        guard m < expected.count, let e = expected[m] else { return 0 }
        let dx = (point.x - e.x) / scaleX, dy = (point.y - e.y) / scaleY
        return dx * dx + dy * dy
    }

    /// Sum over markers with an expectation of the squared, scaled distance.
    public func cost(_ points: [Point]) -> Double {
        var c = 0.0
        for (i, e) in expected.enumerated() where i < points.count {
            guard let e else { continue }
            let dx = (points[i].x - e.x) / scaleX, dy = (points[i].y - e.y) / scaleY
            c += dx * dx + dy * dy
        }
        return c
    }
}
