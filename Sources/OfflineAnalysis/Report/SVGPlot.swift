import Foundation

/// One panel of angle curves over the gait cycle as inline SVG: x from 0 to 100 % of the cycle,
/// each series a mean line with its SD band, a dashed line at toe-off, a legend.
public struct SVGPlot: Sendable {
    /// One curve: mean and SD per phase point (`CycleCurve.phases`).
    public struct Series: Sendable {
        public var label: String
        public var colour: String
        public var dashed: Bool
        public var band: Bool
        public var mean: [Double?]
        public var standardDeviation: [Double?]
        public var toeOffPercent: Double?

        public init(label: String, colour: String, dashed: Bool = false, band: Bool = true, mean: [Double?],
                    standardDeviation: [Double?], toeOffPercent: Double? = nil) {
            self.label = label
            self.colour = colour
            self.dashed = dashed
            self.band = band
            self.mean = mean
            self.standardDeviation = standardDeviation
            self.toeOffPercent = toeOffPercent
        }
    }

    public var title: String
    public var unit: String
    public var series: [Series]
    /// Shared vertical range (so panels of one angle compare by eye).
    public var yRange: ClosedRange<Double>

    static let width = 360.0, height = 234.0
    static let left = 44.0, right = 352.0, top = 46.0, bottom = 192.0

    public init(title: String, unit: String, series: [Series], yRange: ClosedRange<Double>) {
        self.title = title
        self.unit = unit
        self.series = series
        self.yRange = yRange
    }

    /// A range covering every mean ± SD of `series`, widened to round ticks.
    public static func range(_ series: [Series]) -> ClosedRange<Double> {
        var lo = Double.infinity, hi = -Double.infinity
        for s in series {
            for (m, sd) in zip(s.mean, s.standardDeviation) {
                guard let m else { continue }
                let d = s.band ? (sd ?? 0) : 0
                lo = min(lo, m - d)
                hi = max(hi, m + d)
            }
        }
        guard lo.isFinite, hi.isFinite else { return 0...1 }
        if hi - lo < 4 { let c = (hi + lo) / 2; lo = c - 2; hi = c + 2 }
        let step = tickStep(hi - lo)
        return (lo / step).rounded(.down) * step...(hi / step).rounded(.up) * step
    }

