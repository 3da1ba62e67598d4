import ArgumentParser
import CaptureKit
import Foundation
import Glibc
import MarkerTracker
import RunnerSimulation

/// `gaitlive bench capture`: what the capture thread costs per frame without a
/// camera: turning each raw layout (and MJPEG) into a Frame, and tracking it, on simulated-runner
/// frames. The ioctls themselves are measured on real drivers (`live --headless` in the VM).
struct BenchCaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Measure the capture thread's per-frame conversion and tracking cost (no camera needed).")

    @Option(name: .long, help: ArgumentHelp("Frame size (WxH, even, 64x48 to 4096x4096; default 640x480)", valueName: "WxH"),
            transform: FrameSize.parse)
    var size: FrameSize = FrameSize(width: 640, height: 480)

    @Option(name: .long, help: "Frames per measurement.")
    var frames = 600

    func run() throws {
        let (w, h) = (size.width, size.height)
        let runner = SimulatedRunner(seed: 1, sideCameraOn: .right, clockOrigin: 0)
        let cam = SimulatedCamera(runner: runner, view: .side, width: w, height: h, pacing: .unpaced)
        let source = (0..<120).map { cam.render(index: UInt64($0), time: Double($0) / 120).luma }
        print("capture thread per frame, \(w)x\(h), \(frames) frames each (release build, one core):")
        for format in [PixelFormat.grey, .yuyv, .nv12, .yu12] {
            let buffers = source.map { Self.raw($0, format) }
            let bpl = format == .yuyv ? 2 * w : w
            let converter = FrameConverter(format: format, width: w, height: h, bytesPerLine: bpl)
            report(format.description, buffers: buffers) { raw in raw.withUnsafeBytes { converter.convert($0) } }
        }
        if let jpegs = Self.jpegs(source) {
            let decoder = try MJPEGDecoder(width: w, height: h)
            let converter = FrameConverter(format: .mjpeg, width: w, height: h, bytesPerLine: 0, decoder: decoder)
            report("MJPG (decoded by libv4lconvert)", buffers: jpegs) { raw in raw.withUnsafeBytes { converter.convert($0) } }
        } else {
            print("  MJPG: skipped (ffmpeg is needed to make the test JPEGs)")
        }
    }

    /// Converts every buffer `frames` times in turn, then tracks the converted frames.
    func report(_ name: String, buffers: [[UInt8]], convert: ([UInt8]) -> (LumaImage, ChromaPlanes?)?) {
        var out: [LumaImage] = []
        out.reserveCapacity(buffers.count)
        let t0 = MonotonicClock.now()
        for i in 0..<frames {
            guard let (luma, _) = convert(buffers[i % buffers.count]) else { continue }
            if out.count < buffers.count { out.append(luma) }
        }
        let convert = Double(MonotonicClock.now() - t0) / Double(frames) / 1000
        var processor = ViewProcessor(view: .side, markerSide: .right, clockOrigin: 0)
        let t1 = MonotonicClock.now()
        for i in 0..<frames {
            let f = Frame(view: .side, sequence: UInt32(i), timestampNanoseconds: UInt64(i) * 8_333_333,
                          luma: out[i % out.count])
            _ = processor.process(f, inclinePercent: 0)
        }
        let track = Double(MonotonicClock.now() - t1) / Double(frames) / 1000
        print(String(format: "  %@: convert %.0f us, track %.0f us", name, convert, track))
    }

    /// The frame as a camera buffer in `format` (neutral chroma).
    static func raw(_ l: LumaImage, _ format: PixelFormat) -> [UInt8] {
        let (w, h) = (l.width, l.height)
        let c = ((w + 1) / 2) * ((h + 1) / 2)
        switch format {
        case .yuyv:
            var out = [UInt8](repeating: 128, count: 2 * w * h)
            for k in 0..<(w * h) { out[2 * k] = l.pixels[k] }
            return out
        case .nv12, .yu12: return Array(l.pixels.prefix(w * h)) + [UInt8](repeating: 128, count: 2 * c)
        default: return Array(l.pixels.prefix(w * h))
        }
    }

    /// The frames as JPEGs (ffmpeg, quality 2), or nil without ffmpeg.
    static func jpegs(_ images: [LumaImage]) -> [[UInt8]]? {
        guard let first = images.first else { return nil }
        let dir = NSTemporaryDirectory() + "gaitlive-bench-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var raw = Data()
        for i in images { raw.append(contentsOf: i.pixels.prefix(i.width * i.height)) }
        guard (try? raw.write(to: URL(fileURLWithPath: dir + "/in.gray"))) != nil else { return nil }
        let cmd = "ffmpeg -nostdin -loglevel error -f rawvideo -pix_fmt gray -s \(first.width)x\(first.height) "
            + "-i \(dir)/in.gray -pix_fmt yuvj420p -c:v mjpeg -q:v 2 -f mjpeg \(dir)/out.mjpeg 2>/dev/null"
        guard system(cmd) == 0, let data = FileManager.default.contents(atPath: dir + "/out.mjpeg") else { return nil }
        let bytes = [UInt8](data)
        var starts: [Int] = []
        for i in 0..<(bytes.count - 2) where bytes[i] == 0xFF && bytes[i + 1] == 0xD8 && bytes[i + 2] == 0xFF { starts.append(i) }
        return starts.enumerated().map { n, s in Array(bytes[s..<(n + 1 < starts.count ? starts[n + 1] : bytes.count)]) }
    }
}
