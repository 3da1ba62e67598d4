public import Foundation
import CaptureKit
import SessionStore

/// What to work on for each kind of finding: exercises with dose and cue, and running cues, read
/// from a JSON file clinicians edit without rebuilding (docs/exercise-library.md).
///
/// Texts may hold placeholders filled in per report: `{side}` (the finding's side), `{cadence}`,
/// `{cadence_plus_5}`, `{cadence_plus_10}` (the flat stage's cadence, steps/min).
public struct ExerciseLibrary: Sendable, Codable, Equatable {
    public static let formatName = "gaitlive-exercise-library"
    public static let currentVersion = 1
    /// The file name looked for in the configuration and data directories.
    public static let fileName = "exercises.json"

    /// One exercise.
    public struct Exercise: Sendable, Codable, Equatable {
        public var name: String
        public var dose: String?
        public var cue: String?

        /// The exercise as a Markdown list item: `- **name**: dose. cue`.
        public var markdownItem: String {
            "- **\(name)**" + (dose.map { ": \($0)" } ?? "") + (cue.map { ". \($0)" } ?? "") + "\n"
        }

        /// The exercise as an HTML list item, the same words escaped.
        public var htmlItem: String {
            "<li><b>\(XMLText.escape(name))</b>" + (dose.map { ": \(XMLText.escape($0))" } ?? "")
                + (cue.map { ". \(XMLText.escape($0))" } ?? "") + "</li>"
        }
    }

    /// What to do about one kind of finding.
    public struct Entry: Sendable, Codable, Equatable {
        /// A `Finding.Kind` name, e.g. "pelvic-drop".
        public var finding: String
        public var title: String
        public var why: String?
        public var exercises: [Exercise]
        public var cues: [String]?
    }

    public var format: String
    public var version: Int
    public var entries: [Entry]

    /// A library that cannot be used; `description` names the file and the problem.
    public struct LoadError: Error, Sendable, CustomStringConvertible, Equatable {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    /// The library built into gaitlive (the same as `share/gaitlive/exercises.json`).
    public static let builtIn: ExerciseLibrary = {
        do {
            return try ExerciseLibrary(json: Data(DefaultExerciseLibrary.json.utf8), path: "(built-in)")
        } catch {
            fatalError("the built-in exercise library is invalid: \(error)")
        }
    }()

    /// The built-in library's text, for `gaitlive report --print-library`.
    public static var builtInText: String { DefaultExerciseLibrary.json }

    /// Parses and checks a library; errors name `path` and the problem.
    public init(json: Data, path: String) throws(LoadError) {
        let decoded: ExerciseLibrary
        do {
            decoded = try JSONDecoder().decode(ExerciseLibrary.self, from: json)
        } catch let DecodingError.keyNotFound(key, context) {
            throw LoadError(path: path, problem: "missing field '\(ExerciseLibrary.path(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw LoadError(path: path, problem: "wrong type for '\(ExerciseLibrary.path(context.codingPath))'")
        } catch let DecodingError.valueNotFound(_, context) {
            throw LoadError(path: path, problem: "missing value for '\(ExerciseLibrary.path(context.codingPath))'")
        } catch {
            throw LoadError(path: path, problem: "not valid JSON")
        }
        guard decoded.format == ExerciseLibrary.formatName else {
            throw LoadError(path: path, problem: "not a gaitlive exercise library (format '\(decoded.format)')")
        }
        guard decoded.version == ExerciseLibrary.currentVersion else {
            throw LoadError(path: path, problem: "library version \(decoded.version) is not supported (expected 1)")
        }
        var seen = Set<String>()
        for (i, e) in decoded.entries.enumerated() {
            guard Finding.Kind(rawValue: e.finding) != nil else {
                let known = Finding.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw LoadError(path: path, problem: "entries[\(i)]: unknown finding '\(e.finding)' (known: \(known))")
            }
            guard seen.insert(e.finding).inserted else {
                throw LoadError(path: path, problem: "entries[\(i)]: a second entry for '\(e.finding)'")
            }
            guard !e.title.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LoadError(path: path, problem: "entries[\(i)]: empty title")
            }
            for (j, x) in e.exercises.enumerated() where x.name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw LoadError(path: path, problem: "entries[\(i)].exercises[\(j)]: empty name")
            }
        }
        self = decoded
    }

    /// Reads a library file.
    public init(contentsOf path: String) throws(LoadError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            throw LoadError(path: path, problem: !exists ? "no such file" : (isDir.boolValue ? "is a directory" : "cannot be read"))
        }
        try self.init(json: data, path: path)
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { k in k.intValue.map { "[\($0)]" } ?? "." + k.stringValue }.joined().trimmingCharacters(in: ["."])
    }

    /// The entry for a kind of finding.
    public func entry(for kind: Finding.Kind) -> Entry? { entries.first { $0.finding == kind.rawValue } }

    /// Where gaitlive looks for the library, first found wins: `GAITLIVE_EXERCISES`, then
    /// `$XDG_CONFIG_HOME/gaitlive/exercises.json` (default `~/.config`), then
    /// `<binary>/../share/gaitlive/exercises.json` and `<binary>/exercises.json`. None found: the
    /// built-in library.
    public static func searchPaths(environment: [String: String], executable: String?) -> [String] {
        var paths: [String] = []
        if let p = environment["GAITLIVE_EXERCISES"], !p.isEmpty { paths.append(p) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.config" }
        if let config { paths.append(config + "/gaitlive/" + fileName) }
        if let exe = executable {
            let dir = (exe as NSString).deletingLastPathComponent
            paths.append(dir + "/../share/gaitlive/" + fileName)
            paths.append(dir + "/" + fileName)
        }
        return paths
    }

    /// The library to use: `explicit` if given (it must load), else `GAITLIVE_EXERCISES` if set
    /// (it must load), else the first file of `searchPaths` that exists, else the built-in one.
    /// Returns the library and the file it came from (nil for the built-in one).
    public static func locate(explicit: String?, environment: [String: String],
                              executable: String?) throws(LoadError) -> (library: ExerciseLibrary, path: String?) {
        if let explicit { return (try ExerciseLibrary(contentsOf: explicit), explicit) }
        if let p = environment["GAITLIVE_EXERCISES"], !p.isEmpty { return (try ExerciseLibrary(contentsOf: p), p) }
        for p in searchPaths(environment: environment, executable: executable) where FileManager.default.fileExists(atPath: p) {
            return (try ExerciseLibrary(contentsOf: p), p)
        }
        return (builtIn, nil)
    }
}
