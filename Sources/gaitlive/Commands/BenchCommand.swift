import ArgumentParser

/// `gaitlive bench ...`: the benchmarks behind docs/performance.md; anyone can rerun them.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (see docs/performance.md and docs/accuracy.md).",
        subcommands: [BenchSessionCommand.self, BenchConsoleCommand.self, BenchTrackCommand.self,
                      BenchAccuracyCommand.self, BenchPicturesCommand.self, BenchCaptureCommand.self, BenchSoakCommand.self, BenchRecordingCommand.self,
                      BenchLibraryCommand.self]
    )
}
