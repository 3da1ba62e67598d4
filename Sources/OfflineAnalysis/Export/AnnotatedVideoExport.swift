public import MarkerTracker
public import CaptureKit
public import SessionStore

/// `gaitlive export --to video`: each stage and camera as a colour Y4M (`<stage>_<view>.y4m`,
/// 4:2:0) with the overlays drawn into the pictures: body segments, markers (green detected,
/// yellow bridged by prediction, blue placed by hand), angle values beside their joints, and the
/// stage, frame and time in a corner.
///
/// Everything drawn comes from the session's tables, read through the same `RecordedView` as
/// the review screen and the CSV export, so the video shows exactly the numbers the tables hold.
public enum AnnotatedVideoExport {
    /// Which angle is written beside which marker.
    static func labels(_ view: CameraView) -> [(marker: Int, angle: AngleKind, name: String)] {
        switch view {
        case .side:
            [(SideMarker.sho.rawValue, .trunkLean, "TRUNK"), (SideMarker.gt.rawValue, .hipFlexion, "HIP"),
             (SideMarker.kne.rawValue, .kneeFlexion, "KNEE"), (SideMarker.ank.rawValue, .ankleDorsiflexion, "ANKLE")]
        case .rear:
            [(RearMarker.lthi.rawValue, .hipAdductionLeft, "L ADD"), (RearMarker.rthi.rawValue, .hipAdductionRight, "R ADD"),
             (RearMarker.lkne.rawValue, .kneeFrontalLeft, "L FPPA"), (RearMarker.rkne.rawValue, .kneeFrontalRight, "R FPPA")]
        }
    }

    /// Size and exact rate of the recorded video: a Y4M file's own header, or one made from a
    /// Matroska track's nominal rate (120 fps stays 120:1).
    static func rate(of video: any RecordedVideo) -> Y4MHeader {
        if let y = video as? Y4MReader { return y.header }
        return Y4MHeader(width: video.width, height: video.height,
                         framesPerSecond: video.framesPerSecond > 0 ? video.framesPerSecond : 120, colour: .mono)
    }

    /// Writes every stage and view; returns the files written (names inside the export).
    @discardableResult
    public static func write(_ session: RecordedSession, to out: ExportDirectory) throws -> [String] {
        var names: [String] = []
        for stage in session.stages {
            for view in CameraView.allCases {
                guard let v = stage.views[view] else { continue }
                let name = "\(stage.info.directory)_\(view.rawValue).y4m"
                let h = AnnotatedVideoExport.rate(of: v.video)
                let header = Y4MHeader(width: h.width, height: h.height, rateNumerator: h.rateNumerator,
                                       rateDenominator: h.rateDenominator, colour: .c420jpeg,
                                       comments: ["GAITLIVE_VIEW=\(view.rawValue)", "GAITLIVE_ANNOTATED=1"])
                let writer = try Y4MWriter(creating: out.working + "/" + name, header: header)
                let title = "\(stage.info.kind) \(view.rawValue)".uppercased()
                let corrected = try CorrectedView(v, stageDirectory: session.directory + "/" + stage.info.directory,
                                                  manifest: session.manifest, stage: stage)
                for n in 0..<v.frameCount {
                    let canvas = try annotate(v, frame: n, title: title, corrected: corrected)
                    try writer.append(Frame(view: view, sequence: UInt32(truncatingIfNeeded: n), timestampNanoseconds: 0,
                                            luma: LumaImage(width: h.width, height: h.height, pixels: canvas.luma),
                                            chroma: ChromaPlanes(cb: canvas.cb, cr: canvas.cr)))
                }
                try writer.close()
                names.append(name)
            }
        }
        return names
    }

