import ArgumentParser
import Foundation
import ReviewTUI
import OfflineAnalysis
import SessionStore

/// `gaitlive sessions`: the library of recorded sessions, one line each.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List recorded sessions: athlete, date, stages, frames, drops, and whether any was recovered.",
        usage: """
            gaitlive sessions
            gaitlive sessions --athlete "Ana Ruiz"
            gaitlive sessions --root /media/clinic/sessions
            gaitlive sessions --rename-athlete "Ana Ruis" "Ana Ruiz"
            """,
        discussion: """
            Looks for sessions in ROOT/<athlete>/<date-time>/ (ROOT: --root, else $GAITLIVE_SESSIONS, else \
            $XDG_DATA_HOME/gaitlive/sessions, else ~/.local/share/gaitlive/sessions). A session whose recording \
            was cut by a crash is recovered when first listed or opened and shown as 'recovered'. Athletes' names \
            are compared without case and accents ("ana ruíz" is "Ana Ruiz"); a name a letter or two off a known \
            one is warned of. --rename-athlete OLD NEW rewrites the sessions' manifests (atomically) and moves \
            their directories to NEW's, merging with NEW's sessions; it refuses, changing nothing, when a session \
            is being recorded or NEW already has a session of the same date and time.
            """)

    @Option(name: .long, help: "Only this athlete's sessions (case and accents do not count).")
    var athlete: String?

    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Rename an athlete across the library (fix a typo): every session of OLD becomes NEW's.",
                               valueName: "old new"))
    var renameAthlete: [String] = []

    @Option(name: .long, help: ArgumentHelp("Sessions root directory.", valueName: "dir"))
    var root: String?

    func validate() throws {
        if !renameAthlete.isEmpty {
            guard renameAthlete.count == 2 else {
                throw ValidationError("--rename-athlete needs two names, OLD and NEW (got \(renameAthlete.count))")
            }
            guard athlete == nil else { throw ValidationError("--rename-athlete and --athlete: give one or the other") }
        }
    }

    func run() throws {
        let dir = root ?? SessionLayout.defaultRoot()
        if renameAthlete.count == 2 {
            try rename(root: dir, from: renameAthlete[0], to: renameAthlete[1])
            return
        }
        if root == nil && !FileManager.default.fileExists(atPath: dir) {
            print("No sessions yet under \(dir).")
            return
        }
        let entries: [SessionLibrary.Entry]
        do {
            entries = try SessionLibrary.list(root: dir, athlete: athlete)
        } catch {
            throw Failure.badInput("\(error)")
        }
        if entries.isEmpty, let athlete, let w = AthleteIdentity.warning(athlete, among: SessionLibrary.athletes(root: dir)) {
            AthleteOption.warn(w)
        }
        if entries.isEmpty {
            print(athlete.map { "No sessions of \($0) under \(dir)." } ?? "No sessions under \(dir).")
            return
        }
        var rows = [["athlete", "date", "stages", "frames", "drops", "status", "directory"]]
        for e in entries { rows.append(SessionsCommand.row(e)) }
        print(SessionsCommand.table(rows), terminator: "")
    }

    /// `--rename-athlete OLD NEW`: one line saying what was done, or one line saying why not.
    func rename(root: String, from old: String, to new: String) throws {
        let outcome: AthleteRename.Outcome
        do {
            outcome = try AthleteRename.run(root: root, from: old, to: new)
        } catch {
            throw Failure.badInput("\(error)")
        }
        let s = outcome.renamed == 1 ? "" : "s"
        var line = "Renamed \(old) to \(new): \(outcome.renamed) session\(s) renamed"
        if let d = outcome.directory { line += ", \(outcome.moved) moved to \(d)" }
        print(line + ".")
    }

    /// One line: athlete, local date and time, stages with durations, frames per camera, drops
    /// (camera / not saved), status.
    static func row(_ e: SessionLibrary.Entry) -> [String] {
        guard let m = e.manifest else {
            return ["?", "?", "?", "?", "?", "unreadable: " + (e.problem ?? ""), e.directory]
        }
        let stages = m.stages.map { s in
            let name = s.kind == "incline" ? "incline \(TextFormat.fixed(s.inclinePercent, 0))%" : s.kind
            return "\(name) \(duration(s.durationSeconds ?? 0))"
        }.joined(separator: ", ")
        var frames: [String] = [], camera = 0, notSaved = 0
        for view in ["side", "rear"] {
            let views = m.stages.compactMap { $0.views[view] }
            guard !views.isEmpty else { continue }
            frames.append("\(view) \(views.reduce(0) { $0 + $1.frames })")
            camera += views.reduce(0) { $0 + $1.droppedByCamera }
            notSaved += views.reduce(0) { $0 + $1.droppedByRecorder }
        }
        // The cameras' own counts, as the console showed them and session.json keeps them (a
        // pause is not a drop); older sessions only have the per-stage counts.
        let counted = m.cameras.compactMap(\.droppedFrames)
        if !counted.isEmpty && counted.count == m.cameras.count { camera = counted.reduce(0, +) }
        var status: String
        switch m.status {
        case .complete: status = "complete"
        case .recovered: status = "recovered after a crash"
        case .recording: status = e.beingRecorded ? "being recorded" : "recording (not closed)"
        case .damaged: status = "damaged: " + (m.problems?.first ?? "see session.json")
        }
        if !e.outOfOrder.isEmpty { status = "frames out of order: run gaitlive repair" }
        if let i = m.interruption, m.status != .recovered { status += ", stopped early: \(i.reason)" }
        if !m.notes.isEmpty { status += ", \(m.notes.count) note\(m.notes.count == 1 ? "" : "s")" }
        return [m.athlete.name, localDate(m.created), stages.isEmpty ? "none" : stages,
                frames.joined(separator: ", "), "\(camera) camera, \(notSaved) not saved", status, e.directory]
    }

    static func table(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for r in rows {
            var line = ""
            for (i, c) in r.enumerated() {
                line += i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count + 2)
            }
            out += line + "\n"
        }
        return out
    }

    /// "12.5 s" under a minute, "2:05" from a minute on.
    static func duration(_ s: Double) -> String {
        if s < 59.95 { return String(format: "%.1f s", s) }
        let total = Int(s.rounded())
        return String(format: "%d:%02d", total / 60, total % 60)
    }


    /// "2026-12-03 10:15" in local time of an ISO 8601 time (the formatters are made once per
    /// run, not once per row).
    static func localDate(_ iso: String) -> String {
        guard let date = isoParser.date(from: iso) else { return iso }
        return localFormatter.string(from: date)
    }

    nonisolated(unsafe) static let isoParser = ISO8601DateFormatter()
    nonisolated(unsafe) static let localFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }()
}
