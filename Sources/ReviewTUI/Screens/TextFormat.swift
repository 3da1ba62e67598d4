import Foundation

/// Small formatting helpers shared by the screens and the command line's printed summaries.
public enum TextFormat {
    /// "mm:ss.t" for a duration in seconds.
    public static func clock(_ seconds: Double) -> String {
        let s = max(0, seconds)
        let m = Int(s) / 60
        return String(format: "%02d:%04.1f", m, s - Double(m * 60))
    }

    /// `v` with `decimals` digits after the point.
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", v)
    }

    /// `s` in `n` columns: filled with spaces after it (before it when `right`, for numbers), and
    /// cut to `n` when longer unless `cut` is false (printed text that may run on).
    public static func padded(_ s: String, _ n: Int, right: Bool = false, cut: Bool = true) -> String {
        if s.count >= n { return cut ? String(s.prefix(n)) : s }
        let p = String(repeating: " ", count: n - s.count)
        return right ? p + s : s + p
    }

    /// A table column of `n` columns: `s` filled with spaces, or, when longer, `s` and one space
    /// (text runs on rather than being cut).
    public static func column(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : padded(s, n)
    }

    /// Help text drawn in a box over the screen; `colours` (one per line) colour the lines.
    static func drawOverlayBox(_ lines: [String], title: String, into grid: inout CellGrid, utf8: Bool,
                               colours: [UInt8]? = nil) {
        let w = min(grid.width - 2, (lines.map(\.count).max() ?? 0) + 4)
        let h = min(grid.height - 2, lines.count + 2)
        let x = (grid.width - w) / 2, y = (grid.height - h) / 2
        grid.fill(column: x, row: y, width: w, height: h, with: Cell(" ", background: 236))
        let hz: Character = utf8 ? "─" : "-", vt: Character = utf8 ? "│" : "|"
        for c in x..<(x + w) {
            grid[c, y] = Cell(hz, foreground: Palette.accent, background: 236)
            grid[c, y + h - 1] = Cell(hz, foreground: Palette.accent, background: 236)
        }
        for r in y..<(y + h) {
            grid[x, r] = Cell(vt, foreground: Palette.accent, background: 236)
            grid[x + w - 1, r] = Cell(vt, foreground: Palette.accent, background: 236)
        }
        grid.put(" \(title) ", column: x + 2, row: y, foreground: Palette.heading, background: 236, attributes: [.bold])
        for (i, l) in lines.prefix(h - 2).enumerated() {
            let fg = colours.map { i < $0.count ? $0[i] : Palette.text } ?? Palette.text
            grid.put(String(l.prefix(w - 4)), column: x + 2, row: y + 1 + i, foreground: fg, background: 236)
        }
    }
}
