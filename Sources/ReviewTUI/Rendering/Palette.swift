import Foundation

/// The colours the console uses, as xterm-256 indices, and the grey ramp frames are drawn with.
///
/// Frames use only greys (16, 232-255, 231): 26 levels, so every foreground/background pair of
/// a half-block cell fits a small fixed pair table. Overlays use reserved saturated colours
/// that never occur in a frame.
public enum Palette {
    public static let panel: UInt8 = 16 // black
    public static let text: UInt8 = 252
    public static let dimText: UInt8 = 244
    public static let heading: UInt8 = 255
    public static let accent: UInt8 = 45 // cyan
    public static let warning: UInt8 = 214 // orange
    public static let alarm: UInt8 = 196 // red
    public static let good: UInt8 = 46 // green
    public static let record: UInt8 = 196

    /// Overlay colours.
    public static let marker: UInt8 = 226 // yellow
    public static let predictedMarker: UInt8 = 208 // orange
    public static let manualMarker: UInt8 = 201 // magenta
    public static let segment: UInt8 = 51 // bright cyan
    public static let leftSide: UInt8 = 39 // blue
    public static let rightSide: UInt8 = 203 // salmon red
    public static let angleText: UInt8 = 231 // white
    public static let truth: UInt8 = 118 // light green (ground truth, simulated runs)

    /// The grey levels available, ascending: (brightness 0-255, xterm index).
    public static let greys: [(level: Int, index: UInt8)] = {
        var g: [(Int, UInt8)] = [(0, 16)]
        for i in 0..<24 { g.append((8 + 10 * i, UInt8(232 + i))) }
        g.append((255, 231))
        return g.map { (level: $0.0, index: $0.1) }
    }()

    /// Display tone curve: lifts dark tones so a dim silhouette in a dark room stays visible.
    /// Maps brightness 0-255 to display brightness 0-255.
    public static let tone: [UInt8] = (0..<256).map { v in
        let x = Double(v) / 255
        return UInt8((255 * pow(x, 0.55)).rounded())
    }

    /// Index in `greys` of the level at or below `v`.
    public static let greyFloor: [UInt8] = (0..<256).map { v in
        var best = 0
        for (i, g) in greys.enumerated() where g.level <= v { best = i }
        return UInt8(best)
    }

    /// Approximate brightness of an xterm-256 colour index (for ASCII fallbacks and tests).
    public static func brightness(ofGrey index: UInt8) -> Int {
        greys.first { $0.index == index }?.level ?? 128
    }
}
