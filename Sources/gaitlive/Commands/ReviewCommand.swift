import ArgumentParser
import CaptureKit
import Foundation
import ReviewTUI
import OfflineAnalysis
import SessionStore

/// `gaitlive review DIR`: play back a saved session in the console.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a saved session: slow motion, frame by frame, both views locked together.",
        usage: """
            gaitlive review ~/.local/share/gaitlive/sessions/Demo-Runner/2026-11-24_101500
            gaitlive review DIR --stage 2 --frame 480
            gaitlive review DIR --with OTHER_DIR      (v compares a stride with the other session's)
            gaitlive review DIR --render-text 120x40 --frame 10     (print one screen as text)
            """)

    @Argument(help: ArgumentHelp("The session directory (the one holding session.json).", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("""
        Another session of the same athlete: v then shows this stride beside the same stage and \
        leg's stride there, both from initial contact at one phase (before and after).
        """, valueName: "dir"))
    var with: String?

    @Option(name: .long, help: "Stage to open (1 = first).")
    var stage = 1

    @Option(name: .long, help: "Frame to open at (1 = first).")
    var frame = 1

    @Option(name: .long, help: ArgumentHelp("Do not open the console: print the screen for a WxH terminal as text and exit.", valueName: "WxH"))
    var renderText: TerminalSize?

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard stage >= 1 else { throw ValidationError("--stage must be 1 or more (got \(stage))") }
        guard frame >= 1 else { throw ValidationError("--frame must be 1 or more (got \(frame))") }
    }

    func run() throws {
        let session = try SessionDirectory.open(directory)
        var other: RecordedSession?
        if let with {
            let o = try SessionDirectory.open(with)
            guard AthleteIdentity.same(o.manifest.athlete.name, session.manifest.athlete.name) else {
                throw Failure.badInput("\(with): is a session of \(o.manifest.athlete.name), not of \(session.manifest.athlete.name): "
                                       + "--with compares two sessions of one athlete")
            }
            other = o
        }
        guard stage <= max(1, session.stages.count) else {
            throw Failure.badInput("\(directory): has \(session.stages.count) stage(s), --stage \(stage) does not exist")
        }
        if let size = renderText {
            let pane = ViewPane(mode: display.ascii ? .ascii : .halfBlock, utf8: !display.ascii, colour: !display.ascii)
            let screen = ReviewScreen(session: session, pane: pane, other: other)
            screen.open(stage: stage - 1, frame: frame - 1)
            var grid = CellGrid(width: size.columns, height: size.rows)
            screen.draw(into: &grid)
            print(grid.text)
            return
        }
        let (terminal, pane) = try display.openTerminal()
        let screen = ReviewScreen(session: session, pane: pane, other: other)
        screen.open(stage: stage - 1, frame: frame - 1)
        let ending = display.runConsole(terminal, screen)
        if case .signal(let s) = ending { Foundation.exit(128 + s) }
    }
}
