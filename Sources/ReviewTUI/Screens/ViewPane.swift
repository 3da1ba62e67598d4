public import MarkerTracker

/// Draws one camera view: its title row, the picture as text art and the overlays.
public struct ViewPane: Sendable {
    public var mode: RenderMode
    public var utf8: Bool
    public var colour: Bool
    /// Display levels of change ignored between consecutive pictures of one pane (noise).
    public var stabilityTolerance: UInt8 = 3

    public init(mode: RenderMode, utf8: Bool, colour: Bool) {
        self.mode = mode
        self.utf8 = utf8
        self.colour = colour
    }

    /// Draws `image` with `content` into `rect`, with `title` (left) and `status` (right) above it.
    public func draw(image: LumaImage?, content: OverlayPainter.Content, title: String, status: String,
                     statusColour: UInt8, titleRect: CellRect, rect: CellRect, into grid: inout CellGrid) {
        var none: FrameCanvas?
        draw(image: image, content: content, title: title, status: status, statusColour: statusColour,
             titleRect: titleRect, rect: rect, into: &grid, memory: &none)
    }

    /// The same, for a pane drawn again and again (live, playback): `memory` holds the picture drawn
    /// last time; values within `stabilityTolerance` of it are kept, so sensor noise does not
    /// repaint cells and a still scene costs no terminal output.
    public func draw(image: LumaImage?, content: OverlayPainter.Content, title: String, status: String,
                     statusColour: UInt8, titleRect: CellRect, rect: CellRect, into grid: inout CellGrid,
                     memory: inout FrameCanvas?) {
        grid.fill(column: titleRect.column, row: titleRect.row, width: titleRect.width, height: 1,
                  with: Cell(" ", background: Palette.panel))
        grid.put(String(title.prefix(titleRect.width)), column: titleRect.column, row: titleRect.row,
                 foreground: Palette.heading, attributes: [.bold])
        let s = String(status.prefix(max(0, titleRect.width - title.count - 1)))
        grid.put(s, column: titleRect.column + titleRect.width - s.count, row: titleRect.row,
                 foreground: colour ? statusColour : Palette.text)
        grid.fill(column: rect.column, row: rect.row, width: rect.width, height: rect.height, with: .blank)
        guard let image else {
            grid.put("no picture", column: rect.column + max(0, rect.width / 2 - 5), row: rect.row + rect.height / 2,
                     foreground: Palette.dimText)
            return
        }
        let mapping = ViewMapping(imageWidth: image.width, imageHeight: image.height, fitting: rect, mode: mode)
        var canvas = FrameCanvas(image: image, width: mapping.canvasWidth, height: mapping.canvasHeight)
        canvas.stabilize(against: memory, tolerance: stabilityTolerance)
        memory = canvas
        let painter = OverlayPainter(utf8: utf8, colour: colour)
        painter.drawSegments(content, mapping: mapping, into: &canvas)
        canvas.paint(into: &grid, mapping: mapping, colour: colour)
        painter.drawMarkers(content, mapping: mapping, into: &grid)
    }
}
