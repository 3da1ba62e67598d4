public import MarkerTracker

/// Draws the analysis over a picture: body segments, LED markers with their labels, and angle
/// values at the joints, in reserved colours that never occur in a frame.
///
/// In half-block mode segments are thin pixel lines in the canvas (call `drawSegments` before
/// painting the canvas); in ASCII mode they are slope characters (`- | / \`). Markers and text
/// are cells drawn after the picture. Readable without colour: markers and labels are bold.
public struct OverlayPainter: Sendable {
    public var utf8: Bool
    public var colour: Bool

    public init(utf8: Bool, colour: Bool) {
        self.utf8 = utf8
        self.colour = colour
    }

    /// What to draw for one view.
    public struct Content: Sendable {
        public var markerSet: MarkerSet
        public var markers: MarkerFrame
        public var angles: AngleSet
        /// Ground-truth marker positions (simulated sessions), drawn as small crosses if present.
        public var truth: [Point?]?

        public init(markerSet: MarkerSet, markers: MarkerFrame, angles: AngleSet, truth: [Point?]? = nil) {
            self.markerSet = markerSet
            self.markers = markers
            self.angles = angles
            self.truth = truth
        }
    }

    func segmentColour(_ set: MarkerSet, _ seg: MarkerSet.Segment) -> UInt8 {
        guard set.view == .rear else { return Palette.segment }
        let from = set.labels[seg.from], to = set.labels[seg.to]
        if from.hasPrefix("L") && to.hasPrefix("L") { return Palette.leftSide }
        if from.hasPrefix("R") && to.hasPrefix("R") { return Palette.rightSide }
        return Palette.segment
    }

    /// Half-block mode: segments as pixel lines in the canvas overlay.
    public func drawSegments(_ content: Content, mapping: ViewMapping, into canvas: inout FrameCanvas) {
        guard mapping.mode == .halfBlock else { return }
        for seg in content.markerSet.segments {
            guard let a = content.markers[seg.from], let b = content.markers[seg.to] else { continue }
            canvas.line(from: mapping.canvasPoint(a.position), to: mapping.canvasPoint(b.position),
                        colour: segmentColour(content.markerSet, seg))
        }
    }

    /// Markers, labels, angle values (and ASCII segments) as cells over the painted picture.
    public func drawMarkers(_ content: Content, mapping: ViewMapping, into grid: inout CellGrid) {
        let set = content.markerSet
        var used = Set<Int>() // cells taken by markers and labels
        var markerCells = Set<Int>()
        func key(_ c: Int, _ r: Int) -> Int { r * 10_000 + c }

        if mapping.mode == .ascii {
            for seg in set.segments {
                guard let a = content.markers[seg.from], let b = content.markers[seg.to] else { continue }
                asciiLine(a.position, b.position, mapping: mapping, colour: segmentColour(set, seg), into: &grid)
            }
        }
        // Ground truth first, so detections draw over it.
        if let truth = content.truth {
            for p in truth.compactMap({ $0 }) {
                guard let (c, r) = mapping.cell(p) else { continue }
                grid[c, r] = Cell("+", foreground: colour ? Palette.truth : Palette.dimText,
                                  background: grid[c, r].background)
            }
        }
        for m in content.markers {
            guard let m, let (c, r) = mapping.cell(m.position) else { continue }
            let fg: UInt8 = switch m.source {
            case .detected: Palette.marker
            case .predicted: Palette.predictedMarker
            case .manual: Palette.manualMarker
            }
            let glyph: Character = m.source == .predicted ? (utf8 ? "○" : "o") : (utf8 ? "●" : "O")
            grid[c, r] = Cell(glyph, foreground: colour ? fg : Palette.heading, background: Palette.panel,
                              attributes: [.bold])
            used.insert(key(c, r))
            markerCells.insert(key(c, r))
        }
        // Labels: the angle measured at the marker, named ("hip flex 35°"), else the marker's name.
        for (i, m) in content.markers.enumerated() {
            guard let m, let (c, r) = mapping.cell(m.position) else { continue }
            var text = set.labels[i]
            if let (kind, v) = angleAt(marker: i, set: set, angles: content.angles) {
                text = kind.shortName + " " + format(v)
            }
            place(text, near: (c, r), mapping: mapping, used: &used, key: key, into: &grid,
                  fg: colour ? Palette.angleText : Palette.heading, avoiding: markerCells.subtracting([key(c, r)]))
        }
        // Pelvic obliquity between the two spines (rear view), with the side that is low.
        if set.view == .rear, let v = content.angles[.pelvicObliquity],
           let l = content.markers[RearMarker.lpsi.rawValue], let rr = content.markers[RearMarker.rpsi.rawValue] {
            let mid = (l.position + rr.position) / 2
            if let (c, r) = mapping.cell(mid) {
                place(OverlayPainter.pelvisLabel(v, utf8: utf8), near: (c, r - 1), mapping: mapping, used: &used, key: key,
                      into: &grid, fg: colour ? Palette.accent : Palette.heading, centred: true, avoiding: markerCells)
            }
        }
    }

