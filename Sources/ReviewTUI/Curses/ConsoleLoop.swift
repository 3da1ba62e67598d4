import Glibc

/// Runs a screen on the terminal: keys in, a redraw about 25 times a second, until the screen
/// quits or a termination signal arrives. The one thread that touches curses.
public enum ConsoleLoop {
    /// How the console ended.
    public enum Ending: Equatable, Sendable {
        case quit
        case signal(Int32)
    }

    public static func run(_ screen: any ConsoleScreen, on terminal: Terminal, framesPerSecond: Double = 25) -> Ending {
        let interval = 1 / framesPerSecond
        var nextDraw = 0.0
        while true {
            if let s = SignalFlags.pending { return .signal(s) }
            let now = monotonicSeconds()
            if now >= nextDraw {
                if screen.tick(now: now) == .quit { return .quit }
                let (w, h) = terminal.size
                var grid = CellGrid(width: w, height: h)
                screen.draw(into: &grid)
                terminal.present(grid)
                nextDraw = now + interval
            }
            let wait = Int32(max(1, min(50, (nextDraw - monotonicSeconds()) * 1000)))
            if let key = terminal.readKey(timeoutMilliseconds: wait) {
                if screen.handle(key) == .quit { return .quit }
                nextDraw = 0 // show the effect of a key at once
            }
        }
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
