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
    /// True for one of the two parts of a blob that held two touching LEDs (`BlobSplitter`):
    /// its centre is less certain than an isolated LED's, and it shares `bounds` with its twin.
    public var isSplit: Bool
    /// Root-mean-square distance of the blob's light from its centre, pixels (about sigma x 1.4
    /// for a round Gaussian spot): the spot's width, learned by the tracker to split merged LEDs.
    public var spread: Double

    public init(centroid: Point, area: Int, peak: UInt8, bounds: PixelRect, mass: Double, isSplit: Bool = false,
                spread: Double = 0) {
        self.centroid = centroid
        self.area = area
        self.peak = peak
        self.bounds = bounds
        self.mass = mass
        self.isSplit = isSplit
        self.spread = spread
    }

    /// Bounding-box elongation (>= 1): LEDs are round, belt reflections and edges are streaks.
    public var elongation: Double {
        let w = Double(bounds.width), h = Double(bounds.height)
        return max(w, h) / max(1, min(w, h))
    }
}
