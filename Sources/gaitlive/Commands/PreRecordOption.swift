import ArgumentParser

/// `--pre-record SECONDS` of the commands that record live (`live`, `demo`): pressing `r` also
/// keeps the seconds before the press, from the recorder's ring of compressed pictures.
struct PreRecordOption: ParsableArguments {
    @Option(name: .customLong("pre-record"), help: ArgumentHelp("""
        Seconds before 'r' that recording also keeps, from memory (never before the stage began or \
        the last recording ended; compressed video only; 0 turns it off).
        """, valueName: "seconds"))
    var seconds: Double = 5

    func validate() throws {
        guard seconds >= 0, seconds <= 30 else { throw ValidationError("--pre-record must be 0 to 30 seconds (got \(seconds))") }
    }
}
