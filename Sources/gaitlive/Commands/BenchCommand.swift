import ArgumentParser

/// `gaitlive bench ...`: benchmarks anyone can rerun; their figures are in docs/performance.md.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks: console redraw cost and terminal bandwidth.",
        subcommands: [BenchConsoleCommand.self])
}
