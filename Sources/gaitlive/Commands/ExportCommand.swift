import ArgumentParser
import CaptureKit
import Foundation
import OfflineAnalysis
import SessionStore

/// `gaitlive export DIR --to csv|trc|video`: a session in the formats other tools read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a session: CSV tables, TRC marker trajectories, or video with the overlays drawn in.",
        usage: """
            gaitlive export DIR --to csv
            gaitlive export DIR --to trc --units cm --out /tmp/ana-trc
            gaitlive export DIR --to video          (Y4M, and MP4 when ffmpeg is installed)
            """,
        discussion: """
            Writes a new directory (default DIR/exports/<csv|trc|video>), filled under a temporary name and \
            renamed when complete: nothing existing is written over, and a failed export leaves nothing. \
            CSV: the session's tables per stage and camera, cut to the frames the session keeps. TRC: 2D \
            marker trajectories per stage and camera in OpenSim's layout, X right and Y up, in pixels (or \
            centimetres with --units cm when the session is calibrated), Z = 0. Video: each stage and \
            camera with the segments, markers and angle values drawn from the tables.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case csv, trc, video
    }

    enum Units: String, ExpressibleByArgument, CaseIterable {
        case px, cm
    }

    @Argument(help: ArgumentHelp("The session directory (the one holding session.json).", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: "What to export: csv, trc or video.")
    var to: Kind

    @Option(name: .long, help: ArgumentHelp("Directory to create for the export.", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: "TRC units: px (image pixels) or cm (needs a calibrated session).")
    var units: Units = .px

    @Flag(name: .long, help: "Video: write Y4M only, even when ffmpeg is installed.")
    var noMp4 = false

    func run() throws {
        let session = try SessionDirectory.open(directory)
        let destination = out ?? directory + "/exports/" + to.rawValue
        if out == nil {
            // DIR/exports is ours to create (0700) inside the session.
            do {
                try SessionLayout.createDirectory(directory + "/exports", allowExistingEmpty: true)
            } catch let e where e.errno == EEXIST {
                // exists with earlier exports: fine
            } catch {
                throw Failure.badInput(error.description)
            }
        }
        if out != nil { try OutputPath.checkParent(of: destination) }
        let export: ExportDirectory
        do {
            export = try ExportDirectory(destination)
        } catch {
            throw Failure.badInput(error.description)
        }
        var files: [String]
        do {
            switch to {
            case .csv:
                try TableExport.write(session, to: export)
            case .trc:
                try TRCExport.write(session, to: export, centimetres: units == .cm)
            case .video:
                let videos = try AnnotatedVideoExport.write(session, to: export)
                if !noMp4, let ffmpeg = ExportCommand.which("ffmpeg") {
                    for v in videos { try ExportCommand.mp4(ffmpeg, export.working + "/" + v) }
                }
            }
            files = try FileManager.default.contentsOfDirectory(atPath: export.working).sorted()
            try export.commit()
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure.badInput("\(error)")
        }
        print("Exported \(files.count) file\(files.count == 1 ? "" : "s") to \(destination):")
        for f in files { print("  " + f) }
    }

    /// Converts `y4m` to an MP4 beside it (H.264 when ffmpeg has it, else MPEG-4 part 2).
    static func mp4(_ ffmpeg: String, _ y4m: String) throws {
        let target = String(y4m.dropLast(4)) + ".mp4"
        var last = ""
        for codec in [["-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "18"], ["-c:v", "mpeg4", "-q:v", "3"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: ffmpeg)
            p.arguments = ["-nostdin", "-v", "error", "-y", "-i", y4m] + codec + [target]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            let message = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            if p.terminationStatus == 0 {
                chmod(target, 0o600)
                return
            }
            last = String(decoding: message, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        }
        throw Failure.failed("\(target): ffmpeg could not encode the video: \(last)")
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}
