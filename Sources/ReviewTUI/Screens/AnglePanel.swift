import Foundation
public import MarkerTracker

/// The numbers panel: per view, each angle's current value and its mean and SD over the stage.
public struct AnglePanel: Sendable {
    /// Rows the panel needs to show every angle of both views.
    public static let preferredRows = 9

    public var utf8: Bool
    public var colour: Bool

    public init(utf8: Bool, colour: Bool) {
        self.utf8 = utf8
        self.colour = colour
    }

    /// One view's column of the panel.
    public struct Column: Sendable {
        public var title: String
        public var view: CameraView
        public var current: AngleSet
        public var stage: [AngleKind: RunningStats]
        public var footer: [String]

        public init(title: String, view: CameraView, current: AngleSet, stage: [AngleKind: RunningStats],
                    footer: [String] = []) {
            self.title = title
            self.view = view
            self.current = current
            self.stage = stage
            self.footer = footer
        }
    }

    public func draw(_ columns: [Column], in rect: CellRect, into grid: inout CellGrid) {
        grid.fill(column: rect.column, row: rect.row, width: rect.width, height: rect.height, with: .blank)
        guard !columns.isEmpty, rect.height > 0 else { return }
        let w = rect.width / columns.count
        let deg = utf8 ? "°" : ""
        for (i, col) in columns.enumerated() {
            let x = rect.column + i * w
            var y = rect.row
            let head = TextFormat.padded(col.title, 13) + TextFormat.padded("now", 7, right: true) + (utf8 ? "   stage mean ± SD" : "   stage mean +- SD")
            grid.put(String(head.prefix(w - 1)), column: x, row: y, foreground: colour ? Palette.accent : Palette.heading,
                     attributes: [.bold])
            y += 1
            for k in AngleKind.kinds(for: col.view) where y < rect.row + rect.height {
                // Pelvic obliquity names the low side ("pelvis low  R 5.0°"; + is right low).
                let pelvis = k == .pelvicObliquity
                var line = TextFormat.padded(pelvis ? "pelvis low" : k.shortName, 13)
                let now = col.current[k].map { v in
                    (pelvis ? (abs(v) < 0.05 ? "" : (v > 0 ? "R " : "L ")) : "") + String(format: "%.1f", pelvis ? abs(v) : v) + deg
                }
                line += TextFormat.padded(now ?? "--", 7, right: true)
                if let s = col.stage[k], s.count > 0 {
                    line += "   " + String(format: utf8 ? "%6.1f ± %4.1f" : "%6.1f +- %4.1f", s.mean, s.standardDeviation)
                }
                grid.put(String(line.prefix(w - 1)), column: x, row: y,
                         foreground: col.current[k] == nil ? Palette.dimText : Palette.text)
                y += 1
            }
            for f in col.footer where y < rect.row + rect.height {
                grid.put(String(f.prefix(w - 1)), column: x, row: y, foreground: Palette.text)
                y += 1
            }
            if i > 0 {
                for r in rect.row..<(rect.row + rect.height) {
                    grid[x - 1, r] = Cell(utf8 ? "│" : "|", foreground: Palette.dimText)
                }
            }
        }
    }
}
