import Foundation
import Glibc
public import CaptureKit
public import SessionStore

/// Where an export is written: a new directory filled under a temporary name and renamed into
/// place only when complete, so a failed export leaves nothing behind and nothing is overwritten.
public final class ExportDirectory {
    public let destination: String
    /// The directory being filled (`<destination>.partial-<pid>`).
    public let working: String
    private var committed = false

    /// Refuses a destination that exists and is not an empty directory.
    public init(_ destination: String) throws(SystemError) {
        self.destination = destination
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isDir) {
            let empty = isDir.boolValue && ((try? FileManager.default.contentsOfDirectory(atPath: destination))?.isEmpty ?? false)
            guard empty else {
                throw SystemError.problem("already exists; gaitlive never writes over existing files", path: destination, errno: EEXIST)
            }
        }
        working = destination + ".partial-\(getpid())"
        try SessionLayout.createDirectory(working, allowExistingEmpty: false)
    }

    /// A new file in the export (mode 0600).
    public func create(_ name: String) throws(SystemError) -> FileOutput {
        try FileOutput(creating: working + "/" + name)
    }

    /// Moves the finished export into place.
    public func commit() throws(SystemError) {
        rmdir(destination) // an empty directory given as the destination
        guard rename(working, destination) == 0 else { throw .current("cannot create", path: destination) }
        committed = true
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: working) }
    }
}
