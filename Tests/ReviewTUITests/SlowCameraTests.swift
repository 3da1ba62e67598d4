import CaptureKit
import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI

/// A camera slower than the rate the tracker is checked at (120 fps; at 60 fps fast runners get
/// wrong labels: docs/accuracy.md) is flagged in its view's title, in both forms.
@Suite struct SlowCameraTests {
    func stats(_ fps: Double) -> CameraStatistics {
        var s = CameraStatistics()
        s.state = .streaming
        s.measuredFramesPerSecond = fps
        return s
    }

    @Test func aSixtyFrameCameraIsFlaggedAndAHundredTwentyIsNot() throws {
        let fixture = try LiveFixture()
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let screen = LiveScreen(session: fixture.session, pane: ViewPane(mode: .ascii, utf8: false, colour: false), title: "test")
        let (slow, slowColour) = screen.healthText(stats(60), tracked: nil, markerSet: .side, compact: false)
        #expect(slow.contains("60.0 fps (tracking checked at 120)"), "\(slow)")
        #expect(slowColour == Palette.warning)
        #expect(screen.healthText(stats(60), tracked: nil, markerSet: .side, compact: true).0.contains("60 fps!"))
        let (fine, _) = screen.healthText(stats(120), tracked: nil, markerSet: .side, compact: false)
        #expect(!fine.contains("checked") && fine.contains("120.0 fps"), "\(fine)")
        #expect(!screen.healthText(stats(119.6), tracked: nil, markerSet: .side, compact: true).0.contains("!"))
    }
}
