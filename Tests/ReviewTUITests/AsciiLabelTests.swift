import MarkerTracker
import Testing
@testable import ReviewTUI

/// Issue #14, item 11: with `--ascii` a label beside its marker read "LTHI -3.O" (the ramp's "."
/// between the label and the marker "O"), taken for -3.0. Blank cells now frame each label.
@Suite struct AsciiLabelTests {
    @Test func aLabelIsNotRunIntoThePictureOrItsMarker() throws {
        let rect = CellRect(column: 0, row: 0, width: 60, height: 20)
        let m = ViewMapping(imageWidth: 240, imageHeight: 80, fitting: rect, mode: .ascii)
        var grid = CellGrid(width: 60, height: 20, fill: Cell(".", foreground: 250, background: 16))
        let set = MarkerSet.standard(for: .rear)
        var markers = MarkerFrame(repeating: nil, count: set.count)
        func at(_ x: Double, _ y: Double) -> TrackedMarker { TrackedMarker(position: Point(x: x, y: y), confidence: 1, source: .detected) }
        // LTHI with RTHI close on its right: the label must go to the left of the marker.
        markers[RearMarker.lthi.rawValue] = at(120, 40)
        markers[RearMarker.rthi.rawValue] = at(132, 40)
        var angles = AngleSet()
        angles[.hipAdductionLeft] = -3
        OverlayPainter(utf8: false, colour: false)
            .drawMarkers(.init(markerSet: set, markers: markers, angles: angles), mapping: m, into: &grid)
        let (c, r) = try #require(m.cell(Point(x: 120, y: 40)))
        let row = String((0..<60).map { grid[$0, r].character })
        #expect(row.contains("hip add L -3 O"), "\(row)") // the angle named, a blank before the marker
        #expect(!row.contains("-3.O"), "\(row)")
        #expect(grid[c, r].character == "O")
    }
}
