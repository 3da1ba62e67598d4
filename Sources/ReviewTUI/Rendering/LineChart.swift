import OfflineAnalysis
/// Draws a value series as a line chart in a cell rectangle: braille dots (2x4 per cell) with
/// UTF-8, `*` otherwise, with the y range labelled and optional vertical cursor and markers.
///
/// Used for the live strip chart of one angle and the review's angle-over-gait-cycle chart.
public struct LineChart: Sendable {
    /// One series: x in any unit, y in the chart's unit; nil y = gap.
    public struct Series: Sendable {
        public var points: [(x: Double, y: Double?)]
        public var colour: UInt8
        public init(points: [(x: Double, y: Double?)], colour: UInt8) {
            self.points = points
            self.colour = colour
        }
    }

    public var xRange: ClosedRange<Double>
    /// Fixed y range, or nil to fit the data (with a margin).
    public var yRange: ClosedRange<Double>?
    public var utf8: Bool
    public var colour: Bool
    /// Written after the y labels ("°"), so they read as values of the chart, not a table column.
    public var unit = ""

    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>? = nil, utf8: Bool, colour: Bool) {
        self.xRange = xRange
        self.yRange = yRange
        self.utf8 = utf8
        self.colour = colour
    }

    /// The y range used for `series`.
    public func fittedYRange(_ series: [Series]) -> ClosedRange<Double> {
        if let yRange { return yRange }
        let ys = series.flatMap { $0.points.compactMap(\.y) }
        guard let lo = ys.min(), let hi = ys.max() else { return 0...1 }
        let span = max(hi - lo, 4)
        let mid = (hi + lo) / 2
        return (mid - span * 0.6)...(mid + span * 0.6)
    }

    /// Draws the series; labels take the left 6 columns (and the unit's). `cursorX` draws a vertical line.
    public func draw(_ series: [Series], in rect: CellRect, cursorX: Double? = nil, into grid: inout CellGrid) {
        guard rect.width > 8, rect.height > 1 else { return }
        let y = fittedYRange(series)
        let labelWidth = 6 + unit.count
        let plot = CellRect(column: rect.column + labelWidth, row: rect.row, width: rect.width - labelWidth,
                            height: rect.height)
        grid.put(TextFormat.padded(format(y.upperBound) + unit, 5 + unit.count, right: true), column: rect.column, row: rect.row,
                 foreground: Palette.dimText)
        grid.put(TextFormat.padded(format(y.lowerBound) + unit, 5 + unit.count, right: true), column: rect.column,
                 row: rect.row + rect.height - 1, foreground: Palette.dimText)
        let subX = utf8 ? 2 : 1, subY = utf8 ? 4 : 1
        let w = plot.width * subX, h = plot.height * subY
        // Dot masks per cell and the colour of the last series drawn into each cell.
        var dots = [UInt8](repeating: 0, count: plot.width * plot.height)
        var colours = [UInt8](repeating: 0, count: plot.width * plot.height)
        func px(_ x: Double) -> Int {
            Int(((x - xRange.lowerBound) / max(1e-9, xRange.upperBound - xRange.lowerBound) * Double(w - 1)).rounded())
        }
        func py(_ v: Double) -> Int {
            Int(((y.upperBound - v) / max(1e-9, y.upperBound - y.lowerBound) * Double(h - 1)).rounded())
        }
        func set(_ x: Int, _ yy: Int, _ c: UInt8) {
            guard x >= 0, x < w, yy >= 0, yy < h else { return }
            let cell = (yy / subY) * plot.width + x / subX
            dots[cell] |= utf8 ? LineChart.brailleBit(x % subX, yy % subY) : 1
            colours[cell] = c
        }
        for s in series {
            var last: (Int, Int)?
            for p in s.points {
                guard let v = p.y, xRange.contains(p.x) else {
                    last = nil
                    continue
                }
                let cur = (px(p.x), py(v))
                if let l = last {
                    // Join consecutive points so the line has no holes.
                    let steps = max(abs(cur.0 - l.0), abs(cur.1 - l.1), 1)
                    for i in 0...steps {
                        let t = Double(i) / Double(steps)
                        set(Int((Double(l.0) + Double(cur.0 - l.0) * t).rounded()),
                            Int((Double(l.1) + Double(cur.1 - l.1) * t).rounded()), s.colour)
                    }
                } else {
                    set(cur.0, cur.1, s.colour)
                }
                last = cur
            }
        }
        let cursorColumn = cursorX.map { px($0) / subX }
        for r in 0..<plot.height {
            for c in 0..<plot.width {
                let i = r * plot.width + c
                if dots[i] != 0 {
                    let ch: Character = utf8 ? Character(Unicode.Scalar(0x2800 + UInt32(dots[i]))!) : "*"
                    grid[plot.column + c, plot.row + r] = Cell(ch, foreground: colour ? colours[i] : Palette.heading)
                } else if c == cursorColumn {
                    grid[plot.column + c, plot.row + r] = Cell(utf8 ? "│" : "|", foreground: Palette.warning)
                } else if r == plot.height - 1 || r == 0 {
                    grid[plot.column + c, plot.row + r] = Cell(utf8 ? "·" : ".", foreground: 238)
                }
            }
        }
    }

    /// Braille dot bit for sub-column 0/1 and sub-row 0...3 (Unicode braille patterns).
    static func brailleBit(_ x: Int, _ y: Int) -> UInt8 {
        let table: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        return table[y][x]
    }

    func format(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return abs(r) >= 100 ? String(Int(r.rounded())) : String(r)
    }
}
