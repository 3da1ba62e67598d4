import Testing
@testable import CaptureKit

/// Negotiation logic on the format lists real cameras give (no device needed).
@Suite struct FormatChoiceTests {
    static func size(_ w: Int, _ h: Int, _ rates: [UInt32]) -> FormatDescription.Size {
        .init(width: w, height: h, intervals: rates.map { FrameInterval(numerator: 1, denominator: $0) })
    }

    /// A typical UVC webcam: raw YUYV is slow at 640x480, MJPEG gives the high rates.
    static let uvc = [
        FormatDescription(pixelFormat: .yuyv, name: "YUYV 4:2:2", compressed: false,
                          sizes: [size(640, 480, [30, 15]), size(1280, 720, [10])]),
        FormatDescription(pixelFormat: .mjpeg, name: "Motion-JPEG", compressed: true,
                          sizes: [size(640, 480, [120, 60, 30]), size(1280, 720, [60, 30])]),
    ]

    @Test func rawIsPreferredWhereItMeetsTheRate() throws {
        let c = try FormatChoice.choose(from: Self.uvc, width: 640, height: 480, fps: 30, device: "cam")
        #expect(c == FormatChoice(pixelFormat: .yuyv, width: 640, height: 480, interval: FrameInterval(numerator: 1, denominator: 30)))
    }

    @Test func mjpegIsChosenWhereOnlyItGivesTheRate() throws {
        let c = try FormatChoice.choose(from: Self.uvc, width: 640, height: 480, fps: 120, device: "cam")
        #expect(c.pixelFormat == .mjpeg)
        #expect(c.interval?.framesPerSecond == 120)
    }

    @Test func withoutARateTheFastestUpTo120IsTaken() throws {
        let c = try FormatChoice.choose(from: Self.uvc, width: 1280, height: 720, fps: nil, device: "cam")
        #expect(c.pixelFormat == .mjpeg && c.interval?.framesPerSecond == 60)
    }

    @Test func greyBeatsYUYVAtTheSameRate() throws {
        let formats = [FormatDescription(pixelFormat: .yuyv, name: "", compressed: false, sizes: [Self.size(640, 480, [60])]),
                       FormatDescription(pixelFormat: .grey, name: "", compressed: false, sizes: [Self.size(640, 480, [60])])]
        #expect(try FormatChoice.choose(from: formats, width: 640, height: 480, fps: 60, device: "cam").pixelFormat == .grey)
    }

    @Test func ntscRatesCountAsTheRoundRate() throws {
        let formats = [FormatDescription(pixelFormat: .yuyv, name: "", compressed: false,
                                         sizes: [.init(width: 640, height: 480, intervals: [FrameInterval(numerator: 1001, denominator: 30000)])])]
        let c = try FormatChoice.choose(from: formats, width: 640, height: 480, fps: 30, device: "cam")
        #expect(c.interval == FrameInterval(numerator: 1001, denominator: 30000))
    }

    @Test func refusalsSayWhatIsOffered() {
        let size = #expect(throws: NegotiationError.self) {
            try FormatChoice.choose(from: Self.uvc, width: 800, height: 600, fps: nil, device: "/dev/video0")
        }
        #expect(size?.description == "/dev/video0: does not offer 800x600; it offers YUYV 640x480 (30 fps), 1280x720 (10 fps); "
                + "MJPG 640x480 (120 fps), 1280x720 (60 fps)")
        let rate = #expect(throws: NegotiationError.self) {
            try FormatChoice.choose(from: Self.uvc, width: 1280, height: 720, fps: 120, device: "/dev/video0")
        }
        #expect(rate?.description == "/dev/video0: does not offer 1280x720 at 120 fps; it offers YUYV 1280x720 (10 fps); "
                + "MJPG 1280x720 (60, 30 fps)")
        let forced = #expect(throws: NegotiationError.self) {
            try FormatChoice.choose(from: Self.uvc, width: 640, height: 480, fps: nil, only: .grey, device: "/dev/video0")
        }
        #expect(forced?.description.hasPrefix("/dev/video0: does not offer GREY; it offers YUYV") == true)
    }

    @Test func pixelFormatsReadAndPrintAsFourCC() {
        #expect(PixelFormat(fourcc: "YUYV") == .yuyv)
        #expect(PixelFormat.mjpeg.description == "MJPG")
        #expect(PixelFormat(fourcc: "Y8")?.description == "Y8")
        #expect(PixelFormat(fourcc: "TOOLONG") == nil)
    }

    @Test func controlNamesBecomeCommandLineKeys() {
        #expect(CameraControl.key(for: "Exposure Time, Absolute") == "exposure_time_absolute")
        #expect(CameraControl.key(for: "Power Line Frequency") == "power_line_frequency")
        let menu = CameraControl(id: 1, name: "Power Line Frequency", kind: .menu, minimum: 0, maximum: 2, step: 1,
                                 defaultValue: 1, value: 1, menu: [.init(value: 0, name: "Disabled"), .init(value: 1, name: "50 Hz"),
                                                                   .init(value: 2, name: "60 Hz")],
                                 inactive: false, readOnly: false)
        #expect(menu.parse("50hz") == 1)
        #expect(menu.parse("2") == 2)
        #expect(menu.parse("70 Hz") == nil)
        #expect(menu.mattersForTracking)
        #expect(menu.valueText == "1 (50 Hz)")
    }
}
