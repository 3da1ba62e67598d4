import Foundation
import SessionStore

/// `--athlete NAME` against the library: the same athlete whatever the case and accents ("ana
/// ruíz" records as the library's "Ana Ruiz", into the same directory), and a warning on stderr
/// for a near miss ("gaitlive: Ana Ruis: did you mean Ana Ruiz?").
enum AthleteOption {
    /// The name to use for `typed`: the library's spelling when it knows the athlete, else
    /// `typed` itself (after warning about a near miss).
    static func resolve(_ typed: String, root: String) -> String {
        guard FileManager.default.fileExists(atPath: root) else { return typed }
        let known = SessionLibrary.athletes(root: root)
        switch AthleteIdentity.match(typed, among: known) {
        case .same(let name):
            return name
        case .near:
            if let w = AthleteIdentity.warning(typed, among: known) { warn(w) }
            return typed
        case .unknown:
            return typed
        }
    }

    static func warn(_ line: String) {
        FileHandle.standardError.write(Data("gaitlive: \(line)\n".utf8))
    }
}