    /// Frame `n` of `v` with its overlays.
    /// Frame `n` of `v` with its overlays: each angle value named ("KNEE 44.0°", "L ADD 13.0°",
    /// "PELVIS R LOW 4.0°"), and `title` with the frame number and time at the top left unless
    /// `caption` is false (a key frame draws its own where it is cropped).
    public static func annotate(_ v: RecordedView, frame n: Int, title: String, corrected: CorrectedView? = nil,
                                caption: Bool = true) throws -> PixelCanvas {
        try annotated(v, frame: n, title: title, corrected: corrected, caption: caption).canvas
    }

    /// `annotate`, with the boxes the value labels were drawn in (x, y, width, height), so a
    /// crop can keep them whole.
    public static func annotated(_ v: RecordedView, frame n: Int, title: String, corrected: CorrectedView? = nil,
                                 caption: Bool = true) throws -> (canvas: PixelCanvas, labels: [(x: Int, y: Int, w: Int, h: Int)]) {
        var boxes: [(x: Int, y: Int, w: Int, h: Int)] = []
        let picture = try v.video.frame(at: n, view: v.view, sequence: 0, timestampNanoseconds: 0)
        var c = PixelCanvas(width: picture.luma.width, height: picture.luma.height, luma: picture.luma.pixels,
                            cb: picture.chroma?.cb, cr: picture.chroma?.cr)
        let (stored, _) = try v.readMarkers(at: n)
        let markers = corrected?.markers(stored, frame: n) ?? stored
        let storedAngles = try v.readAngles(at: n)
        let angles = corrected?.angles(storedAngles, frame: n) ?? storedAngles
        let entry = try v.indexEntry(at: n)
        let scale = c.width >= 480 ? 2 : 1
        if caption { c.text("\(title) \(n + 1) \(number(entry.seconds, 3))S", x: 2 * scale, y: 2 * scale, scale: scale) }
        let set = MarkerSet.standard(for: v.view)
        // Segments first, so the angle labels (on their dark boxes) stay readable over them.
        for seg in set.segments {
            guard let a = markers[seg.from]?.position, let b = markers[seg.to]?.position else { continue }
            c.line(from: (a.x, a.y), to: (b.x, b.y), thickness: scale, .segment)
        }
        for (m, kind, name) in labels(v.view) {
            guard let p = markers[m]?.position, let value = angles[kind] else { continue }
            let text = name + " " + number(value, 1) + "°"
            // From behind, the left leg is on the image's left: its labels go outside, to the left.
            let outward = v.view == .rear && (kind == .hipAdductionLeft || kind == .kneeFrontalLeft)
            let x = outward ? Int(p.x) - 6 * scale - (text.count * 6 + 1) * scale : Int(p.x) + 6 * scale
            let w = c.text(text, x: x, y: Int(p.y) - 4 * scale, scale: scale)
            boxes.append((x - scale, Int(p.y) - 5 * scale, w + scale, 9 * scale))
        }
        if v.view == .rear, let value = angles[.pelvicObliquity],
           let l = markers[RearMarker.lpsi.rawValue]?.position, let r = markers[RearMarker.rpsi.rawValue]?.position {
            // Obliquity + is the right side lower (docs/angles.md).
            let text = "PELVIS " + (abs(value) < 0.05 ? "LEVEL" : (value > 0 ? "R LOW " : "L LOW ") + number(abs(value), 1) + "°")
            let x = Int((l.x + r.x) / 2) - text.count * 3 * scale, y = Int(min(l.y, r.y)) - 14 * scale
            let w = c.text(text, x: x, y: y, scale: scale)
            boxes.append((x - scale, y - scale, w + scale, 9 * scale))
        }
        for m in markers {
            guard let m else { continue }
            let colour: PixelCanvas.Colour = switch m.source {
            case .detected: .detected
            case .predicted: .predicted
            case .manual: .manual
            }
            c.disc(x: m.position.x, y: m.position.y, radius: 2 + scale, colour)
        }
        return (c, boxes)
    }

    static func number(_ v: Double, _ decimals: Int) -> String {
        var r = CSVRow()
        r.add(v, decimals: decimals)
        return String(decoding: r.bytes, as: UTF8.self)
    }
}
