import OfflineAnalysis
/// How the console divides the terminal: header, the two camera views (side by side on wide
/// terminals, stacked on narrow ones), the numbers panel, and the help line.
public struct ConsoleLayout: Sendable, Equatable {
    public static let minimumWidth = 60
    public static let minimumHeight = 20

    /// The rectangle of each view's picture (below its title row), in view order.
    public var views: [CellRect]
    /// Title row of each view.
    public var titles: [CellRect]
    /// The numbers panel under the views.
    public var panel: CellRect
    public var sideBySide: Bool

    /// Lays out `viewCount` views (with pictures of `imageAspect` = height/width) and a panel
    /// needing at least `panelRows` rows, in a `width` x `height` terminal; nil if too small.
    public static func compute(width: Int, height: Int, viewCount: Int, imageAspect: Double = 0.75,
                               panelRows: Int) -> ConsoleLayout? {
        guard width >= minimumWidth, height >= minimumHeight, viewCount > 0 else { return nil }
        let top = 1 // header
        let bottom = 1 // help line
        let available = height - top - bottom
        func pictureRows(forWidth w: Int) -> Int { Int((Double(w) * imageAspect / 2).rounded(.down)) }

        // Side by side: every view gets an equal share of the width.
        let sbsWidth = (width - (viewCount - 1)) / viewCount
        let sbsRows = max(3, min(pictureRows(forWidth: sbsWidth), available - panelRows - 1))
        let sbsArea = min(sbsWidth, Int(Double(sbsRows) * 2 / imageAspect)) * sbsRows
        // Stacked: full width, the height shared.
        let stackRows = max(3, (available - panelRows - viewCount) / viewCount)
        let stackArea = min(width, Int(Double(stackRows) * 2 / imageAspect)) * stackRows
        let sideBySide = viewCount == 1 || sbsArea >= stackArea
        var views: [CellRect] = [], titles: [CellRect] = []
        var y = top
        if sideBySide {
            for i in 0..<viewCount {
                let x = i * (sbsWidth + 1)
                titles.append(CellRect(column: x, row: y, width: sbsWidth, height: 1))
                views.append(CellRect(column: x, row: y + 1, width: sbsWidth, height: sbsRows))
            }
            y += 1 + sbsRows
        } else {
            for _ in 0..<viewCount {
                titles.append(CellRect(column: 0, row: y, width: width, height: 1))
                views.append(CellRect(column: 0, row: y + 1, width: width, height: stackRows))
                y += 1 + stackRows
            }
        }
        let panel = CellRect(column: 0, row: y, width: width, height: max(0, height - bottom - y))
        guard panel.height >= min(panelRows, 4) else { return nil }
        return ConsoleLayout(views: views, titles: titles, panel: panel, sideBySide: sideBySide)
    }

    /// Draws the "terminal too small" message centred in the grid.
    public static func drawTooSmall(into grid: inout CellGrid) {
        grid.fill(column: 0, row: 0, width: grid.width, height: grid.height, with: .blank)
        let lines = ["Terminal too small: \(grid.width)x\(grid.height).",
                     "gaitlive needs at least \(minimumWidth)x\(minimumHeight).",
                     "Enlarge the window, or press q to quit."]
        for (i, l) in lines.enumerated() {
            let row = grid.height / 2 - 1 + i
            let text = String(l.prefix(grid.width))
            grid.put(text, column: max(0, (grid.width - text.count) / 2), row: row,
                     foreground: i == 0 ? Palette.warning : Palette.text)
        }
    }
}
