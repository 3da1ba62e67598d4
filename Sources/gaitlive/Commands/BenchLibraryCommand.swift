import ArgumentParser
import CaptureKit
import Foundation
import SessionStore

/// `gaitlive bench library`: a large session library to time `sessions` and `progress` on.
///
/// A few template sessions are recorded by the headless demo (the real pipeline and format: small
/// pictures, real tables; a different day and hip drop each), and every library session is a
/// template's files hard-linked (no copy: thousands of sessions take the space of the templates)
/// under `ROOT/<athlete>/<date-time>/` with its own `session.json` (the athlete's name and a date
/// a day later per session of that athlete). A bench library only: the linked files are shared,
/// so it is not for review or corrections.
struct BenchLibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "Write a large library of small sessions (real format) to time sessions and progress on.",
        usage: """
            gaitlive bench library --sessions 5000 --root /tmp/library
            gaitlive bench library --sessions 200 --athletes 4 --root /tmp/small
            """,
        discussion: """
            Then time the commands on it, e.g. 'time gaitlive sessions --root ROOT' and \
            'time gaitlive progress "Athlete 001" --root ROOT' (docs/performance.md).
            """)

    @Option(name: .long, help: "Sessions to write.")
    var sessions = 5000

    @Option(name: .long, help: "Athletes they belong to (round robin).")
    var athletes = 50

    @Option(name: .long, help: "Template sessions recorded by the demo (their files are linked into the sessions).")
    var templates = 4

    @Option(name: .long, help: ArgumentHelp("The library's root (must not exist or be empty).", valueName: "dir"))
    var root: String

    func validate() throws {
        guard (1...100_000).contains(sessions) else { throw ValidationError("--sessions must be 1 to 100000 (got \(sessions))") }
        guard (1...10_000).contains(athletes) else { throw ValidationError("--athletes must be 1 to 10000 (got \(athletes))") }
        guard (1...20).contains(templates) else { throw ValidationError("--templates must be 1 to 20 (got \(templates))") }
    }

    func run() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: root), !((try? fm.contentsOfDirectory(atPath: root)) ?? []).isEmpty {
            throw Failure.badInput("\(root): already exists and is not empty; the library is written into a new directory")
        }
        do {
            try SessionLayout.createDirectory(root)
        } catch {
            throw Failure.badInput(error.description)
        }
        // Templates: hidden from the library (names starting with a dot are not sessions' athletes).
        var made: [String] = []
        let start = Date()
        for t in 0..<templates {
            let dir = root + "/.templates/\(t)"
            var demo = try DemoCommand.parse(["--headless", "--duration", "12", "--no-incline-stage", "--size", "320x240",
                                             "--jpeg-quality", "30", "--seed", "\(101 + t)", "--hip-drop", "\(2 * t)",
                                             "--hip-drop-side", "left", "--athlete", "Template", "--out", dir])
            try demo.run()
            made.append(dir)
        }
        let files = try made.map { try BenchLibraryCommand.files(under: $0) }
        var base = DateComponents()
        base.year = 2026
        base.month = 1
        base.day = 1
        base.hour = 10
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let day0 = calendar.date(from: base) ?? Date(timeIntervalSince1970: 1_767_261_600)
        let iso = ISO8601DateFormatter()
        let name = DateFormatter()
        name.locale = Locale(identifier: "en_US_POSIX")
        name.timeZone = TimeZone(identifier: "UTC")
        name.dateFormat = "yyyy-MM-dd_HHmmss"
        for i in 0..<sessions {
            let athlete = String(format: "Athlete %03d", i % athletes + 1)
            let date = day0.addingTimeInterval(Double(i / athletes) * 86_400)
            let dir = root + "/" + SessionLayout.safeComponent(athlete) + "/" + name.string(from: date)
            let t = i % templates
            do {
                try SessionLayout.createDirectory(dir)
                for f in files[t] where f != SessionLayout.manifestName {
                    let from = made[t] + "/" + f, to = dir + "/" + f
                    let parent = (to as NSString).deletingLastPathComponent
                    if !fm.fileExists(atPath: parent) { try SessionLayout.createDirectory(parent) }
                    guard link(from, to) == 0 else { throw SystemError.current("cannot link", path: to) }
                }
                var m = try ManifestStore.read(from: made[t])
                m.athlete.name = athlete
                m.created = iso.string(from: date)
                try ManifestStore.write(m, to: dir)
            } catch {
                throw Failure.failed("\(error)")
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print("bench library: \(sessions) sessions of \(athletes) athletes (\(templates) templates linked) in \(root), "
              + String(format: "%.1f s", seconds))
    }

    /// Every regular file under `dir`, relative to it.
    static func files(under dir: String) throws -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out: [String] = []
        while let f = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + f, isDirectory: &isDir), !isDir.boolValue { out.append(f) }
        }
        return out.sorted()
    }
}
