/// The `?` list of keys in a box over the screen, wrapped to the terminal's width (continuation
/// lines under the descriptions) and paged when it is taller than the screen: down, PgDn or space
/// shows the next page, up or PgUp the previous; any other key closes it.
struct HelpOverlay {
    var title: String
    var lines: [String]
    /// Where the descriptions begin (continuation lines are indented to it).
    var indent: Int
    private(set) var top = 0
    /// Rows shown at the last draw, and the wrapped line count.
    private var rows = Int.max
    private var total = 0

    init<C>(title: String, keys: [KeyBinding<C>], notes: [String]) {
        self.title = title
        lines = KeyTable.helpLines(keys) + (notes.isEmpty ? [] : [""] + notes)
        indent = min(24, (keys.map(\.names.count).max() ?? 0) + 3)
    }

    /// False when the key closes the box.
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .resize: return true
        case .down, .pageDown, .character(" "), .character("j"):
            guard top + rows < total else { return false }
            top += rows
            return true
        case .up, .pageUp, .character("k"):
            guard top > 0 else { return false }
            top = max(0, top - rows)
            return true
        default: return false
        }
    }

    /// `lines` wrapped to `width` columns.
    func wrapped(_ width: Int) -> [String] {
        var out: [String] = []
        for l in lines {
            var rest = Substring(l)
            var first = true
            repeat {
                let lead = first ? "" : String(repeating: " ", count: indent)
                let room = max(10, width - lead.count)
                var cut = rest.endIndex
                if rest.count > room {
                    cut = rest.index(rest.startIndex, offsetBy: room)
                    if let space = rest[..<cut].lastIndex(of: " "), rest.distance(from: rest.startIndex, to: space) > room / 2 {
                        cut = space
                    }
                }
                out.append(lead + rest[..<cut])
                rest = rest[cut...].drop { $0 == " " }
                first = false
            } while !rest.isEmpty
        }
        return out
    }

    mutating func draw(into grid: inout CellGrid, utf8: Bool) {
        let body = wrapped(max(20, grid.width - 6))
        total = body.count
        rows = max(1, grid.height - 4)
        top = min(top, max(0, total - 1))
        let shown = Array(body.dropFirst(top).prefix(rows))
        var t = title
        if total > rows {
            t += " \(top / rows + 1)/\((total + rows - 1) / rows)" + (top + rows < total ? (utf8 ? " ↓ more" : " down: more") : "")
        }
        TextFormat.drawOverlayBox(shown, title: t, into: &grid, utf8: utf8)
    }
}
