import SessionStore
/// A one-line text prompt in the help row: typing, backspace, Enter to accept, Esc to cancel.
///
/// Used to mark a moment of the live session with a note, and to add notes in review.
public struct LineEditor: Sendable, Equatable {
    public var prompt: String
    public private(set) var text = ""
    public var maxLength = 200

    /// The outcome of one key.
    public enum Outcome: Sendable, Equatable {
        case editing
        case accepted(String)
        case cancelled
    }

    public init(prompt: String) { self.prompt = prompt }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter:
            let t = text.trimmingWhitespace()
            return t.isEmpty ? .cancelled : .accepted(t)
        case .escape:
            return .cancelled
        case .backspace:
            if !text.isEmpty { text.removeLast() }
        case .character(let c):
            if text.count < maxLength, !c.isNewline, c.isASCII ? c.asciiValue! >= 32 : true {
                text.append(c)
            }
        default:
            break
        }
        return .editing
    }

    /// Draws the prompt and text in `row`, with the end of a long text visible.
    public func draw(into grid: inout CellGrid, row: Int, utf8: Bool) {
        grid.fill(column: 0, row: row, width: grid.width, height: 1, with: Cell(" ", background: 236))
        var x = grid.put(" " + prompt + " ", column: 0, row: row, foreground: Palette.accent, background: 236,
                         attributes: [.bold])
        let room = max(0, grid.width - x - 2)
        let visible = text.count > room ? String(text.suffix(room)) : text
        x = grid.put(visible, column: x, row: row, foreground: Palette.heading, background: 236)
        grid.put(utf8 ? "▏" : "_", column: x, row: row, foreground: Palette.accent, background: 236)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