    /// Pelvic obliquity with the low side ("pelvis R low 5°"; positive = right side lower).
    public static func pelvisLabel(_ v: Double, utf8: Bool) -> String {
        let r = Int(abs(v).rounded())
        guard r > 0 else { return "pelvis level" }
        return "pelvis \(v > 0 ? "R" : "L") low \(r)" + (utf8 ? "°" : "")
    }

    /// The angle drawn beside marker `i`, if any.
    func angleAt(marker i: Int, set: MarkerSet, angles: AngleSet) -> (AngleKind, Double)? {
        let kind: AngleKind?
        switch set.view {
        case .side:
            switch SideMarker(rawValue: i) {
            case .sho: kind = .trunkLean
            case .gt: kind = .hipFlexion
            case .kne: kind = .kneeFlexion
            case .ank: kind = .ankleDorsiflexion
            default: kind = nil
            }
        case .rear:
            switch RearMarker(rawValue: i) {
            case .lthi: kind = .hipAdductionLeft
            case .rthi: kind = .hipAdductionRight
            case .lkne: kind = .kneeFrontalLeft
            case .rkne: kind = .kneeFrontalRight
            default: kind = nil
            }
        }
        guard let kind, let v = angles[kind] else { return nil }
        return (kind, v)
    }

    func format(_ v: Double) -> String {
        let r = Int(v.rounded())
        return utf8 ? "\(r)°" : "\(r)"
    }

    /// Writes `text` beside (c, r): right of it, else left, else below/above, avoiding used cells
    /// and never right beside one of the `others` markers.
    func place(_ text: String, near cell: (Int, Int), mapping: ViewMapping, used: inout Set<Int>,
               key: (Int, Int) -> Int, into grid: inout CellGrid, fg: UInt8, centred: Bool = false,
               avoiding others: Set<Int> = []) {
        let (c, r) = cell
        let n = text.count
        let minC = mapping.column, maxC = mapping.column + mapping.columns - 1
        let minR = mapping.row, maxR = mapping.row + mapping.rows - 1
        var candidates: [(Int, Int)] = centred ? [(c - n / 2, r), (c - n / 2, r + 2)] : []
        candidates += [(c + 2, r), (c - n - 1, r), (c + 1, r + 1), (c + 1, r - 1), (c - n, r + 1), (c - n, r - 1)]
        for (sc, sr) in candidates {
            guard sr >= minR, sr <= maxR, sc >= minC, sc + n - 1 <= maxC else { continue }
            if (sc..<(sc + n)).contains(where: { used.contains(key($0, sr)) }) { continue }
            // Not touching another marker: "RPSI●●LPSI" reads as either label for either LED.
            if others.contains(key(sc - 1, sr)) || others.contains(key(sc + n, sr)) { continue }
            grid.put(text, column: sc, row: sr, foreground: fg, background: Palette.panel, attributes: [.bold])
            for x in sc..<(sc + n) { used.insert(key(x, sr)) }
            if !utf8 {
                // ASCII: the picture's ramp beside a label reads as part of it: a "." then the
                // marker "O" after "LTHI -3" made "LTHI -3.O", read as -3.0. Blank cells frame it.
                for x in [sc - 1, sc + n] where x >= minC && x <= maxC && !used.contains(key(x, sr)) {
                    grid[x, sr] = Cell(" ", foreground: fg, background: Palette.panel)
                    used.insert(key(x, sr))
                }
            }
            return
        }
    }

    /// ASCII mode: a segment as slope characters between two image points, one character per
    /// row for steep lines and per column for shallow ones (cells are twice as tall as wide).
    func asciiLine(_ a: Point, _ b: Point, mapping: ViewMapping, colour c: UInt8, into grid: inout CellGrid) {
        let pa = mapping.canvasPoint(a), pb = mapping.canvasPoint(b)
        let dx = pb.x - pa.x, dy = pb.y - pa.y
        let screenDy = dy * 2
        let ch: Character
        if abs(dx) > 2 * abs(screenDy) { ch = "-" } else if abs(screenDy) > 2 * abs(dx) { ch = "|" } else {
            ch = (dx > 0) == (dy > 0) ? "\\" : "/"
        }
        let steep = abs(screenDy) >= abs(dx)
        let steps = Int((steep ? abs(dy) : abs(dx)).rounded())
        guard steps > 1 else { return }
        for s in 1..<steps {
            let t = Double(s) / Double(steps)
            let x = Int((pa.x + dx * t).rounded()), y = Int((pa.y + dy * t).rounded())
            guard x >= 0, y >= 0, x < mapping.columns, y < mapping.rows else { continue }
            grid[mapping.column + x, mapping.row + y] = Cell(ch, foreground: colour ? c : Palette.heading,
                                                             background: Palette.panel)
        }
    }
}
