import ArgumentParser
import Foundation

/// gaitlive: live two-camera running-gait capture, tracking and review in the terminal.
@main
struct GaitLive: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gaitlive",
        abstract: "Two-camera running-gait analysis in the terminal: capture, track, review.",
        discussion: """
            A physical-therapy console: two cameras (side and rear) film a runner with LED markers on a \
            treadmill; gaitlive tracks the LEDs live, computes joint angles and gait events, records the \
            session, and plays it back frame by frame with the angles drawn over the pictures.
            """,
        version: version,
        subcommands: [DemoCommand.self, LiveCommand.self, ReviewCommand.self, AnalyzeCommand.self, SessionsCommand.self,
                      DevicesCommand.self, ControlsCommand.self, ExportCommand.self, ImportCommand.self, ReportCommand.self,
                      ProgressCommand.self, RepairCommand.self, CompactCommand.self, CalibrateCommand.self, BenchCommand.self]
    )

    /// Parses and runs; every failure becomes one line on stderr and a non-zero exit status
    /// (2 for bad input: an option, a file, a device).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            FileHandle.standardError.write(Data("gaitlive: \(failure.message)\n".utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let clean = error as? CleanExit {
                print(fullMessage(for: clean))
                Foundation.exit(0)
            }
            let message = GaitLive.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            var line = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
            if error is ValidationError || code == .validationFailure || code.rawValue == 64 {
                line += " (see 'gaitlive help')"
            }
            FileHandle.standardError.write(Data("gaitlive: \(line)\n".utf8))
            Foundation.exit(2)
        }
    }
}
