import CNCursesW
import Glibc
import Synchronization

/// The terminal under ncursesw: the only code that calls curses, used from one thread.
///
/// Starts curses with `newterm` (after `setlocale`), picks the rendering mode the terminal
/// supports (half-block greys with 256 colours and UTF-8, else ASCII), copies `CellGrid`s to the
/// screen writing only the cells that changed (`mvwadd_wchnstr` per changed span, then
/// `doupdate`), and reads keys without blocking (`wtimeout` + `wget_wch`). `end()` restores the
/// terminal; it is also run by the crash handler.
public final class Terminal {
    private var screen: OpaquePointer?
    private let window: UnsafeMutablePointer<WINDOW>
    public let colour: Bool
    public let utf8: Bool
    private var pairs: [UInt16: Int32] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32
    private var previous: CellGrid?
    private var ended = false
    private let meter: OutputMeter?

    /// What went wrong starting curses.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Takes over the process's terminal (stdin and stdout). `forceASCII` disables half-blocks and colour.
    public convenience init(forceASCII: Bool = false) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw StartError(description: "the console needs a terminal (stdin and stdout are not a tty); use --headless for scripts")
        }
        try self.init(inputFD: 0, outputFD: 1, terminalType: nil, forceASCII: forceASCII)
    }

    /// Runs curses on the terminal at `inputFD`/`outputFD` (e.g. a pseudo-terminal in the
    /// console benchmark), as terminal type `terminalType` (nil: `$TERM`).
    public init(inputFD: Int32, outputFD: Int32, terminalType: String?, forceASCII: Bool) throws {
        setlocale(LC_ALL, "")
        // Curses writes to its own duplicate of fd 1 (so the output meter can redirect it while it
        // updates the screen) and reads fd 0; Swift 6 rejects the stdout/stdin globals anyway.
        meter = OutputMeter(terminal: outputFD)
        guard let output = fdopen(meter?.cursesFD ?? dup(outputFD), "w"), let input = fdopen(dup(inputFD), "r"),
              let scr = newterm(terminalType, output, input) else {
            let term = terminalType ?? (getenv("TERM").map { String(cString: $0) } ?? "(unset)")
            throw StartError(description: "cannot start the console on terminal type '\(term)' (check TERM)")
        }
        screen = scr
        window = cnc_stdscr()!
        cbreak()
        noecho()
        set_escdelay(25) // a lone Esc is not held back a full second waiting for a sequence
        nonl()
        keypad(window, true)
        wtimeout(window, 0)
        curs_set(0)
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        utf8 = !forceASCII && codeset.uppercased().replacingUTF8Dash() == "UTF8"
        var colourOK = false
        if !forceASCII && has_colors() {
            start_color()
            use_default_colors()
            colourOK = cnc_colors() >= 256 && cnc_color_pairs() >= 1024
        }
        colour = colourOK
        maxPairs = Int32(min(cnc_color_pairs(), 32767))
        Terminal.installCrashRestore()
    }

    deinit { end() }

    /// Bytes written to the terminal since the console started (0 if metering is unavailable).
    public var bytesWritten: UInt64 { meter?.bytesWritten ?? 0 }

    /// Whether `bytesWritten` is measured.
    public var metered: Bool { meter.map { $0.capacity > 0 } ?? false }

    /// Rendering mode this terminal supports.
    public var mode: RenderMode { colour && utf8 ? .halfBlock : .ascii }

    /// Current size in cells.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Restores the terminal (idempotent).
    public func end() {
        guard !ended else { return }
        ended = true
        endwin()
        if let s = screen { delscreen(s) }
        screen = nil
    }

    /// Waits up to `milliseconds` for a key.
    public func readKey(timeoutMilliseconds ms: Int32) -> Key? {
        wtimeout(window, ms)
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == CNC_ERR { return nil }
        if r == CNC_KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_BTAB: return .backTab
            case KEY_RESIZE:
                previous = nil
                return .resize
            default: return .other(Int32(ch))
            }
        }
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .other(Int32(ch)) }
            return .character(Character(scalar))
        }
    }

    private func pair(_ fg: UInt8, _ bg: UInt8) -> Int32 {
        guard colour else { return 0 }
        let key = UInt16(fg) << 8 | UInt16(bg)
        if let p = pairs[key] { return p }
        if nextPair >= maxPairs {
            // Table full (a terminal with few pairs): start over; the next frame redraws everything.
            pairs.removeAll()
            nextPair = 1
            previous = nil
        }
        let p = nextPair
        nextPair += 1
        init_extended_pair(p, Int32(fg), Int32(bg))
        pairs[key] = p
        return p
    }

    /// Shows `grid`, writing only what changed since the last call.
    public func present(_ grid: CellGrid) {
        let (w, h) = size
        if previous?.width != grid.width || previous?.height != grid.height { previous = nil; werase(window) }
        var cells = [cchar_t](repeating: cchar_t(), count: grid.width)
        for row in 0..<min(h, grid.height) {
            var first = -1, last = -1
            for c in 0..<min(w, grid.width) {
                if let p = previous, p[c, row] == grid[c, row] { continue }
                if first < 0 { first = c }
                last = c
            }
            guard first >= 0 else { continue }
            for c in first...last {
                let cell = grid[c, row]
                var attrs = CNC_A_NORMAL
                if cell.attributes.contains(.bold) { attrs |= CNC_A_BOLD }
                if cell.attributes.contains(.reverse) { attrs |= CNC_A_REVERSE }
                if cell.attributes.contains(.dim) { attrs |= CNC_A_DIM }
                var text: [wchar_t] = [wchar_t(bitPattern: cell.character.unicodeScalars.first!.value), 0]
                if !utf8 && !cell.character.isASCII { text[0] = wchar_t(bitPattern: UInt32(UInt8(ascii: "?"))) }
                _ = cnc_setcchar(&cells[c - first], &text, attrs, pair(cell.foreground, cell.background))
            }
            _ = mvwadd_wchnstr(window, Int32(row), Int32(first), &cells, Int32(last - first + 1))
        }
        wnoutrefresh(window)
        // Meter the update unless a full repaint could overflow the meter's pipe.
        if let meter, meter.canMeter(worstCaseBytes: grid.width * grid.height * 40 + 4096) {
            meter.begin()
            doupdate()
            meter.end()
        } else {
            doupdate()
        }
        previous = grid
    }

    static func installCrashRestore() {
        SignalFlags.installCrashHandlers {
            // A crash inside a metered update leaves curses writing to the pipe: point it back.
            let c = crashCursesFD.load(ordering: .relaxed), t = crashTerminalFD.load(ordering: .relaxed)
            if c >= 0 && t >= 0 { dup2(t, c) }
            endwin()
        }
    }
}

extension String {
    fileprivate func replacingUTF8Dash() -> String { replacingOccurrences("-", "") }

    fileprivate func replacingOccurrences(_ a: Character, _ b: String) -> String {
        var s = ""
        for ch in self { if ch == a { s += b } else { s.append(ch) } }
        return s
    }
}
