import Foundation
import OfflineAnalysis
import SessionStore

/// Session directories on the command line: where a new recording goes, and opening a recorded
/// one named by the user.
enum SessionDirectory {
    /// Where a live session records: `--out`, or a new directory under the sessions root; refused
    /// if it exists and is not empty (nothing recorded is ever written over).
    static func check(out: String?, athlete: String) throws -> String {
        let dir = out ?? SessionLayout.newSessionPath(root: SessionLayout.defaultRoot(), athlete: athlete)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            guard isDir.boolValue else { throw Failure.badInput("\(dir): exists and is not a directory") }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            guard contents.isEmpty else {
                throw Failure.badInput("\(dir): already exists and is not empty; gaitlive never writes over a recording")
            }
        }
        return dir
    }

    /// Opens the recorded session `directory` named by the user: whatever is wrong with it (missing,
    /// not a session, damaged) is bad input, said in one line naming the directory or file.
    static func open(_ directory: String) throws -> RecordedSession {
        do {
            return try RecordedSession(directory: directory)
        } catch {
            throw Failure.badInput("\(error)")
        }
    }

    /// The one line to print when the recorder closed `directory` but found a file that does not
    /// read back as written (`damaged`); nil when the session was closed whole.
    static func readBackProblem(_ directory: String) -> String? {
        guard let m = try? ManifestStore.read(from: directory), m.status == .damaged else { return nil }
        let problems = m.problems ?? []
        return "the session \(directory) was saved but does not read back as recorded: "
            + (problems.isEmpty ? "see session.json" : problems.joined(separator: "; "))
            + "; every frame on disk is kept"
    }
}
