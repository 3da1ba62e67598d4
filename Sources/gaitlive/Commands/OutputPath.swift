import Foundation

/// Checks on a file or directory the command line is asked to create.
enum OutputPath {
    /// Fails with one line naming the missing (or not a directory) parent of `path`, before
    /// anything is written, so the message names what the user typed, not a temporary file.
    static func checkParent(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir) else {
            throw Failure.badInput("\(parent): no such directory")
        }
        guard isDir.boolValue else { throw Failure.badInput("\(parent): not a directory") }
    }
}
