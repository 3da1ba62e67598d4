import ArgumentParser
import RunnerSimulation

/// Parses a camera picture for `gaitlive bench pictures --picture`: comma-separated
/// `jpeg:Q` (1-100), `exposure:MS` (0-20 ms), `gain:G` (1-16) and `bloom:B` (0.25-16), e.g.
/// `jpeg:75,exposure:2`.
enum PictureSetting {
    static func parse(_ text: String) throws -> CameraPicture {
        var p = CameraPicture()
        for part in text.split(separator: ",") {
            let kv = part.split(separator: ":", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw ValidationError("--picture '\(text)': '\(part)' is not name:value (jpeg:75, exposure:2, gain:2)") }
            switch kv[0] {
            case "jpeg":
                guard let q = Int(kv[1]), (1...100).contains(q) else { throw ValidationError("--picture '\(text)': JPEG quality must be 1-100") }
                p.jpegQuality = q
            case "exposure":
                guard let ms = Double(kv[1]), ms >= 0, ms <= 20 else { throw ValidationError("--picture '\(text)': exposure must be 0-20 ms") }
                p.exposureMilliseconds = ms
            case "gain":
                guard let g = Double(kv[1]), g >= 1, g <= 16 else { throw ValidationError("--picture '\(text)': gain must be 1-16") }
                p.gain = g
            case "bloom":
                guard let b = Double(kv[1]), b >= 0.25, b <= 16 else { throw ValidationError("--picture '\(text)': bloom must be 0.25-16") }
                p.bloom = b
            default:
                throw ValidationError("--picture '\(text)': unknown '\(kv[0])' (jpeg, exposure, gain, bloom)")
            }
        }
        return p
    }

    /// What `bench pictures` measures without `--picture`: JPEG qualities UVC cameras use, shutter
    /// times of 1-4 ms, high gain, and a camera with all three.
    static let sweep: [CameraPicture] = [50, 60, 75, 85, 95].map { CameraPicture(jpegQuality: $0) }
        + [1, 2, 4].map { CameraPicture(exposureMilliseconds: $0) }
        + [2, 4].map { CameraPicture(gain: $0) }
        + [4, 8].map { CameraPicture(bloom: $0) }
        + [CameraPicture(exposureMilliseconds: 2, gain: 2, bloom: 2, jpegQuality: 75)]
}
