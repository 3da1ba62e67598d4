import Foundation
import Glibc

/// Asks ffprobe and ffmpeg about a video file, as a player would open it (the interop check of
/// session video v2). Uses system(3), not Foundation's Process (it hangs in the VM's minimal
/// environment, see JPEGFixture).
enum FFmpegCheck {
    struct Failed: Error, CustomStringConvertible { var description: String }

    /// Output of a shell command, or nil when it failed.
    static func output(_ command: String, errors: Bool = true) -> String? {
        let out = NSTemporaryDirectory() + "gaitlive-ffcheck-\(UUID().uuidString.prefix(8))"
        defer { unlink(out) }
        guard system(command + " >'\(out)' " + (errors ? "2>&1" : "2>/dev/null")) == 0 else { return nil }
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Codec, size and decoded frame count of the first video stream ("mjpeg", 320, 240, 50).
    static func probe(_ path: String) throws -> (codec: String, width: Int, height: Int, frames: Int) {
        guard let text = output("ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                                + "stream=codec_name,width,height,nb_read_frames -of csv=p=0 '\(path)'", errors: false) else {
            throw Failed(description: "ffprobe cannot read \(path)")
        }
        let f = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map(String.init)
        guard f.count >= 4, let w = Int(f[1]), let h = Int(f[2]), let n = Int(f[3]) else {
            throw Failed(description: "ffprobe said '\(text)' about \(path)")
        }
        return (f[0], w, h, n)
    }

    /// What ffmpeg reports while decoding every frame (`-v error`): empty for a clean file.
    static func decodeErrors(_ path: String) throws -> String {
        guard let text = output("ffmpeg -nostdin -v error -i '\(path)' -f null -") else {
            throw Failed(description: "ffmpeg cannot decode \(path)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
