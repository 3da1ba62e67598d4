import ArgumentParser

/// `gaitlive bench ...`: the benchmarks behind docs/performance.md.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (see docs/performance.md).",
        subcommands: [BenchSessionCommand.self]
    )
}
