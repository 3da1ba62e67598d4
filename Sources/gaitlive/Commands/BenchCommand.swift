import ArgumentParser

/// `gaitlive bench`: measurements anyone can rerun on their own machine and frames.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure tracking speed and accuracy (release build, one thread).",
        subcommands: [BenchTrackCommand.self, BenchAccuracyCommand.self])
}
