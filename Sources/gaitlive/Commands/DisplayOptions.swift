import ArgumentParser
import ReviewTUI

/// Options shared by the commands that open the console.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .long, help: "Draw frames with an ASCII density ramp (for terminals without colour or UTF-8).")
    var ascii = false

    /// Starts the terminal and the view pane for it.
    func openTerminal() throws -> (Terminal, ViewPane) {
        let terminal: Terminal
        do {
            terminal = try Terminal(forceASCII: ascii)
        } catch let e as Terminal.StartError {
            throw Failure.badInput(e.description)
        }
        return (terminal, ViewPane(mode: terminal.mode, utf8: terminal.utf8, colour: terminal.colour))
    }
}
