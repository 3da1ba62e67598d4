import Foundation

/// One metric's means over sessions as inline SVG, in the report's plot style (`SVGPlot`'s size,
/// classes and ticks): x the sessions in date order (numbered, the date under each), per side a
/// line through the means with ± SD bars.
public struct TrendPlot: Sendable {
    /// One side's means, one per session (nil: no mean that session).
    public struct Series: Sendable {
        public var label: String
        public var colour: String
        public var mean: [Double?]
        public var standardDeviation: [Double?]

        public init(label: String, colour: String, mean: [Double?], standardDeviation: [Double?]) {
            self.label = label
            self.colour = colour
            self.mean = mean
            self.standardDeviation = standardDeviation
        }
    }

    public var title: String
    public var unit: String
    /// The sessions' dates, in order.
    public var dates: [String]
    public var series: [Series]

    public init(title: String, unit: String, dates: [String], series: [Series]) {
        self.title = title
        self.unit = unit
        self.dates = dates
        self.series = series
    }

    /// The vertical range: every mean ± SD, widened to round ticks (as `SVGPlot.range`).
    var yRange: ClosedRange<Double> {
        SVGPlot.range(series.map {
            SVGPlot.Series(label: $0.label, colour: $0.colour, mean: $0.mean, standardDeviation: $0.standardDeviation)
        })
    }

    func x(_ i: Int) -> Double {
        let inset = 14.0
        guard dates.count > 1 else { return (SVGPlot.left + SVGPlot.right) / 2 }
        return SVGPlot.left + inset + (SVGPlot.right - SVGPlot.left - 2 * inset) * Double(i) / Double(dates.count - 1)
    }

    /// The panel as an `<svg>` element.
    public func svg() -> String {
        let n = SVGPlot.n, range = yRange
        func y(_ v: Double) -> Double {
            let span = range.upperBound - range.lowerBound
            return SVGPlot.bottom - (SVGPlot.bottom - SVGPlot.top) * (v - range.lowerBound) / (span > 0 ? span : 1)
        }
        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" viewBox=\"0 0 \(Int(SVGPlot.width)) \(Int(SVGPlot.height))\" "
        o += "width=\"\(Int(SVGPlot.width))\" height=\"\(Int(SVGPlot.height))\" role=\"img\" aria-label=\"\(XMLText.escape(title))\">"
        o += "<text x=\"\(n(SVGPlot.left))\" y=\"14\" class=\"ptitle\">\(XMLText.escape(title))</text>"
        let step = SVGPlot.tickStep(range.upperBound - range.lowerBound)
        var t = range.lowerBound
        while t <= range.upperBound + step / 1000 {
            o += "<line x1=\"\(n(SVGPlot.left))\" x2=\"\(n(SVGPlot.right))\" y1=\"\(n(y(t)))\" y2=\"\(n(y(t)))\" class=\"grid\"/>"
            o += "<text x=\"\(n(SVGPlot.left - 4))\" y=\"\(n(y(t) + 3))\" class=\"tick\" text-anchor=\"end\">\(XMLText.escape(String(format: "%g", t)))</text>"
            t += step
        }
        o += "<text x=\"\(n(SVGPlot.left - 4))\" y=\"\(n(SVGPlot.top - 6))\" class=\"tick\" text-anchor=\"end\">\(XMLText.escape(unit))</text>"
        // Sessions: a number on every one, the date where there is room (every k-th).
        let every = max(1, Int((Double(dates.count) / 5).rounded(.up)))
        for (i, d) in dates.enumerated() {
            o += "<line x1=\"\(n(x(i)))\" x2=\"\(n(x(i)))\" y1=\"\(n(SVGPlot.top))\" y2=\"\(n(SVGPlot.bottom))\" class=\"grid\"/>"
            if dates.count <= 20 || i % every == 0 {
                o += "<text x=\"\(n(x(i)))\" y=\"\(n(SVGPlot.bottom + 13))\" class=\"tick\" text-anchor=\"middle\">\(i + 1)</text>"
            }
            if i % every == 0 || i == dates.count - 1 && dates.count <= 5 {
                o += "<text x=\"\(n(x(i)))\" y=\"\(n(SVGPlot.bottom + 26))\" class=\"tick\" text-anchor=\"middle\">\(XMLText.escape(String(d.suffix(5))))</text>"
            }
        }
        for s in series {
            var line: [String] = []
            for (i, m) in s.mean.enumerated() {
                guard let m else { continue }
                line.append("\(n(x(i))),\(n(y(m)))")
                if i < s.standardDeviation.count, let sd = s.standardDeviation[i] {
                    o += "<line x1=\"\(n(x(i)))\" x2=\"\(n(x(i)))\" y1=\"\(n(y(m - sd)))\" y2=\"\(n(y(m + sd)))\" stroke=\"\(s.colour)\" class=\"sdbar\"/>"
                }
                o += "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(m)))\" r=\"2.5\" fill=\"\(s.colour)\"/>"
            }
            if line.count > 1 { o += "<polyline points=\"\(line.joined(separator: " "))\" stroke=\"\(s.colour)\" class=\"mean\"/>" }
        }
        for (i, s) in series.enumerated() {
            let lx = SVGPlot.left + Double(i % 2) * 150, ly = 26 + Double(i / 2) * 12
            o += "<line x1=\"\(n(lx))\" x2=\"\(n(lx + 18))\" y1=\"\(n(ly - 3))\" y2=\"\(n(ly - 3))\" stroke=\"\(s.colour)\" class=\"mean\"/>"
            o += "<text x=\"\(n(lx + 22))\" y=\"\(n(ly))\" class=\"legend\">\(XMLText.escape(s.label))</text>"
        }
        return o + "</svg>"
    }
}
