import CaptureKit
import MarkerTracker
import Synchronization
import Testing
@testable import ReviewTUI
import SessionStore
import LivePipeline

/// Camera controls kept in memory, as a UVC webcam describes them.
final class FakeControls: CameraControlling {
    let state = Mutex<[CameraControl]>([
        CameraControl(id: 1, name: "Brightness", kind: .integer, minimum: 0, maximum: 255, step: 1, defaultValue: 128,
                      value: 128, menu: [], inactive: false, readOnly: false),
        CameraControl(id: 2, name: "Auto Exposure", kind: .menu, minimum: 1, maximum: 3, step: 1, defaultValue: 3,
                      value: 3, menu: [.init(value: 1, name: "Manual Mode"), .init(value: 3, name: "Aperture Priority Mode")],
                      inactive: false, readOnly: false),
        CameraControl(id: 3, name: "Exposure Time, Absolute", kind: .integer, minimum: 3, maximum: 2047, step: 1,
                      defaultValue: 250, value: 250, menu: [], inactive: true, readOnly: false),
        CameraControl(id: 4, name: "Power Line Frequency", kind: .menu, minimum: 0, maximum: 2, step: 1, defaultValue: 1,
                      value: 1, menu: [.init(value: 0, name: "Disabled"), .init(value: 1, name: "50 Hz"),
                                       .init(value: 2, name: "60 Hz")], inactive: false, readOnly: false),
        CameraControl(id: 5, name: "Sharpness", kind: .integer, minimum: 0, maximum: 7, step: 1, defaultValue: 3,
                      value: 3, menu: [], inactive: false, readOnly: false),
    ])

    func list() throws -> [CameraControl] { state.withLock { $0 } }

    func set(_ key: String, to text: String) throws -> CameraControl {
        try state.withLock { all in
            guard let i = all.firstIndex(where: { $0.key == key }), let v = all[i].parse(text) else {
                throw ControlError(device: "/dev/fake", message: "'\(text)' is not a value of \(key)")
            }
            guard (all[i].minimum...all[i].maximum).contains(v) else {
                throw ControlError(device: "/dev/fake", message: "\(key) must be \(all[i].minimum) to \(all[i].maximum) (got \(v))")
            }
            all[i].value = v
            if key == "auto_exposure", let e = all.firstIndex(where: { $0.key == "exposure_time_absolute" }) {
                all[e].inactive = v != 1
            }
            return all[i]
        }
    }

    func nudge(_ key: String, by steps: Int) throws -> CameraControl {
        let c = try list().first { $0.key == key }!
        return try set(key, to: String(min(c.maximum, max(c.minimum, c.value! + Int64(steps)))))
    }
}

@Suite struct ControlsOverlayTests {
    @Test func changesTheTrackingControlsOfTheChosenCamera() throws {
        let rear = FakeControls()
        var box = ControlsOverlay(views: [.side, .rear]) { $0 == .rear ? rear : nil }
        // The side camera is simulated: the box says so.
        #expect(box.controls.isEmpty)
        #expect(box.message.contains("side camera is simulated"))
        #expect(box.handle(.tab) == .stay)
        #expect(box.view == .rear)
        // Only the controls that matter for LED tracking, sharpness left out.
        #expect(box.controls.map(\.key) == ["brightness", "auto_exposure", "exposure_time_absolute", "power_line_frequency"])

        _ = box.handle(.right)
        _ = box.handle(.right)
        #expect(try rear.list()[0].value == 130)
        _ = box.handle(.pageDown)
        #expect(try rear.list()[0].value == 120)
        #expect(box.message == "brightness = 120")
        _ = box.handle(.character("0"))
        #expect(try rear.list()[0].value == 128)

        // Manual exposure: the menu's next item; exposure time becomes active and can be shortened.
        _ = box.handle(.down)
        _ = box.handle(.character(" "))
        #expect(try rear.list()[1].value == 1)
        #expect(box.controls[2].inactive == false)
        _ = box.handle(.down)
        for _ in 0..<5 { _ = box.handle(.pageDown) }
        #expect(try rear.list()[2].value == 200)
        // The menu wraps around; a step below the minimum stays at the minimum.
        _ = box.handle(.down)
        _ = box.handle(.character(" "))
        _ = box.handle(.character(" "))
        #expect(try rear.list()[3].value == 0)
        _ = box.handle(.left)
        #expect(try rear.list()[3].value == 0)

        var g = CellGrid(width: 100, height: 30)
        box.draw(into: &g, utf8: false)
        #expect(g.text.contains("camera controls"))
        #expect(g.text.contains("> power_line_frequency"))
        #expect(g.text.contains("exposure_time_absolute         200  3..2047"))
        #expect(box.handle(.escape) == .close)
    }

    @Test func liveScreenOpensTheBoxOnX() throws {
        let fixture = try LiveFixture()
        defer { fixture.stop() }
        let screen = LiveScreen(session: fixture.session, pane: ViewPane(mode: .ascii, utf8: false, colour: false),
                                title: "test")
        let fake = FakeControls()
        screen.controlsProvider = { _ in fake }
        _ = screen.handle(.character("x"))
        _ = screen.handle(.right)
        var g = CellGrid(width: 120, height: 40)
        screen.draw(into: &g)
        #expect(g.text.contains("brightness = 129"))
        _ = screen.handle(.escape)
        screen.draw(into: &g)
        #expect(!g.text.contains("camera controls"))
        // Simulated cameras have none.
        screen.controlsProvider = { [session = fixture.session] in session.controls($0) }
        _ = screen.handle(.character("x"))
        screen.draw(into: &g)
        #expect(g.text.contains("side camera is simulated"))
    }
}
