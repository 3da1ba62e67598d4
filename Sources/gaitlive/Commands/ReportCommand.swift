import ArgumentParser
import CaptureKit
import MarkerTracker
import Foundation
import OfflineAnalysis
import SessionStore

/// `gaitlive report DIR`: per stage and side every stride metric (mean and SD), the findings with
/// their evidence, and what to work on, as Markdown, self-contained HTML or JSON.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The session's report: figures per stage and side, findings with their evidence, what to work on.",
        usage: """
            gaitlive report DIR                          (Markdown on stdout)
            gaitlive report DIR --format html --out ana.html
            gaitlive report DIR --for athlete --format html --out for-ana.html
            gaitlive report DIR --format json --library ~/clinic/exercises.json
            gaitlive report --print-library > ~/.config/gaitlive/exercises.json
            gaitlive report DIR --compare OTHER --format html --out before-after.html
            """,
        discussion: """
            Findings need at least 7 strides per side measured from markers the tracker was sure of; a \
            value outside its level-running reference, a left/right difference or a flat-to-incline change \
            larger than the 2D smallest detectable difference, or over-striding (docs/report.md). The \
            exercises come from an editable library: --library FILE, else $GAITLIVE_EXERCISES, else \
            $XDG_CONFIG_HOME/gaitlive/exercises.json (~/.config/...), else share/gaitlive/exercises.json \
            beside the binary, else the built-in one. The report goes to stdout, or to a new file with --out \
            (an existing file is never written over; nothing is written inside the session unless --out says so). \
            --compare OTHER: a before/after report of two sessions (the earlier one is 'before'): per metric and side \
            the change, real when beyond both the smallest detectable difference and 1.96 x sqrt(sd1²/n1 + sd2²/n2) of \
            the strides, and the findings that appeared, persisted or resolved.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, json
    }

    enum Reader: String, ExpressibleByArgument, CaseIterable {
        case clinician, athlete
    }

    @Argument(help: ArgumentHelp("The session directory (the one holding session.json).", valueName: "dir"))
    var directory: String?

    @Option(name: .long, help: "md (notes, email), html (one self-contained file with plots and pictures) or json.")
    var format: Format = .md

    @Option(name: .customLong("for"), help: ArgumentHelp("clinician: the full report; athlete: one page in plain words "
                                                          + "(findings, what to work on, pictures; md or html).",
                                                          valueName: "reader"))
    var reader: Reader = .clinician

    @Option(name: .long, help: ArgumentHelp("Write the report to this new file instead of stdout.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Exercise library to use (JSON).", valueName: "file"))
    var library: String?

    @Option(name: .long, help: ArgumentHelp("Add a finding seen in review that has no measured threshold, e.g. "
                                            + "hamstring-dominant:left or hamstring-dominant:right:incline (repeatable).",
                                            valueName: "kind:side[:stage]"))
    var observe: [String] = []

    @Option(name: .long, help: ArgumentHelp("Compare with this other session: before and after (md, html or json).",
                                            valueName: "dir"))
    var compare: String?

    @Flag(name: .long, help: "Print the built-in exercise library (a starting point for your own) and exit.")
    var printLibrary = false

    func validate() throws {
        if !printLibrary && directory == nil { throw ValidationError("a session directory is needed") }
        if reader == .athlete && format == .json {
            throw ValidationError("--for athlete: the athlete's page is md or html, not json")
        }
        _ = try observations()
        if compare != nil && reader == .athlete { throw ValidationError("--compare: the comparison is for the clinician, not --for athlete") }
        if compare != nil && !observe.isEmpty { throw ValidationError("--compare and --observe: give one or the other") }
    }

    /// `--observe` values as (kind, side, stage).
    func observations() throws -> [(kind: Finding.Kind, side: BodySide, stage: String?)] {
        try observe.map { text in
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (2...3).contains(parts.count), let kind = Finding.Kind(rawValue: parts[0]),
                  let side = BodySide(rawValue: parts[1]) else {
                let kinds = Finding.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--observe '\(text)': expected kind:side[:stage] with a kind among \(kinds) and side left or right")
            }
            return (kind, side, parts.count == 3 ? parts[2] : nil)
        }
    }

    func run() throws {
        if printLibrary {
            print(ExerciseLibrary.builtInText)
            return
        }
        guard let directory else { return }
        if let out {
            if FileManager.default.fileExists(atPath: out) {
                throw Failure.badInput("\(out): already exists; gaitlive never writes over existing files")
            }
            try OutputPath.checkParent(of: out)
        }
        let located: (library: ExerciseLibrary, path: String?)
        do {
            located = try ExerciseLibrary.locate(explicit: library, environment: ProcessInfo.processInfo.environment,
                                                 executable: CommandLine.arguments.first.map(ReportCommand.executablePath))
        } catch {
            throw Failure.badInput(error.description)
        }
        let session = try SessionDirectory.open(directory)
        let text: String
        if let compare {
            let other = try SessionDirectory.open(compare)
            do {
                let options = GaitReport.Options(curves: false, keyFrames: false)
                let comparison = SessionComparison(
                    try GaitReport.build(session: session, library: located.library, libraryPath: located.path, options: options),
                    try GaitReport.build(session: other, library: located.library, libraryPath: located.path, options: options))
                switch format {
                case .md: text = CompareMarkdown.render(comparison)
                case .html: text = CompareHTML.render(comparison)
                case .json: text = try CompareJSON.render(comparison)
                }
            } catch {
                throw Failure.badInput("\(error)")
            }
        } else {
        do {
            let report = try GaitReport.build(session: session, library: located.library, libraryPath: located.path,
                                              options: .init(curves: reader == .clinician && (format == .html || format == .json),
                                                             keyFrames: format == .html || reader == .athlete,
                                                             observations: try observations()))
            switch (reader, format) {
            case (.athlete, .html): text = AthletePage.html(report)
            case (.athlete, _): text = AthletePage.markdown(report)
            case (_, .md): text = MarkdownReport.render(report)
            case (_, .html): text = HTMLReport.render(report)
            case (_, .json): text = try JSONReport.render(report)
            }
        } catch {
            throw Failure.badInput("\(error)")
        }
        }
        if let out {
            try ReportCommand.writeNew(out, text)
            print("Report written to \(out)")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Writes `text` to a new file `path` (mode 0600): filled under a temporary name, then linked
    /// into place, which fails rather than replace a file that appeared meanwhile.
    static func writeNew(_ path: String, _ text: String) throws {
        try OutputPath.checkParent(of: path)
        let temporary = path + ".partial-\(getpid())"
        do {
            let f = try FileOutput(creating: temporary)
            try f.write(text)
            try f.sync()
            try f.close()
        } catch {
            unlink(temporary)
            throw Failure.badInput("\(error)")
        }
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw Failure.badInput(errno == EEXIST ? "\(path): already exists; gaitlive never writes over existing files"
                                                   : "\(path): cannot create: \(reason)")
        }
    }

    /// The running binary's path (argv[0] resolved against PATH), for the library beside it.
    static func executablePath(_ argv0: String) -> String {
        if argv0.contains("/") { return URL(fileURLWithPath: argv0).resolvingSymlinksInPath().path }
        return ExportCommand.which(argv0).map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } ?? argv0
    }
}
