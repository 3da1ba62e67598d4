import ArgumentParser
import Foundation
import SessionStore

/// `gaitlive compact DIR`: turns a session recorded with raw video (format 1) into compressed
/// video (format 2) without risk (docs/session-format.md, "Compact").
struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Turn a session's raw Y4M videos into MJPEG Matroska, about 60 times smaller.",
        usage: """
            gaitlive compact ~/.local/share/gaitlive/sessions/Ana-Ruiz/2026-11-30_101500
            """,
        discussion: """
            The compressed videos are written beside the raw ones and checked frame by frame (count, \
            timestamps, luma within 40 dB PSNR of the raw frame); only then are they swapped in and the \
            raw videos removed. Interrupted at any moment, the session still opens; run compact again to \
            finish. A session being recorded, damaged, or already compact is refused, changing nothing.
            """)

    @Argument(help: ArgumentHelp("Session directory.", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp(
        "JPEG quality, 1-100 (default \(VideoStorage.defaultJPEGQuality)); a view that would lose more than 40 dB PSNR takes the next of 70, 85, 95, 100.",
        valueName: "1-100"))
    var jpegQuality: Int = VideoStorage.defaultJPEGQuality

    func validate() throws {
        guard (1...100).contains(jpegQuality) else { throw ValidationError("--jpeg-quality must be 1 to 100 (got \(jpegQuality))") }
    }

    func run() throws {
        let result: (outcomes: [SessionCompaction.Outcome], leftovers: [String])
        do {
            result = try SessionCompaction.compact(directory: directory, quality: jpegQuality)
        } catch {
            throw Failure.badInput("\(error)")
        }
        for o in result.outcomes {
            let ratio = o.bytesAfter > 0 ? Double(o.bytesBefore) / Double(o.bytesAfter) : 0
            print("\(o.from) -> \(o.to): \(o.frames) frames, \(FreeSpace.format(UInt64(o.bytesBefore))) -> "
                  + "\(FreeSpace.format(UInt64(o.bytesAfter))) (1/\(String(format: "%.0f", ratio))), "
                  + "JPEG quality \(o.quality), worst luma PSNR \(o.frames > 0 ? String(format: "%.1f dB", o.worstPSNR) : "-")")
        }
        for l in result.leftovers {
            print("\(l): removed (left by an interrupted compact; the session already uses its .mkv)")
        }
    }
}
