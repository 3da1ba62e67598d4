import MarkerTracker
import Testing
@testable import ReviewTUI

@Suite struct RenderingTests {
    @Test func gridClipsWritesAndJoinsText() {
        var g = CellGrid(width: 5, height: 2)
        g.put("hello world", column: 2, row: 0)
        g.put("x", column: -1, row: 1)
        g.put("y", column: 4, row: 5)
        #expect(g.text(row: 0) == "  hel")
        #expect(g.text == "  hel\n")
    }

    @Test func downscalingAveragesTheArea() {
        // Left half 0, right half 200: a 2x1 canvas sees exactly those two levels (through the tone curve).
        var img = LumaImage(width: 8, height: 4, fill: 0)
        for y in 0..<4 { for x in 4..<8 { img[x, y] = 200 } }
        let c = FrameCanvas(image: img, width: 2, height: 1)
        #expect(c.values == [Palette.tone[0], Palette.tone[200]])
        // A single bright pixel in a 4x4 block contributes a sixteenth.
        var dot = LumaImage(width: 4, height: 4, fill: 0)
        dot[1, 2] = 160
        #expect(FrameCanvas(image: dot, width: 1, height: 1).values == [Palette.tone[10]])
    }

    /// The console canvas at every camera size (720p, 1080p, a portrait phone video, a padded row
    /// stride): a bright square lands in the cell under it and nowhere else.
    @Test(arguments: [(1280, 720, 0), (1920, 1080, 0), (720, 1280, 0), (1280, 720, 64), (64, 48, 3)])
    func largeFramesScaleToTheirCells(width: Int, height: Int, padding: Int) {
        let stride = width + padding
        var px = [UInt8](repeating: 0, count: stride * height)
        let (cx, cy, r) = (width * 3 / 4, height / 4, max(2, width / 40))
        for y in (cy - r)..<(cy + r) { for x in (cx - r)..<(cx + r) { px[y * stride + x] = 255 } }
        let image = LumaImage(width: width, height: height, stride: stride, pixels: px)
        let (w, h) = (40, 30)
        let c = FrameCanvas(image: image, width: w, height: h)
        let bright = c.values.indices.filter { c.values[$0] > Palette.tone[0] }
        let centre = (cy * h / height) * w + cx * w / width
        #expect(bright.contains(centre), "\(width)x\(height)")
        #expect(bright.allSatisfy { abs($0 % w - centre % w) <= 2 && abs($0 / w - centre / w) <= 2 }, "\(width)x\(height)")
    }

    @Test func ditherIsStableAndUsesTheTwoNearestGreys() {
        let img = LumaImage(width: 64, height: 64, fill: 77)
        let a = FrameCanvas(image: img, width: 16, height: 16)
        // The next frame of a still scene: sensor noise of a few levels in every pixel.
        var noisy = img
        for i in noisy.pixels.indices { noisy.pixels[i] = UInt8(77 + (i * 7919) % 5 - 2) }
        var b = FrameCanvas(image: noisy, width: 16, height: 16)
        #expect(b.values != a.values, "the noise must reach the canvas for the test to mean anything")
        b.stabilize(against: a, tolerance: 3)
        var ga = CellGrid(width: 16, height: 8), gb = CellGrid(width: 16, height: 8)
        let m = ViewMapping(imageWidth: 64, imageHeight: 64, fitting: CellRect(column: 0, row: 0, width: 16, height: 8),
                            mode: .halfBlock)
        a.paint(into: &ga, mapping: m, colour: true)
        b.paint(into: &gb, mapping: m, colour: true)
        #expect(ga == gb, "a still scene with noise below the tolerance must give the same cells")
        // A real change (a brighter scene) does come through.
        var c = FrameCanvas(image: LumaImage(width: 64, height: 64, fill: 140), width: 16, height: 16)
        c.stabilize(against: a, tolerance: 3)
        var gc = CellGrid(width: 16, height: 8)
        c.paint(into: &gc, mapping: m, colour: true)
        #expect(gc != ga)
        let used = Set(ga.cells.flatMap { [$0.foreground, $0.background] })
        #expect(used.count <= 2)
        let levels = used.map { Palette.brightness(ofGrey: $0) }.sorted()
        let v = Int(Palette.tone[77])
        #expect(levels.first! <= v && levels.last! >= v)
    }

    @Test func mappingKeepsTheAspectRatio() {
        // 640x480 into 120x40 cells: width-limited would need 45 rows, so height-limited: 40 rows, 106 columns.
        let m = ViewMapping(imageWidth: 640, imageHeight: 480, fitting: CellRect(column: 0, row: 0, width: 120, height: 40),
                            mode: .halfBlock)
        #expect(m.rows == 40)
        #expect(m.columns == 106)
        #expect(m.column == 7)
        #expect(m.canvasHeight == 80)
        let c = m.cell(Point(x: 639, y: 479))
        #expect(c?.column == 7 + 105 && c?.row == 39)
        #expect(m.cell(Point(x: -50, y: 10)) == nil)
    }

    @Test func layoutSideBySideWideStackedNarrowMessageWhenTiny() throws {
        let wide = try #require(ConsoleLayout.compute(width: 120, height: 40, viewCount: 2, panelRows: 9))
        #expect(wide.sideBySide)
        #expect(wide.views[0].width == 59 && wide.views[1].column == 60)
        #expect(wide.panel.height >= 9)
        let tall = try #require(ConsoleLayout.compute(width: 70, height: 80, viewCount: 2, panelRows: 9))
        #expect(!tall.sideBySide)
        #expect(tall.views[1].row > tall.views[0].row + tall.views[0].height)
        #expect(ConsoleLayout.compute(width: 50, height: 30, viewCount: 2, panelRows: 9) == nil)
        #expect(ConsoleLayout.compute(width: 100, height: 15, viewCount: 2, panelRows: 9) == nil)
        var g = CellGrid(width: 40, height: 10)
        ConsoleLayout.drawTooSmall(into: &g)
        #expect(g.text.contains("Terminal too small: 40x10."))
    }

    /// A 32x24 picture with two markers, drawn in ASCII into a 16x6 pane: the exact characters.
    @Test func asciiGolden() {
        var img = LumaImage(width: 32, height: 24, fill: 10)
        for y in 8..<16 { for x in 12..<20 { img[x, y] = 90 } } // a dim body block
        let markers: MarkerFrame = [
            TrackedMarker(position: Point(x: 6, y: 4), confidence: 1, source: .detected),
            TrackedMarker(position: Point(x: 26, y: 20), confidence: 0.5, source: .predicted),
        ] + [TrackedMarker?](repeating: nil, count: 4)
        var angles = AngleSet()
        angles[.trunkLean] = 7.6
        var grid = CellGrid(width: 16, height: 7)
        let pane = ViewPane(mode: .ascii, utf8: false, colour: false)
        pane.draw(image: img, content: .init(markerSet: .side, markers: markers, angles: angles), title: "SIDE",
                  status: "ok", statusColour: Palette.text, titleRect: CellRect(column: 0, row: 0, width: 16, height: 1),
                  rect: CellRect(column: 0, row: 1, width: 16, height: 6), into: &grid)
        let expected = [
            "SIDE          ok",
            "",
            "   O trunk 8", // the angle named (not SHO), a blank cell framing the label (issue #14: "-3.O")
            "      \\\\==",
            "      -=\\\\\\",
            "           \\\\",
            "          GT o",
        ].joined(separator: "\n")
        #expect(grid.text == expected,
                "got:\n\(grid.text)")
    }
}
