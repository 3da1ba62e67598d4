import CaptureKit
import Foundation

/// Where a live session records: `--out`, or a new directory under the sessions root; refused
/// if it exists and is not empty (nothing recorded is ever written over).
enum SessionDirectory {
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
}
