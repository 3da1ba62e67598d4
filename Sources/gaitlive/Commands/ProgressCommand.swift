import ArgumentParser
import Foundation
import OfflineAnalysis
import SessionStore

/// `gaitlive progress ATHLETE`: every stride metric over the athlete's sessions, per stage and
/// side, with the change from the first and the previous session and whether it is real.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "An athlete's stride metrics over their sessions: the changes and whether each is real.",
        usage: """
            gaitlive progress "Ana Ruiz"                           (Markdown on stdout)
            gaitlive progress "Ana Ruiz" --format html --out ana-progress.html
            gaitlive progress "ana ruiz" --format json --root /media/clinic/sessions
            """,
        discussion: """
            Reads every session of the athlete under ROOT (--root, else as 'gaitlive sessions'; the name compared \
            without case and accents) and measures each as its report does. A change is real when it is larger \
            than the metric's smallest detectable difference and than 1.96 x sqrt(sd1²/n1 + sd2²/n2) of the two \
            sessions' strides (docs/report.md). Each session's figures are kept in ROOT/.gaitlive-library.sqlite \
            and measured again when a file of the session changes. The output goes to stdout, or to a new file \
            with --out.
            """)

    @Argument(help: ArgumentHelp("The athlete's name (case and accents do not count).", valueName: "athlete"))
    var athlete: String

    @Option(name: .long, help: "md (notes, email), html (one self-contained file with trend plots) or json.")
    var format: ReportCommand.Format = .md

    @Option(name: [.customLong("out"), .customLong("output")],
            help: ArgumentHelp("Write to this new file instead of stdout.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Sessions root directory.", valueName: "dir"))
    var root: String?

    func run() throws {
        let dir = root ?? SessionLayout.defaultRoot()
        if let out {
            if FileManager.default.fileExists(atPath: out) {
                throw Failure.badInput("\(out): already exists; gaitlive never writes over existing files")
            }
            try OutputPath.checkParent(of: out)
        }
        let progress: AthleteProgress
        do {
            progress = try AthleteProgress.load(root: dir, athlete: athlete)
        } catch {
            throw Failure.badInput("\(error)")
        }
        guard !progress.sessions.isEmpty else {
            let hint = AthleteIdentity.warning(athlete, among: SessionLibrary.athletes(root: dir)).map { " (\($0))" } ?? ""
            throw Failure.badInput("\(athlete): no sessions of this athlete under \(dir)\(hint)")
        }
        let text: String
        switch format {
        case .md: text = ProgressMarkdown.render(progress)
        case .html: text = ProgressHTML.render(progress)
        case .json: text = try ProgressJSON.render(progress)
        }
        if let out {
            try ReportCommand.writeNew(out, text)
            print("Progress written to \(out)")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
