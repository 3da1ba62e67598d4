import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import RunnerSimulation

/// `gaitlive bench pictures`: the tracker on the pictures real cameras give (JPEG, motion blur,
/// gain) against the same frames drawn ideally (issue #12, item 5; docs/accuracy.md "Camera pictures").
struct BenchPicturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pictures",
        abstract: "Track the population's runners on degraded camera pictures and compare with ideal ones.",
        usage: """
            gaitlive bench pictures
            gaitlive bench pictures --population 20 --seed 1001
            gaitlive bench pictures --picture jpeg:75 --picture jpeg:75,exposure:2,gain:2,bloom:2
            gaitlive bench pictures --recording data/realdata/RBDS0041runT252.txt
            """,
        discussion: """
            Each runner of the simulated population (seeds S..S+N-1; 1-999 tuning, 1001-1999 held \
            out) and each --recording is filmed --seconds by both of its cameras twice: once ideal, \
            once as --picture says (default: JPEG 50, 60, 75, 85, 95; exposure 1, 2, 4 ms; gain 2, \
            4 (noise); LED bloom 4, 8; and JPEG 75 with 2 ms, gain 2 and bloom 2). Per picture and view: the RMS difference of every \
            angle from the ideal run's on the same frames (pooled, and the worst angle), the largest \
            difference, angle-frames lost, wrong labels against the truth, and the gait events against \
            the ideal run's (same frame, within one frame, missed, extra). The last line per picture \
            is 'picture <p> worst_rms <deg> events_moved <n>'.
            """)

    @Option(name: .long, help: ArgumentHelp("Runners of the simulated population.", valueName: "N"))
    var population = 6

    @Option(name: .long, help: ArgumentHelp("The population's first seed.", valueName: "S"))
    var seed: UInt64 = 1

    @Option(name: .long, help: "Seconds per runner.")
    var seconds: Double = 4

    @Option(name: .long, help: "Frames per second.")
    var fps: Double = 120

    @Option(name: .long, help: ArgumentHelp("A picture to measure (repeatable): jpeg:Q, exposure:MS, gain:G, bloom:B, comma-joined.",
                                            valueName: "spec"), transform: PictureSetting.parse)
    var picture: [CameraPicture] = []

    @Option(name: .long, help: ArgumentHelp("A recorded runner to add (repeatable).", valueName: "file"))
    var recording: [String] = []

    func validate() throws {
        guard seconds >= 1.5, seconds <= 120 else { throw ValidationError("--seconds must be between 1.5 and 120 (got \(seconds))") }
        guard fps >= 10, fps <= 480 else { throw ValidationError("--fps must be between 10 and 480 (got \(fps))") }
        guard population >= 0, population <= 1000 else { throw ValidationError("--population must be between 0 and 1000") }
    }

    func run() throws {
        let pictures = picture.isEmpty ? PictureSetting.sweep : picture
        let bench = PictureBench(seeds: (0..<UInt64(population)).map { seed &+ $0 }, seconds: seconds, fps: fps,
                                 recordings: recording)
        do {
            try bench.run(pictures)
        } catch let e as MarkerFileError {
            throw ValidationError(e.description)
        }
    }
}
