import ArgumentParser
import Foundation
import MarkerTracker
import LivePipeline
import OfflineAnalysis
import SessionStore

/// `gaitlive analyze VIDEO.y4m`: track a video file and print markers, angles, events and strides.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Track a video of one view and print its markers, angles, gait events and stride metrics.",
        usage: """
            gaitlive analyze side.y4m --view side
            gaitlive analyze rear.y4m --view rear --format json --leg-length 91
            gaitlive analyze SESSION/flat/side.mkv
            """,
        discussion: """
            Reads a YUV4MPEG2 video (mono or 4:2:0) or MJPEG in Matroska (a session's .mkv) directly, \
            and anything else ffmpeg reads (MJPEG AVI, MP4...) through ffmpeg; the frame rate comes from \
            the file. It runs the \
            same tracking, angles, gait events and stride metrics as the live console. Angles are printed \
            after the zero-lag filter, with the unfiltered ones beside them. Output formats are described \
            in docs/analyze-format.md.
            """)

    /// Output format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv
        case json
    }

    @Argument(help: ArgumentHelp("The video file (Y4M, MJPEG .mkv, or anything ffmpeg reads).", valueName: "video"))
    var video: String

    @Option(name: .long, help: ArgumentHelp("Which camera filmed it (default: the file's XGAITLIVE_VIEW tag).", valueName: "side|rear"))
    var view: CameraView?

    @Option(name: .long, help: "Output format: csv (three tables) or json.")
    var format: Format = .csv

    @Option(name: .long, help: ArgumentHelp("Athlete's leg length (greater trochanter to floor), for centimetres.", valueName: "cm"))
    var legLength: Double?

    @Option(name: .long, help: ArgumentHelp("Belt incline during the video.", valueName: "percent"))
    var incline: Double = 0

    @Option(name: .long, help: ArgumentHelp("Side view: the leg carrying the markers (default: from the running direction).", valueName: "left|right"))
    var leg: BodySide?

    func validate() throws {
        if let l = legLength, !(40...130).contains(l) {
            throw ValidationError("--leg-length must be 40 to 130 cm (got \(l))")
        }
        guard (-20...20).contains(incline) else { throw ValidationError("--incline must be -20 to 20 percent (got \(incline))") }
    }

    func run() throws {
        let work = NSTemporaryDirectory() + "gaitlive-analyze-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let readable = try VideoInput.readable(video, work: work, name: "video")
        let reader: any RecordedVideo
        do {
            reader = try RecordedVideos.open(readable)
        } catch {
            throw Failure.badInput("\(error)")
        }
        guard reader.frameCount > 0 else { throw Failure.badInput("\(video): the video has no frames") }
        guard reader.framesPerSecond > 0 else { throw Failure.badInput("\(video): the video does not say its frame rate") }
        guard let view = view ?? reader.taggedView else {
            throw Failure.badInput("\(video): which camera filmed it? give --view side or --view rear")
        }
        let options = VideoAnalyzer.Options(view: view, markerSide: leg, legLengthCm: legLength,
                                            inclinePercent: incline)
        let analysis: VideoAnalysis
        do {
            analysis = try VideoAnalysis.analyse(reader, options: options)
        } catch {
            throw Failure.badInput("\(error)")
        }
        let printer = AnalysisPrinter(analysis: analysis, source: video, width: reader.width, height: reader.height)
        switch format {
        case .csv: printer.writeCSV()
        case .json: try printer.writeJSON()
        }
    }
}
