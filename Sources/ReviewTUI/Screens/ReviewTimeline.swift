/// Review's timeline of the stage on one row: the REC clock at the stage's start and end, the
/// playhead, the notes (`♦`, ASCII `*`) and the pauses (`‖`, ASCII `#`: time not recorded), so
/// the therapist sees where the notes are and that a pause lies between two strides.
struct ReviewTimeline {
    /// Session seconds of the stage's first and last frame.
    var start: Double
    var end: Double
    /// REC clock at the start and the end.
    var recordedStart: Double
    var recordedEnd: Double
    var now: Double
    var notes: [Double]
    var pauses: [ClosedRange<Double>]
    var utf8: Bool
    var colour: Bool

    func draw(in rect: CellRect, into grid: inout CellGrid) {
        guard rect.width >= 30, rect.height >= 1 else { return }
        grid.fill(column: rect.column, row: rect.row, width: rect.width, height: 1, with: .blank)
        let left = TextFormat.clock(recordedStart) + " ", right = " " + TextFormat.clock(recordedEnd)
        let tail = notes.isEmpty ? "" : "  \(notes.count) note\(notes.count == 1 ? "" : "s") (N)"
        let barWidth = rect.width - left.count - right.count - tail.count
        guard barWidth >= 10 else { return }
        var x = grid.put(left, column: rect.column, row: rect.row, foreground: Palette.dimText)
        let bar = x
        func cell(_ t: Double) -> Int {
            let f = (t - start) / max(1e-9, end - start)
            return bar + min(barWidth - 1, max(0, Int((f * Double(barWidth - 1)).rounded())))
        }
        for c in bar..<(bar + barWidth) { grid[c, rect.row] = Cell(utf8 ? "─" : "-", foreground: 240) }
        for p in pauses {
            for c in cell(p.lowerBound)...cell(p.upperBound) {
                grid[c, rect.row] = Cell(utf8 ? "‖" : "#", foreground: colour ? Palette.warning : Palette.heading,
                                         attributes: [.bold])
            }
        }
        for n in notes {
            grid[cell(n), rect.row] = Cell(utf8 ? "♦" : "*", foreground: colour ? Palette.accent : Palette.heading,
                                           attributes: [.bold])
        }
        grid[cell(now), rect.row] = Cell(utf8 ? "●" : "@", foreground: colour ? Palette.good : Palette.heading,
                                         attributes: [.bold])
        x = grid.put(right, column: bar + barWidth, row: rect.row, foreground: Palette.dimText)
        if !tail.isEmpty { grid.put(tail, column: x, row: rect.row, foreground: Palette.text) }
    }
}
