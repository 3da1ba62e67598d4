import Foundation
import Testing

/// `gaitlive bench soak` for one minute, the version CI runs (issue #15, item 7; the 30-minute
/// run is a benchmark, docs/performance.md): the paced demo records both cameras with the console
/// drawn, and nothing the recorder was given is lost, memory does not run away, and the session
/// directory is removed afterwards. Camera drops are reported, not asserted: on a busy CI machine
/// the paced cameras skip frames when the tests around them take the cores.
@Suite struct SoakTests {
    @Test func oneMinuteSoakSavesEverythingItIsGiven() throws {
        let dir = Binary.temporaryDirectory("soak")
        let r = try Binary.gaitlive("bench", "soak", "--minutes", "1", "--report-every", "10", "--size", "320x240",
                                    "--dir", dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        print("soak, one minute:\n" + r.stdout)
        func value(_ key: String) -> Double? {
            r.stdout.split(separator: "\n").first { $0.hasPrefix(key + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
        }
        #expect(value("soak_not_saved") == 0)
        #expect((value("soak_frames_written") ?? 0) > 1000, "two cameras for a minute")
        #expect((value("soak_bytes_written") ?? 0) > 1_000_000)
        // Six reports, one every 10 s, plus the closing one.
        #expect(r.stdout.split(separator: "\n").filter { $0.contains(" s: resident ") }.count >= 6)
        // The ring fills in its first seconds; after the first report memory stays within a
        // quarter (the 30-minute goal is 5 %, docs/performance.md).
        let change = try #require(value("soak_memory_change_percent"))
        #expect(change < 25)
        #expect(!FileManager.default.fileExists(atPath: dir), "the soak's session is removed")
    }
}
