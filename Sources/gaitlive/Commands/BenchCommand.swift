import ArgumentParser

/// `gaitlive bench ...`: the benchmarks behind docs/performance.md; anyone can rerun them.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (see docs/performance.md).",
        subcommands: [BenchSessionCommand.self, BenchConsoleCommand.self]
    )
}
