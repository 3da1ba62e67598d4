import Glibc

/// Runs a screen on the terminal: keys in, a redraw about 25 times a second, until the screen
/// quits or a termination signal arrives. The one thread that touches curses.
public enum ConsoleLoop {
    /// How the console ended.
    public enum Ending: Equatable, Sendable {
        case quit
        case signal(Int32)
    }

    /// Runs until quit or a signal. Redraws at most `framesPerSecond` times a second (lower it
    /// for slow links); only changed cells are written.
    public static func run(_ screen: any ConsoleScreen, on terminal: Terminal, framesPerSecond: Double = 25) -> Ending {
        let interval = 1 / framesPerSecond
        var nextDraw = 0.0
        var diagnostics = ConsoleDiagnostics()
        diagnostics.maxRedrawsPerSecond = framesPerSecond
        var windowStart = monotonicSeconds(), windowBytes = terminal.bytesWritten, windowDraws = 0
        while true {
            if let s = SignalFlags.pending { return .signal(s) }
            let now = monotonicSeconds()
            if now >= nextDraw {
                if screen.tick(now: now) == .quit { return .quit }
                screen.update(diagnostics: diagnostics)
                let (w, h) = terminal.size
                var grid = CellGrid(width: w, height: h)
                screen.draw(into: &grid)
                terminal.present(grid)
                let done = monotonicSeconds()
                diagnostics.redrawMilliseconds = (done - now) * 1000
                windowDraws += 1
                if done - windowStart >= 1 {
                    let bytes = terminal.bytesWritten
                    diagnostics.bytesPerSecond = Double(bytes - windowBytes) / (done - windowStart)
                    diagnostics.redrawsPerSecond = Double(windowDraws) / (done - windowStart)
                    windowStart = done
                    windowBytes = bytes
                    windowDraws = 0
                }
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
