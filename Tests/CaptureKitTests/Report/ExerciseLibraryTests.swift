@testable import CaptureKit
import Foundation
import MarkerTracker
import Testing
@testable import OfflineAnalysis

/// The exercise library: the shipped file is the built-in one, covers every finding the rules
/// raise, and a broken file is refused with its path and the problem.
@Suite struct ExerciseLibraryTests {
    static var shipped: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path + "/share/gaitlive/exercises.json"
    }

    @Test func theShippedFileIsTheBuiltInLibrary() throws {
        let text = try String(contentsOfFile: ExerciseLibraryTests.shipped, encoding: .utf8)
        #expect(text == ExerciseLibrary.builtInText + "\n" || text == ExerciseLibrary.builtInText)
        #expect(try ExerciseLibrary(contentsOf: ExerciseLibraryTests.shipped) == ExerciseLibrary.builtIn)
    }

    @Test func everyKindOfFindingHasAnEntry() {
        for kind in Finding.Kind.allCases { #expect(ExerciseLibrary.builtIn.entry(for: kind) != nil, "\(kind)") }
        let drop = ExerciseLibrary.builtIn.entry(for: .pelvicDrop)!.exercises.map(\.name).joined(separator: " ")
        #expect(drop.contains("Side-lying") && drop.contains("single-leg marching"))
        let hamstring = ExerciseLibrary.builtIn.entry(for: .hamstringDominant)!.exercises.map(\.name).joined(separator: " ")
        #expect(hamstring.contains("Quadruped hip extension") && hamstring.contains("Eccentric hamstring"))
    }

    @Test(arguments: [
        ("{", "not valid JSON"),
        (#"{"format":"x","version":1,"entries":[]}"#, "not a gaitlive exercise library (format 'x')"),
        (#"{"format":"gaitlive-exercise-library","version":2,"entries":[]}"#, "library version 2 is not supported (expected 1)"),
        (#"{"format":"gaitlive-exercise-library","version":1}"#, "missing field 'entries'"),
        (#"{"format":"gaitlive-exercise-library","version":1,"entries":[{"finding":"hipdrop","title":"t","exercises":[]}]}"#,
         "entries[0]: unknown finding 'hipdrop'"),
        (#"{"format":"gaitlive-exercise-library","version":1,"entries":[{"finding":"crossover","title":"t","exercises":[{"dose":"x"}]}]}"#,
         "missing field 'entries[0].exercises[0].name'"),
    ])
    func aBrokenLibraryIsRefusedWithTheProblem(json: String, problem: String) {
        #expect {
            try ExerciseLibrary(json: Data(json.utf8), path: "/clinic/ex.json")
        } throws: { error in
            guard let e = error as? ExerciseLibrary.LoadError else { return false }
            return e.path == "/clinic/ex.json" && e.problem.hasPrefix(problem)
        }
    }

    @Test func theLibraryIsFoundInTheConfigDirectoryAndTheOverrideWins() throws {
        let dir = NSTemporaryDirectory() + "gaitlive-lib-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/gaitlive", withIntermediateDirectories: true)
        var edited = ExerciseLibrary.builtInText.replacingOccurrences(of: "Hip control on one leg", with: "Hip control, our way")
        try edited.write(toFile: dir + "/gaitlive/exercises.json", atomically: true, encoding: .utf8)
        let found = try ExerciseLibrary.locate(explicit: nil, environment: ["XDG_CONFIG_HOME": dir], executable: nil)
        #expect(found.path == dir + "/gaitlive/exercises.json")
        #expect(found.library.entry(for: .pelvicDrop)?.title == "Hip control, our way")
        edited = edited.replacingOccurrences(of: "our way", with: "the override")
        try edited.write(toFile: dir + "/mine.json", atomically: true, encoding: .utf8)
        let explicit = try ExerciseLibrary.locate(explicit: dir + "/mine.json", environment: ["XDG_CONFIG_HOME": dir], executable: nil)
        #expect(explicit.library.entry(for: .pelvicDrop)?.title == "Hip control, the override")
        // Nothing anywhere: the built-in library.
        let none = try ExerciseLibrary.locate(explicit: nil, environment: ["XDG_CONFIG_HOME": dir + "/empty"], executable: nil)
        #expect(none.path == nil)
        // An explicit file that does not exist is an error, not a silent fallback.
        #expect(throws: ExerciseLibrary.LoadError.self) {
            try ExerciseLibrary.locate(explicit: dir + "/missing.json", environment: [:], executable: nil)
        }
    }

    @Test func placeholdersAreFilledPerFinding() {
        #expect(Recommendation.fill("from {cadence} to {cadence_plus_5}-{cadence_plus_10}, {side} leg", side: .left, cadence: 160)
                == "from 160 to 168-176, left leg")
        #expect(Recommendation.fill("{cadence}", side: .right, cadence: nil) == "your cadence")
    }
}
