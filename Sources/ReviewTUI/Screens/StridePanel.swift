import Foundation
public import MarkerTracker

/// The live panel of stage means per side: for the stride metrics a therapist watches during the
/// run (cadence, knee at contact, peak knee, ankle dorsiflexion, overstride, pelvic drop, ...), the
/// left and right mean ± SD over the current stage's strides.
///
/// A side's mean appears only once it has `StageSummary.minimumSteps` strides; until then the cell
/// counts them ("3/7"). Metrics a camera cannot measure for a leg (the side camera sees one leg)
/// show "--". Rows beyond the rectangle are left out, least important last.
public struct StridePanel: Sendable {
    /// Columns the panel needs: name, left, right.
    public static let preferredWidth = 46

    /// The metrics in the order a therapist looks for them.
    public static let metrics: [StrideMetric] = [
        .cadence, .kneeFlexionAtContact, .peakKneeFlexion, .peakAnkleDorsiflexion, .overstride, .pelvicDrop,
        .hipAdduction, .contactTime, .kneeFrontalProjection, .tibiaAngleAtContact, .verticalOscillation,
        .stepWidth, .flightTime, .hipFlexionAtContact, .peakThighExtension, .ankleDorsiflexionAtContact,
        .footAngleAtContact, .trunkLean,
    ]

    public var utf8: Bool
    public var colour: Bool

    public init(utf8: Bool, colour: Bool) {
        self.utf8 = utf8
        self.colour = colour
    }

    /// The text of one side's cell: "mean ± SD", "n/7" while too few strides, "--" when unmeasured.
    public func cell(_ summary: StageSummary, _ metric: StrideMetric, _ side: BodySide) -> String {
        let st = summary.stats(metric, side)
        guard st.count > 0 else { return "--" }
        guard let m = summary.mean(metric, side), let sd = summary.standardDeviation(metric, side) else {
            return "\(st.count)/\(StageSummary.minimumSteps)"
        }
        let digits = metric.unit == .degrees || metric.unit == .centimetres ? 1 : 0
        return TextFormat.fixed(m, digits) + (utf8 ? " ± " : " +- ") + TextFormat.fixed(sd, digits)
    }

    /// Draws the title row and one row per metric that fits, from metric `first` on; returns the
    /// metric rows shown.
    @discardableResult
    public func draw(_ summary: StageSummary, stageTitle: String, in rect: CellRect, first: Int = 0,
                     into grid: inout CellGrid) -> Int {
        guard rect.width > 20, rect.height > 0 else { return 0 }
        grid.fill(column: rect.column, row: rect.row, width: rect.width, height: rect.height, with: .blank)
        let sideWidth = max(8, (rect.width - 17) / 2)
        func row(_ a: String, _ l: String, _ r: String) -> String {
            TextFormat.padded(a, 17) + TextFormat.padded(l, sideWidth, right: true) + TextFormat.padded(r, sideWidth, right: true)
        }
        let more = first > 0 || first + rect.height - 1 < Self.metrics.count
        let head = row("\(stageTitle) means" + (more ? " (t)" : ""), "left", "right")
        grid.put(String(head.prefix(rect.width)), column: rect.column, row: rect.row,
                 foreground: colour ? Palette.accent : Palette.heading, attributes: [.bold])
        var y = rect.row + 1
        for m in Self.metrics.dropFirst(first) where y < rect.row + rect.height {
            let name = m.title + (m.unit == .degrees ? "" : " " + m.unit.rawValue)
            let l = cell(summary, m, .left), r = cell(summary, m, .right)
            let shown = summary.mean(m, .left) != nil || summary.mean(m, .right) != nil
            grid.put(String(row(name, l, r).prefix(rect.width)), column: rect.column, row: y,
                     foreground: shown ? Palette.text : Palette.dimText)
            y += 1
        }
        return y - rect.row - 1
    }
}
