import ArgumentParser
import Foundation
import OfflineAnalysis
import SessionStore

/// `gaitlive repair DIR`: puts back in order the video frames of a session recorded at 1024x512
/// or larger before the large-frame fix (docs/session-format.md, "Repair").
struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Put back in order the frames of a session recorded at 1024x512 or larger by an older gaitlive.",
        usage: """
            gaitlive repair ~/.local/share/gaitlive/sessions/Ana-Ruiz/2026-11-30-101500
            """,
        discussion: """
            Older versions wrote the frames of large videos out of order: every byte is on disk, but no \
            player or gaitlive could read them. Each such video is rewritten in order beside the original, \
            read back, and only then put in its place; the session's other files are not touched. A session \
            that needs no repair is left as it is.
            """)

    @Argument(help: ArgumentHelp("Session directory.", valueName: "dir"))
    var directory: String

    func run() throws {
        let outcomes: [Y4MRepair.Outcome]
        do {
            outcomes = try Y4MRepair.repair(directory: directory)
        } catch {
            throw Failure.badInput("\(error)")
        }
        if outcomes.isEmpty {
            print("\(directory): every video is in order; nothing to repair")
            return
        }
        for o in outcomes {
            print("\(o.file): \(o.frames) frames put back in order")
        }
        _ = try SessionDirectory.open(directory)
        print("Review it with: gaitlive review \(directory.contains(" ") ? "'\(directory)'" : directory)")
    }
}
