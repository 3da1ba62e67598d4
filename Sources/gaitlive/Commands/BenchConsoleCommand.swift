import ArgumentParser
import CLinux
import CaptureKit
import Foundation
import Glibc
import MarkerTracker
import ReviewTUI
import Synchronization
import LivePipeline
import SessionStore
import RunnerSimulation

/// `gaitlive bench console`: how long a full redraw of both views takes and how many bytes the
/// console sends to the terminal, measured on a pseudo-terminal the benchmark reads back.
struct BenchConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Time console redraws and count the bytes sent to the terminal (a pseudo-terminal).",
        discussion: """
            Two simulated camera views (--frame-size pictures) with markers, segments and angles are drawn into a terminal of \
            --size cells, half-block (256 colours) and ASCII. 'full' alternates two different frames so \
            nearly every cell changes (the worst case); 'live' plays the simulated video at --redraw-rate, \
            as the live screen does. Prints medians over the run.
            """)

    @Option(name: .long, help: ArgumentHelp("Terminal size in cells.", valueName: "COLSxROWS"))
    var size: TerminalSize = TerminalSize(argument: "200x60")!

    @Option(name: .long, help: "Redraws per second assumed for the bytes-per-second figure.")
    var redrawRate: Double = 25

    @Option(name: .long, help: "Redraws measured per case.")
    var redraws = 150

    @Option(name: .long, help: "Display levels of noise ignored between redraws (0 repaints every change).")
    var stability: UInt8 = 3

    @Option(name: .long, help: ArgumentHelp("Camera picture size (WxH, as the cameras' --size).", valueName: "WxH"),
            transform: FrameSize.parse)
    var frameSize = FrameSize(width: 640, height: 480)

    func validate() throws {
        guard redraws >= 10 else { throw ValidationError("--redraws must be at least 10") }
    }

    func run() throws {
        let frames = try renderFrames(count: redraws + 1)
        print("console benchmark: \(size.columns)x\(size.rows) terminal, two \(frameSize.width)x\(frameSize.height) views, \(redraws) redraws per case, "
              + "noise tolerance \(stability)")
        for mode in [RenderMode.halfBlock, .ascii] {
            for pattern in ["full", "live"] {
                let r = try measure(mode: mode, frames: frames, alternate: pattern == "full")
                let name = "\(mode.rawValue)_\(pattern)"
                print("\(name)_draw_ms_median \(TextFormat.fixed(r.draw, 2))")
                print("\(name)_terminal_ms_median \(TextFormat.fixed(r.write, 2))")
                print("\(name)_redraw_ms_median \(TextFormat.fixed(r.draw + r.write, 2))")
                print("\(name)_bytes_per_redraw_median \(Int(r.bytes))")
                print("\(name)_kB_per_second_at_\(Int(redrawRate)) \(TextFormat.fixed(r.bytes * redrawRate / 1000, 2))")
            }
        }
    }


    /// Simulated side and rear frames, consecutive at 120 fps, with their true markers and angles.
    func renderFrames(count: Int) throws -> [(Frame, Frame)] {
        let runner = SimulatedRunner(seed: 9, clockOrigin: 0)
        let (w, h) = (frameSize.width, frameSize.height)
        let side = SimulatedCamera(runner: runner, view: .side, width: w, height: h, pacing: .unpaced)
        let rear = SimulatedCamera(runner: runner, view: .rear, width: w, height: h, pacing: .unpaced)
        return (0..<count).map { i in
            let t = Double(i) / 120
            return (side.render(index: UInt64(i), time: t), rear.render(index: UInt64(i), time: t + 0.0031))
        }
    }

    /// Draws `frames` on a fresh pseudo-terminal; medians of draw time, write time, bytes.
    func measure(mode: RenderMode, frames: [(Frame, Frame)], alternate: Bool) throws -> (draw: Double, write: Double, bytes: Double) {
        var master: Int32 = -1, slave: Int32 = -1
        guard clinux_openpty(&master, &slave) == 0 else { throw Failure.failed("cannot open a pseudo-terminal") }
        defer {
            close(slave)
            close(master)
        }
        var ws = winsize(ws_row: UInt16(size.rows), ws_col: UInt16(size.columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &ws)
        // Read everything curses writes, counting it.
        let counted = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let masterFD = master
        let reader = OSThread(name: "pty-reader") {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var fds = [pollfd(fd: masterFD, events: Int16(POLLIN), revents: 0)]
            while !stop.load(ordering: .relaxed) {
                guard poll(&fds, 1, 50) > 0 else { continue }
                let n = buffer.withUnsafeMutableBytes { read(masterFD, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                counted.add(n, ordering: .relaxed)
            }
        }
        defer {
            stop.store(true, ordering: .relaxed)
            reader.join()
        }
        let utf8 = mode == .halfBlock
        setenv("LANG", utf8 ? "C.UTF-8" : "C", 1)
        setenv("LC_ALL", utf8 ? "C.UTF-8" : "C", 1)
        let terminal = try Terminal(inputFD: slave, outputFD: slave, terminalType: "xterm-256color", forceASCII: !utf8)
        defer { terminal.end() }
        var pane = ViewPane(mode: mode, utf8: utf8, colour: mode == .halfBlock)
        pane.stabilityTolerance = stability
        var memories: [FrameCanvas?] = [nil, nil]
        var draws: [Double] = [], writes: [Double] = [], bytes: [Double] = []
        for i in 0..<redraws {
            let pair = alternate ? frames[i % 2 == 0 ? 0 : frames.count - 1] : frames[i]
            let t0 = MonotonicClock.now()
            var grid = CellGrid(width: size.columns, height: size.rows)
            guard let layout = ConsoleLayout.compute(width: size.columns, height: size.rows, viewCount: 2,
                                                     panelRows: AnglePanel.preferredRows) else {
                throw Failure.badInput("--size \(size.columns)x\(size.rows) is below the console's minimum")
            }
            var columns: [AnglePanel.Column] = []
            for (j, frame) in [pair.0, pair.1].enumerated() {
                let view = frame.view
                let markers: MarkerFrame = (frame.truth?.markers ?? []).map { p in
                    p.map { TrackedMarker(position: $0, confidence: 1, source: .detected) }
                }
                let angles = frame.truth?.angles ?? AngleSet()
                pane.draw(image: frame.luma, content: .init(markerSet: .standard(for: view), markers: markers, angles: angles),
                          title: view.rawValue.uppercased(), status: "tracking 120.0 fps", statusColour: Palette.good,
                          titleRect: layout.titles[j], rect: layout.views[j], into: &grid,
                          memory: &memories[j])
                columns.append(.init(title: view.rawValue, view: view, current: angles, stage: [:]))
            }
            AnglePanel(utf8: utf8, colour: pane.colour).draw(columns, in: layout.panel, into: &grid)
            let t1 = MonotonicClock.now()
            let before = counted.load(ordering: .relaxed)
            terminal.present(grid)
            let t2 = MonotonicClock.now()
            // Let the reader catch up before counting this redraw's bytes.
            var idle = 0
            var last = counted.load(ordering: .relaxed)
            while idle < 3 {
                usleep(2000)
                let now = counted.load(ordering: .relaxed)
                if now == last { idle += 1 } else { idle = 0; last = now }
            }
            draws.append(Double(t1 - t0) / 1e6)
            writes.append(Double(t2 - t1) / 1e6)
            bytes.append(Double(last - before))
        }
        func median(_ a: [Double]) -> Double { a.sorted()[a.count / 2] }
        // The first redraw paints the whole screen from blank; report steady state.
        return (median(Array(draws.dropFirst())), median(Array(writes.dropFirst())), median(Array(bytes.dropFirst())))
    }
}
