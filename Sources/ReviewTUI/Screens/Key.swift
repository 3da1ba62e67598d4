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
}
