/// An error the command line reports as one line and an exit status.
///
/// `badInput` (exit 2) names the option, file or device and what is wrong with it;
/// `failed` (exit 1) is anything else that stopped the run.
struct Failure: Error {
    var message: String
    var exitCode: Int32

    static func badInput(_ message: String) -> Failure { Failure(message: message, exitCode: 2) }
    static func failed(_ message: String) -> Failure { Failure(message: message, exitCode: 1) }
}
