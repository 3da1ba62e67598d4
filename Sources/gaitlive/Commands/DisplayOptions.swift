import ArgumentParser
import Foundation
import Glibc
import ReviewTUI
import LivePipeline
import OfflineAnalysis

/// Options shared by the commands that open the console, and the console's lifecycle.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .long, help: "Draw frames with an ASCII density ramp (for terminals without colour or UTF-8).")
    var ascii = false

    @Option(name: .long, help: ArgumentHelp("Most console redraws per second (lower it over a slow SSH link).",
                                            valueName: "n"))
    var redrawRate: Double = 25

    func validate() throws {
        guard (1...60).contains(redrawRate) else {
            throw ValidationError("--redraw-rate must be 1 to 60 (got \(redrawRate))")
        }
    }

    /// Starts the terminal and the view pane for it.
    func openTerminal() throws -> (Terminal, ViewPane) {
        DisplayOptions.routeCrashReportsToStderr()
        let terminal: Terminal
        do {
            terminal = try Terminal(forceASCII: ascii)
        } catch let e as Terminal.StartError {
            throw Failure.badInput(e.description)
        }
        return (terminal, ViewPane(mode: terminal.mode, utf8: terminal.utf8, colour: terminal.colour))
    }

    /// Swift's crash reporter reads SWIFT_BACKTRACE once, at start-up, and by default prints to
    /// stdout and waits for a key: over the console's screen. Before the console starts, the
    /// process re-executes itself once with the reporter set to write to stderr without waiting,
    /// and stderr goes to the console log. A SWIFT_BACKTRACE the user set is left alone.
    static func routeCrashReportsToStderr() {
        guard getenv("SWIFT_BACKTRACE") == nil else { return }
        setenv("SWIFT_BACKTRACE", "enable=yes,interactive=no,color=no,output-to=stderr", 1)
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &path, Int(PATH_MAX))
        guard n > 0 else { return }
        let args = CommandLine.arguments.map { strdup($0) } + [nil]
        execv(path, args) // path is NUL-terminated: the buffer is one longer than readlink may fill
        // exec failed: carry on with the default reporter.
    }

    /// Runs a screen on the terminal until it quits or a signal ends it, with stderr going to a
    /// log file meanwhile (nothing but the console writes to the screen). The terminal is
    /// restored before this returns, whatever happened.
    func runConsole(_ terminal: Terminal, _ screen: any ConsoleScreen) -> ConsoleLoop.Ending {
        SignalFlags.installTerminationHandlers()
        let log = ConsoleLog()
        let ending = ConsoleLoop.run(screen, on: terminal, framesPerSecond: redrawRate)
        terminal.end()
        if let path = log?.finish() {
            FileHandle.standardError.write(Data("gaitlive: messages from the console were saved to \(path)\n".utf8))
        }
        return ending
    }
}
