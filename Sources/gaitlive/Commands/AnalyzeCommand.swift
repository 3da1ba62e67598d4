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
        abstract: "Track a Y4M video of one view and print its markers, angles, gait events and stride metrics.",
        usage: """
            gaitlive analyze side.y4m --view side
            gaitlive analyze rear.y4m --view rear --format json --leg-length 91
            """,
        discussion: """
            Reads any YUV4MPEG2 video (mono or 4:2:0; the frame rate comes from its header) and runs the \
            same tracking, angles, gait events and stride metrics as the live console. Angles are printed \
            after the zero-lag filter, with the unfiltered ones beside them. Output formats are described \
            in docs/analyze-format.md.
            """)

    /// Output format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv
        case json
    }

    @Argument(help: ArgumentHelp("The video file (YUV4MPEG2).", valueName: "video.y4m"))
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
        let reader: Y4MReader
        do {
            reader = try Y4MReader(path: video)
        } catch {
            throw Failure.badInput("\(error)")
        }
        guard reader.frameCount > 0 else { throw Failure.badInput("\(video): the video has no frames") }
        let tagged = reader.header.comments.first { $0.hasPrefix("GAITLIVE_VIEW=") }
            .flatMap { CameraView(rawValue: String($0.dropFirst("GAITLIVE_VIEW=".count))) }
        guard let view = view ?? tagged else {
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
        let printer = AnalysisPrinter(analysis: analysis, source: video, header: reader.header)
        switch format {
        case .csv: printer.writeCSV()
        case .json: try printer.writeJSON()
        }
    }
}
