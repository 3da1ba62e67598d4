public import MarkerTracker
import SessionStore

/// Manual marker correction in review: pick a marker of the shown frame, nudge it, save it.
///
/// Tab / Shift-Tab pick the marker, the arrow keys move it one pixel (`H` `J` `K` `L` five),
/// Enter saves, Esc discards. A missing marker starts at the middle of its neighbours (or the
/// picture centre).
public struct MarkerEditor: Sendable, Equatable {
    public let view: CameraView
    public let frame: Int
    public private(set) var marker: Int
    public private(set) var position: Point
    public private(set) var moved = false
    let original: MarkerFrame
    let imageWidth: Int
    let imageHeight: Int

    /// What a key did.
    public enum Outcome: Sendable, Equatable {
        case editing
        case save(marker: Int, position: Point)
        case cancel
    }

    public init(view: CameraView, frame: Int, markers: MarkerFrame, imageWidth: Int, imageHeight: Int) {
        self.view = view
        self.frame = frame
        original = markers
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        marker = markers.firstIndex { $0 != nil } ?? 0
        position = .zero
        position = start(for: marker)
    }

    func start(for m: Int) -> Point {
        if let p = original[m]?.position { return p }
        let known = original.compactMap { $0?.position }
        guard !known.isEmpty else { return Point(x: Double(imageWidth) / 2, y: Double(imageHeight) / 2) }
        return known.reduce(Point.zero, +) / Double(known.count)
    }

    /// The frame's markers with the one being edited at its current position.
    public var markers: MarkerFrame {
        var m = original
        m[marker] = TrackedMarker(position: position, confidence: 1, source: .manual)
        return m
    }

    public var label: String { MarkerSet.standard(for: view).labels[marker] }

    public mutating func handle(_ key: Key) -> Outcome {
        let n = original.count
        func step(_ dx: Double, _ dy: Double) {
            position = Point(x: min(Double(imageWidth - 1), max(0, position.x + dx)),
                             y: min(Double(imageHeight - 1), max(0, position.y + dy)))
            moved = true
        }
        switch key {
        case .tab, .backTab:
            marker = (marker + (key == .tab ? 1 : n - 1)) % n
            position = start(for: marker)
            moved = false
        case .left: step(-1, 0)
        case .right: step(1, 0)
        case .up: step(0, -1)
        case .down: step(0, 1)
        case .character("H"): step(-5, 0)
        case .character("L"): step(5, 0)
        case .character("K"): step(0, -5)
        case .character("J"): step(0, 5)
        case .enter: return .save(marker: marker, position: position)
        case .escape: return .cancel
        default: break
        }
        return .editing
    }
}
