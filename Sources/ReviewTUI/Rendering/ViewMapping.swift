public import MarkerTracker

/// Where a camera picture sits on the grid and how image pixels map to cells.
///
/// The picture keeps its aspect ratio inside `rect` (cells are taken as twice as tall as wide)
/// and is centred in it.
public struct ViewMapping: Sendable, Equatable {
    public let imageWidth: Int
    public let imageHeight: Int
    /// Placement of the picture in cells.
    public let column: Int
    public let row: Int
    public let columns: Int
    public let rows: Int
    public let mode: RenderMode

    /// Fits an image of the given size into the cell rectangle.
    public init(imageWidth: Int, imageHeight: Int, fitting rect: CellRect, mode: RenderMode) {
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.mode = mode
        // A cell is 1 wide x 2 tall in screen units: columns * (H/W) = rows * 2.
        let aspect = Double(imageHeight) / Double(imageWidth)
        var cols = rect.width
        var rws = Int((Double(cols) * aspect / 2).rounded(.down))
        if rws > rect.height {
            rws = rect.height
            cols = Int((Double(rws) * 2 / aspect).rounded(.down))
        }
        columns = max(1, min(cols, rect.width))
        rows = max(1, min(rws, rect.height))
        column = rect.column + (rect.width - columns) / 2
        row = rect.row + (rect.height - rows) / 2
    }

    /// Canvas pixels across and down (half-block doubles the vertical resolution).
    public var canvasWidth: Int { columns }
    public var canvasHeight: Int { mode == .halfBlock ? rows * 2 : rows }

    /// Canvas pixel position (fractional) of an image point.
    public func canvasPoint(_ p: Point) -> Point {
        Point(x: (p.x + 0.5) * Double(canvasWidth) / Double(imageWidth) - 0.5,
              y: (p.y + 0.5) * Double(canvasHeight) / Double(imageHeight) - 0.5)
    }

    /// The grid cell showing an image point, or nil if outside the picture.
    public func cell(_ p: Point) -> (column: Int, row: Int)? {
        let c = canvasPoint(p)
        let cx = Int(c.x.rounded())
        let cy = Int(c.y.rounded())
        let cr = mode == .halfBlock ? cy >> 1 : cy
        guard cx >= 0, cx < columns, cr >= 0, cr < rows, cy >= 0 else { return nil }
        return (column + cx, row + cr)
    }
}

/// A rectangle of grid cells.
public struct CellRect: Sendable, Equatable {
    public var column: Int
    public var row: Int
    public var width: Int
    public var height: Int

    public init(column: Int, row: Int, width: Int, height: Int) {
        self.column = column
        self.row = row
        self.width = max(0, width)
        self.height = max(0, height)
    }
}
