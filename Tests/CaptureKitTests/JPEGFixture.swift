import Foundation
import Glibc
import MarkerTracker

/// Encodes luma images as baseline JPEGs with ffmpeg (the way a UVC camera's MJPEG stream looks:
/// one complete JPEG per frame, 4:2:0).
enum JPEGFixture {
    struct Failed: Error, CustomStringConvertible { var description: String }

    static func encode(_ images: [LumaImage], quality: Int = 3) throws -> [[UInt8]] {
        guard let first = images.first else { return [] }
        let dir = TestDirectory()
        var raw = Data()
        for img in images { raw.append(contentsOf: img.pixels.prefix(img.width * img.height)) }
        try raw.write(to: URL(fileURLWithPath: dir.file("in.gray")))
        // system(3), not Foundation's Process: in the VM's minimal environment Process cannot set
        // up its CFSocket wake-up pair and hangs.
        let command = "ffmpeg -nostdin -loglevel error -f rawvideo -pix_fmt gray -s \(first.width)x\(first.height) "
            + "-i '\(dir.file("in.gray"))' -pix_fmt yuvj420p -c:v mjpeg -q:v \(quality) -f mjpeg '\(dir.file("out.mjpeg"))'"
        let status = system(command)
        guard status == 0, let data = FileManager.default.contents(atPath: dir.file("out.mjpeg")) else {
            throw Failed(description: "ffmpeg could not encode the test frames")
        }
        return split([UInt8](data))
    }

    /// Splits concatenated JPEGs at each start-of-image marker (FF D8 FF cannot occur inside
    /// entropy-coded data, where FF is always followed by 00 or a restart marker).
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var starts: [Int] = []
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == 0xFF && bytes[i + 1] == 0xD8 && bytes[i + 2] == 0xFF { starts.append(i) }
            i += 1
        }
        return starts.enumerated().map { n, s in Array(bytes[s..<(n + 1 < starts.count ? starts[n + 1] : bytes.count)]) }
    }
}
