/// One bright spot found in a luma plane: a candidate LED.
///
/// `centroid` is the intensity-weighted centre in pixels (sub-pixel), weighted by brightness above
/// the local background; `area` counts pixels at or above the detection threshold.
public struct Blob: Hashable, Sendable {
    public var centroid: Point
    public var area: Int
    public var peak: UInt8
    public var bounds: PixelRect
    /// Sum of (brightness - background) over the blob: its total light, for ranking and splitting.
    public var mass: Double

    public init(centroid: Point, area: Int, peak: UInt8, bounds: PixelRect, mass: Double) {
        self.centroid = centroid
        self.area = area
        self.peak = peak
        self.bounds = bounds
        self.mass = mass
    }

    /// Bounding-box elongation (>= 1): LEDs are round, belt reflections and edges are streaks.
    public var elongation: Double {
        let w = Double(bounds.width), h = Double(bounds.height)
        return max(w, h) / max(1, min(w, h))
    }
}