    /// 1, 2 or 5 times a power of ten, giving about four intervals.
    static func tickStep(_ span: Double) -> Double {
        let raw = span / 4
        let p = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2.0, 5.0, 10.0] where m * p >= raw { return m * p }
        return 10 * p
    }

    func x(_ percent: Double) -> Double { SVGPlot.left + (SVGPlot.right - SVGPlot.left) * percent / 100 }
    func y(_ v: Double) -> Double {
        let span = yRange.upperBound - yRange.lowerBound
        return SVGPlot.bottom - (SVGPlot.bottom - SVGPlot.top) * (v - yRange.lowerBound) / (span > 0 ? span : 1)
    }

    static func n(_ v: Double) -> String { String(format: "%.1f", v) }

    /// The panel as an `<svg>` element.
    public func svg() -> String {
        let n = SVGPlot.n
        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" viewBox=\"0 0 \(Int(SVGPlot.width)) \(Int(SVGPlot.height))\" "
        o += "width=\"\(Int(SVGPlot.width))\" height=\"\(Int(SVGPlot.height))\" role=\"img\" aria-label=\"\(XMLText.escape(title))\">"
        o += "<text x=\"\(n(SVGPlot.left))\" y=\"14\" class=\"ptitle\">\(XMLText.escape(title))</text>"
        // Grid and axes.
        let step = SVGPlot.tickStep(yRange.upperBound - yRange.lowerBound)
        var t = yRange.lowerBound
        while t <= yRange.upperBound + step / 1000 {
            o += "<line x1=\"\(n(SVGPlot.left))\" x2=\"\(n(SVGPlot.right))\" y1=\"\(n(y(t)))\" y2=\"\(n(y(t)))\" class=\"grid\"/>"
            o += "<text x=\"\(n(SVGPlot.left - 4))\" y=\"\(n(y(t) + 3))\" class=\"tick\" text-anchor=\"end\">\(XMLText.escape(String(format: "%g", t)))</text>"
            t += step
        }
        for p in stride(from: 0.0, through: 100.0, by: 25.0) {
            o += "<line x1=\"\(n(x(p)))\" x2=\"\(n(x(p)))\" y1=\"\(n(SVGPlot.top))\" y2=\"\(n(SVGPlot.bottom))\" class=\"grid\"/>"
            // The last label ends at its line so it stays inside the panel.
            o += "<text x=\"\(n(x(p)))\" y=\"\(n(SVGPlot.bottom + 13))\" class=\"tick\" text-anchor=\"\(p == 100 ? "end" : "middle")\">\(Int(p))%</text>"
        }
        o += "<text x=\"\(n((SVGPlot.left + SVGPlot.right) / 2))\" y=\"\(n(SVGPlot.bottom + 26))\" class=\"tick\" text-anchor=\"middle\">"
        o += "% of the gait cycle from initial contact</text>"
        o += "<text x=\"\(n(SVGPlot.left - 4))\" y=\"\(n(SVGPlot.top - 6))\" class=\"tick\" text-anchor=\"end\">\(XMLText.escape(unit))</text>"
        if yRange.contains(0) {
            o += "<line x1=\"\(n(SVGPlot.left))\" x2=\"\(n(SVGPlot.right))\" y1=\"\(n(y(0)))\" y2=\"\(n(y(0)))\" class=\"zero\"/>"
        }
        // Bands, then lines.
        // A band only over phase points with an SD: a gap (a phase not measured, such as the knee
        // seen from behind in swing) breaks it, as it breaks the line, rather than bridging it.
        for s in series where s.band {
            var runs: [(upper: [String], lower: [String])] = [([], [])]
            for (i, p) in CycleCurveGrid.phases.enumerated() {
                guard i < s.mean.count, let m = s.mean[i], i < s.standardDeviation.count, let sd = s.standardDeviation[i] else {
                    if !runs[runs.count - 1].upper.isEmpty { runs.append(([], [])) }
                    continue
                }
                runs[runs.count - 1].upper.append("\(n(x(p))),\(n(y(m + sd)))")
                runs[runs.count - 1].lower.append("\(n(x(p))),\(n(y(m - sd)))")
            }
            for r in runs where r.upper.count > 1 {
                o += "<polygon points=\"\((r.upper + r.lower.reversed()).joined(separator: " "))\" fill=\"\(s.colour)\" class=\"band\"/>"
            }
        }
        for s in series {
            if let to = s.toeOffPercent {
                o += "<line x1=\"\(n(x(to)))\" x2=\"\(n(x(to)))\" y1=\"\(n(SVGPlot.top))\" y2=\"\(n(SVGPlot.bottom))\" "
                o += "stroke=\"\(s.colour)\" class=\"toeoff\"/>"
            }
            // A gap where a phase point has no mean breaks the line.
            var runs: [[String]] = [[]]
            for (i, p) in CycleCurveGrid.phases.enumerated() {
                if i < s.mean.count, let m = s.mean[i] { runs[runs.count - 1].append("\(n(x(p))),\(n(y(m)))") } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
            }
            for r in runs where r.count > 1 {
                o += "<polyline points=\"\(r.joined(separator: " "))\" stroke=\"\(s.colour)\" class=\"mean\"\(s.dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
            }
        }
        // Legend.
        for (i, s) in series.enumerated() {
            let lx = SVGPlot.left + Double(i % 2) * 150, ly = 26 + Double(i / 2) * 12
            o += "<line x1=\"\(n(lx))\" x2=\"\(n(lx + 18))\" y1=\"\(n(ly - 3))\" y2=\"\(n(ly - 3))\" stroke=\"\(s.colour)\" class=\"mean\""
            o += (s.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>"
            o += "<text x=\"\(n(lx + 22))\" y=\"\(n(ly))\" class=\"legend\">\(XMLText.escape(s.label))</text>"
        }
        o += "</svg>"
        return o
    }
}

/// The phase grid the curves are sampled on (kept apart so the plot need not know the curve type).
enum CycleCurveGrid {
    static var phases: [Double] { CycleCurve.phases }
}
