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
            is being recorded or NEW already has a session of the same date and time. What is listed is kept in \
            ROOT/.gaitlive-library.sqlite and read again from a session whose session.json changed; deleting \
            that file loses nothing.
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
        guard let m = e.summary else {
            return ["?", "?", "?", "?", "?", "unreadable: " + (e.problem ?? ""), e.directory]
        }
        let stages = m.stages.map { s in
            let name = s.kind == "incline" ? "incline \(TextFormat.fixed(s.inclinePercent, 0))%" : s.kind
            return "\(name) \(duration(s.durationSeconds ?? 0))"
        }.joined(separator: ", ")
        let frames = m.frames.map { "\($0.view) \($0.frames)" }
        var status: String
        switch m.status {
        case .complete: status = "complete"
        case .recovered: status = "recovered after a crash"
        case .recording: status = e.beingRecorded ? "being recorded" : "recording (not closed)"
        case .damaged: status = "damaged: " + (m.firstProblem ?? "see session.json")
        }
        if !e.outOfOrder.isEmpty { status = "frames out of order: run gaitlive repair" }
        if let reason = m.interruption, m.status != .recovered { status += ", stopped early: \(reason)" }
        if m.notes > 0 { status += ", \(m.notes) note\(m.notes == 1 ? "" : "s")" }
        return [m.athlete, localDate(m.created), stages.isEmpty ? "none" : stages,
                frames.joined(separator: ", "), "\(m.droppedByCamera) camera, \(m.notSaved) not saved", status, e.directory]
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
        if s < 59.95 { return TextFormat.fixed(s, 1) + " s" }
        let total = Int(s.rounded())
        return "\(total / 60):" + (total % 60 < 10 ? "0" : "") + "\(total % 60)"
    }

    /// "2026-12-03 10:15" in local time of an ISO 8601 time. The times gaitlive writes
    /// ("2026-12-03T09:15:00Z", fraction allowed) are converted with `timegm` and `localtime_r`
    /// (a listing of thousands of sessions spends no time in date formatters); any other form
    /// goes through Foundation's parser.
    static func localDate(_ iso: String) -> String {
        if var t = utcSeconds(iso) {
            var local = tm()
            if localtime_r(&t, &local) != nil {
                func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
                return "\(local.tm_year + 1900)-\(two(local.tm_mon + 1))-\(two(local.tm_mday)) \(two(local.tm_hour)):\(two(local.tm_min))"
            }
        }
        guard let date = isoParser.date(from: iso) else { return iso }
        return localFormatter.string(from: date)
    }

    /// Seconds since 1970 of "YYYY-MM-DDTHH:MM:SS[.fff]Z"; nil for any other form.
    static func utcSeconds(_ iso: String) -> time_t? {
        let b = Array(iso.utf8)
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b.last == UInt8(ascii: "Z") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int32? {
            var v: Int32 = 0
            for c in b[from..<(from + count)] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int32(c - UInt8(ascii: "0"))
            }
            return v
        }
        // Only a fraction may stand between the seconds and the Z.
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b[20..<(b.count - 1)].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2) else { return nil }
        var t = tm()
        t.tm_year = year - 1900
        t.tm_mon = month - 1
        t.tm_mday = day
        t.tm_hour = hour
        t.tm_min = minute
        t.tm_sec = second
        let seconds = timegm(&t)
        return seconds == -1 ? nil : seconds
    }

    nonisolated(unsafe) static let isoParser = ISO8601DateFormatter()
    nonisolated(unsafe) static let localFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }()
}
