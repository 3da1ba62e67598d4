/// A key press as the screens understand it, independent of curses key codes.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab
    /// The terminal changed size.
    case resize
    /// A key the console has no use for (ignored).
    case other(Int32)
}

/// What a screen wants after handling a key.
public enum ScreenAction: Sendable, Equatable {
    case none
    /// Leave the console.
    case quit
}

/// A full-screen view of the console: draws itself into a grid and reacts to keys and time.
///
/// Screens never touch the terminal: the console loop owns it, on one thread.
public protocol ConsoleScreen: AnyObject {
    /// Handles one key press.
    func handle(_ key: Key) -> ScreenAction
    /// Called about every redraw interval with the monotonic time in seconds; returns `.quit`
    /// to end (e.g. a signal or all cameras gone).
    func tick(now: Double) -> ScreenAction
    /// Draws the whole screen.
    func draw(into grid: inout CellGrid)
    /// The console loop's measurements, given before each draw (for a debug line).
    func update(diagnostics: ConsoleDiagnostics)
}

extension ConsoleScreen {
    public func update(diagnostics: ConsoleDiagnostics) {}
}

/// What the console loop measures about itself: redraw cost and terminal bandwidth.
public struct ConsoleDiagnostics: Sendable, Equatable {
    /// Milliseconds the last redraw took (drawing the grid and writing it to the terminal).
    public var redrawMilliseconds: Double = 0
    /// Bytes per second written to the terminal, averaged over about a second.
    public var bytesPerSecond: Double = 0
    /// Redraws per second actually achieved.
    public var redrawsPerSecond: Double = 0
    /// The cap on redraws per second.
    public var maxRedrawsPerSecond: Double = 25

    public init() {}

    /// "redraw 3.1 ms  41 kB/s  25/25 fps" for the debug line.
    public var summary: String {
        let kb = bytesPerSecond / 1000
        let ms = (redrawMilliseconds * 10).rounded() / 10
        return "redraw \(ms) ms  \(kb >= 10 ? String(Int(kb.rounded())) : String((kb * 10).rounded() / 10)) kB/s to the terminal  "
            + "\(Int(redrawsPerSecond.rounded()))/\(Int(maxRedrawsPerSecond.rounded())) redraws/s"
    }
}
