import Glibc
import Foundation

/// A seam for the crash tests of `gaitlive compact`: with `GAITLIVE_TEST_PAUSE_AT=<step>` in the
/// environment, the program stops at that step (creating the file `GAITLIVE_TEST_PAUSE_FILE`
/// names) and waits there to be killed, so a test kills it at a known state instead of after a
/// guessed time. Without the variable it does nothing.
enum TestPause {
    static func at(_ step: String) {
        let env = ProcessInfo.processInfo.environment
        guard let wanted = env["GAITLIVE_TEST_PAUSE_AT"], wanted == step else { return }
        if let file = env["GAITLIVE_TEST_PAUSE_FILE"] {
            let fd = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) }
        }
        while true { sleep(60) }
    }
}
