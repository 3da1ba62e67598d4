import Foundation
public import MarkerTracker
public import CaptureKit
public import SessionStore

/// A still of one camera at a gait event (initial contact, midstance, toe-off) of a typical
/// stride, with the overlays drawn as the annotated video export draws them, cropped to the
/// athlete and encoded as PNG.
public struct KeyFrame: Sendable, Equatable {
    public var stage: String
    public var view: CameraView
    /// The event of the camera-side leg's stride this picture shows.
    public var event: GaitEvent.Kind
    public var side: BodySide
    /// Recorded frame number in the view's video.
    public var frame: Int
    /// Session seconds of that frame.
    public var seconds: Double
    public var width: Int
    public var height: Int
    public var png: [UInt8]
    /// What the picture is there to show ("pelvic drop in left stance (right side drops)"); nil
    /// for the typical stride's pictures.
    public var shows: String?

    /// Renders frame `n` of `rv` with its overlays, cropped around the markers, with `title`
    /// drawn inside the crop (widened to hold it) so it is never cut.
    public static func render(_ rv: RecordedView, frame n: Int, stage: String, event: GaitEvent.Kind, side: BodySide,
                              title: String, corrected: CorrectedView? = nil, shows: String? = nil) throws -> KeyFrame {
        var (canvas, labels) = try AnnotatedVideoExport.annotated(rv, frame: n, title: title, corrected: corrected, caption: false)
        let markers = rv.markers(at: n).compactMap { $0?.position }
        var crop = cropRect(markers, width: canvas.width, height: canvas.height)
        // Keep every value label whole.
        for b in labels {
            let x0 = max(0, min(crop.x, b.x)), y0 = max(0, min(crop.y, b.y))
            let x1 = min(canvas.width, max(crop.x + crop.w, b.x + b.w)), y1 = min(canvas.height, max(crop.y + crop.h, b.y + b.h))
            crop = (x0, y0, x1 - x0, y1 - y0)
        }
        let scale = canvas.width >= 480 ? 2 : 1
        let needed = (title.count * 6 + 4) * scale
        if crop.w < needed {
            let x0 = max(0, min(crop.x - (needed - crop.w) / 2, canvas.width - needed))
            crop = (x0, crop.y, min(needed, canvas.width - x0), crop.h)
        }
        _ = canvas.text(title, x: crop.x + 2 * scale, y: crop.y + 2 * scale, scale: scale)
        let rgb = rgbCrop(canvas, crop)
        return KeyFrame(stage: stage, view: rv.view, event: event, side: side, frame: n,
                        seconds: (try? rv.indexEntry(at: n).seconds) ?? 0, width: crop.w, height: crop.h,
                        png: PNGEncoder.encode(width: crop.w, height: crop.h, rgb: rgb), shows: shows)
    }

    /// The markers' bounding box with a margin (a quarter of its larger side, at least 24 px),
    /// inside the picture; the whole picture when no marker is known.
    static func cropRect(_ points: [Point], width: Int, height: Int) -> (x: Int, y: Int, w: Int, h: Int) {
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
              let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else {
            return (0, 0, width, height)
        }
        let margin = max(24, 0.25 * max(maxX - minX, maxY - minY))
        let x0 = max(0, Int((minX - margin).rounded(.down))), x1 = min(width, Int((maxX + margin).rounded(.up)))
        let y0 = max(0, Int((minY - margin).rounded(.down))), y1 = min(height, Int((maxY + margin).rounded(.up)))
        guard x1 - x0 >= 16, y1 - y0 >= 16 else { return (0, 0, width, height) }
        return (x0, y0, x1 - x0, y1 - y0)
    }

    /// The cropped region as 8-bit RGB (JPEG full-range YCbCr, 4:2:0 chroma).
    static func rgbCrop(_ c: PixelCanvas, _ r: (x: Int, y: Int, w: Int, h: Int)) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: r.w * r.h * 3)
        let cw = (c.width + 1) / 2
        func clamp(_ v: Double) -> UInt8 { UInt8(max(0, min(255, v.rounded()))) }
        var o = 0
        for y in r.y..<(r.y + r.h) {
            for x in r.x..<(r.x + r.w) {
                let luma = Double(c.luma[y * c.width + x])
                let ci = (y / 2) * cw + x / 2
                let cb = Double(c.cb[ci]) - 128, cr = Double(c.cr[ci]) - 128
                out[o] = clamp(luma + 1.402 * cr)
                out[o + 1] = clamp(luma - 0.344136 * cb - 0.714136 * cr)
                out[o + 2] = clamp(luma + 1.772 * cb)
                o += 3
            }
        }
        return out
    }

    /// The picture as a `data:` URI for HTML.
    public var dataURI: String { "data:image/png;base64," + Data(png).base64EncodedString() }
}
