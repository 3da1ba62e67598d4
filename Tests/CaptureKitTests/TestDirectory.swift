import Foundation
import Testing

/// A fresh directory under the system temp dir, removed when the test ends.
final class TestDirectory {
    let path: String

    init(_ name: String = #function) {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        path = NSTemporaryDirectory() + "gaitlive-test-\(safe)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) {
        #expect(FileManager.default.createFile(atPath: file(name), contents: Data(text.utf8)))
    }

    func write(_ name: String, bytes: [UInt8]) {
        #expect(FileManager.default.createFile(atPath: file(name), contents: Data(bytes)))
    }

    func mode(_ name: String) -> Int {
        let attrs = try? FileManager.default.attributesOfItem(atPath: name.hasPrefix("/") ? name : file(name))
        return (attrs?[.posixPermissions] as? Int) ?? -1
    }
}
