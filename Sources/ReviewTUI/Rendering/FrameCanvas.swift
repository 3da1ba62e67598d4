public import MarkerTracker
import OfflineAnalysis

/// A camera picture scaled down to the console's pixel grid, with an overlay layer.
///
/// Downscaling averages every source pixel in each canvas pixel's footprint (area averaging:
/// no aliasing of the LEDs' small bright spots). The overlay layer holds reserved colours (body
/// segments) drawn over the picture before it becomes characters.
public struct FrameCanvas: Sendable {
    public let width: Int
    public let height: Int
    /// Display brightness per canvas pixel (after the tone curve).
    public private(set) var values: [UInt8]
    /// Overlay colour per canvas pixel, 0 = none.
    public private(set) var overlay: [UInt8]

    /// Scales `image` to `width` x `height` by area averaging.
    public init(image: LumaImage, width: Int, height: Int) {
        self.width = width
        self.height = height
        values = [UInt8](repeating: 0, count: width * height)
        overlay = [UInt8](repeating: 0, count: width * height)
        guard width > 0, height > 0 else { return }
        // Source column range per canvas column, source row range per canvas row.
        let xs = (0...width).map { min(image.width, Int((Double($0) * Double(image.width) / Double(width)).rounded())) }
        let ys = (0...height).map { min(image.height, Int((Double($0) * Double(image.height) / Double(height)).rounded())) }
        var colSums = [UInt32](repeating: 0, count: width)
        let tone = Palette.tone
        for cy in 0..<height {
            for i in 0..<width { colSums[i] = 0 }
            let y0 = ys[cy], y1 = max(ys[cy] + 1, ys[cy + 1])
            for y in y0..<min(y1, image.height) {
                let row = y * image.stride
                for cx in 0..<width {
                    let x0 = xs[cx], x1 = max(xs[cx] + 1, xs[cx + 1])
                    var s: UInt32 = 0
                    for x in x0..<min(x1, image.width) { s += UInt32(image.pixels[row + x]) }
                    colSums[cx] += s
                }
            }
            for cx in 0..<width {
                let x0 = xs[cx], x1 = max(xs[cx] + 1, xs[cx + 1])
                let n = UInt32(max(1, (min(x1, image.width) - x0) * (min(y1, image.height) - y0)))
                values[cy * width + cx] = tone[Int(colSums[cx] / n)]
            }
        }
    }

    /// Keeps the previous picture's value wherever the new one differs by at most `tolerance`
    /// display levels, so sensor noise does not change cells from one frame to the next (a still
    /// scene costs no terminal output; over SSH this cuts the bytes several-fold). Moving edges
    /// differ by far more and are updated at once.
    public mutating func stabilize(against previous: FrameCanvas?, tolerance: UInt8) {
        guard let previous, previous.width == width, previous.height == height else { return }
        for i in values.indices {
            let a = values[i], b = previous.values[i]
            if (a > b ? a - b : b - a) <= tolerance { values[i] = b }
        }
    }

    /// Paints one canvas pixel of the overlay.
    public mutating func plot(x: Int, y: Int, colour: UInt8) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        overlay[y * width + x] = colour
    }

    /// Draws a line between two canvas points in the overlay (Bresenham).
    public mutating func line(from a: Point, to b: Point, colour: UInt8) {
        var x0 = Int(a.x.rounded()), y0 = Int(a.y.rounded())
        let x1 = Int(b.x.rounded()), y1 = Int(b.y.rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var guardSteps = 0
        while guardSteps < 10_000 {
            plot(x: x0, y: y0, colour: colour)
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
            guardSteps += 1
        }
    }

    /// 4x4 Bayer thresholds in (0, 1), indexed [y % 4][x % 4].
    static let bayer: [[Double]] = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]]
        .map { $0.map { ($0 + 0.5) / 16 } }

    /// The xterm grey index for the canvas pixel at (x, y), ordered-dithered between the two
    /// nearest grey levels (stable: a still picture always gives the same cells).
    func greyIndex(x: Int, y: Int) -> UInt8 {
        let v = Int(values[y * width + x])
        let g = Palette.greys
        let i = Int(Palette.greyFloor[v])
        guard i + 1 < g.count else { return g[i].index }
        let lo = g[i].level, hi = g[i + 1].level
        let f = Double(v - lo) / Double(hi - lo)
        return f > FrameCanvas.bayer[y & 3][x & 3] ? g[i + 1].index : g[i].index
    }

    /// ASCII density ramp, dark to bright.
    static let ramp: [Character] = Array(" .:-=+*#%@")

    /// Display levels at or below this are blank in ASCII mode (the dark room).
    static let asciiBlackPoint = 64.0

    func asciiCharacter(x: Int, y: Int) -> Character {
        let lifted = max(0, Double(values[y * width + x]) - FrameCanvas.asciiBlackPoint)
        let v = lifted / (255 - FrameCanvas.asciiBlackPoint) * Double(FrameCanvas.ramp.count - 1)
        let lo = Int(v.rounded(.down))
        let f = v - Double(lo)
        let i = f > FrameCanvas.bayer[y & 3][x & 3] ? lo + 1 : lo
        return FrameCanvas.ramp[min(FrameCanvas.ramp.count - 1, i)]
    }

    /// Copies the canvas into the grid at `mapping`'s rectangle.
    /// `colour`: whether the terminal shows colours (ASCII mode may still use them for overlays).
    public func paint(into grid: inout CellGrid, mapping: ViewMapping, colour: Bool) {
        switch mapping.mode {
        case .halfBlock:
            for r in 0..<min(mapping.rows, height / 2) {
                for c in 0..<min(mapping.columns, width) {
                    let top = overlayOrGrey(x: c, y: 2 * r)
                    let bottom = overlayOrGrey(x: c, y: 2 * r + 1)
                    grid[mapping.column + c, mapping.row + r] = top == bottom
                        ? Cell(" ", foreground: top, background: bottom)
                        : Cell("▀", foreground: top, background: bottom)
                }
            }
        case .ascii:
            // Overlay lines are drawn as slope characters by `OverlayPainter` afterwards.
            for r in 0..<min(mapping.rows, height) {
                for c in 0..<min(mapping.columns, width) {
                    grid[mapping.column + c, mapping.row + r] = Cell(
                        asciiCharacter(x: c, y: r), foreground: Palette.dimText, background: Palette.panel)
                }
            }
        }
    }

    private func overlayOrGrey(x: Int, y: Int) -> UInt8 {
        let o = overlay[y * width + x]
        return o != 0 ? o : greyIndex(x: x, y: y)
    }
}
