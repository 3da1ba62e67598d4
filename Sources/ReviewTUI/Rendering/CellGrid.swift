/// A rectangle of cells: what one console frame looks like, before it reaches a terminal.
///
/// Rows and columns are 0-based from the top left. Writing outside the grid is ignored, so
/// screens can draw without clipping arithmetic.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = [Cell](repeating: fill, count: self.width * self.height)
    }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * width + column] }
        set {
            guard column >= 0, row >= 0, column < width, row < height else { return }
            cells[row * width + column] = newValue
        }
    }

    public func contains(column: Int, row: Int) -> Bool {
        column >= 0 && row >= 0 && column < width && row < height
    }

    /// Writes `text` from (column, row), one character per cell, clipped at the grid's edge.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, column: Int, row: Int, foreground: UInt8 = Palette.text,
                             background: UInt8? = nil, attributes: Cell.Attributes = []) -> Int {
        var c = column
        guard row >= 0, row < height else { return c + text.count }
        for ch in text {
            if c >= 0 && c < width {
                let bg = background ?? self[c, row].background
                self[c, row] = Cell(ch, foreground: foreground, background: bg, attributes: attributes)
            }
            c += 1
        }
        return c
    }

    /// Fills a rectangle.
    public mutating func fill(column: Int, row: Int, width w: Int, height h: Int, with cell: Cell) {
        for r in max(0, row)..<min(height, row + h) {
            for c in max(0, column)..<min(width, column + w) { cells[r * width + c] = cell }
        }
    }

    /// The characters of one row as a string (tests, tmux comparisons).
    public func text(row: Int) -> String {
        String(cells[(row * width)..<((row + 1) * width)].map(\.character))
    }

    /// All rows joined with newlines, trailing spaces trimmed.
    public var text: String {
        (0..<height).map { r in
            var s = text(row: r)
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }.joined(separator: "\n")
    }
}
