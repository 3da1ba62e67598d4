import Foundation
import Testing
import SessionStore

/// `gaitlive sessions` counts dropped frames as the console and session.json do (the cameras'
/// own counts), so an older session whose per-stage counts took a pause for drops (2934 where
/// the console said 73) shows the cameras' figure.
@Suite struct SessionsDropsTests {
    @Test func sessionsShowsTheCamerasOwnDropCounts() throws {
        let root = Binary.temporaryDirectory("drops")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/ana"
        let r = try Binary.gaitlive("demo", "--headless", "--duration", "0.5", "--no-incline-stage", "--out", dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        var m = try ManifestStore.read(from: dir)
        // As an older gaitlive wrote it after a pause: the stage counts hold the pause.
        for (name, _) in m.stages[0].views { m.stages[0].views[name]?.droppedByCamera = 1467 }
        for i in m.cameras.indices { m.cameras[i].droppedFrames = i == 0 ? 73 : 10 }
        try ManifestStore.write(m, to: dir)
        let s = try Binary.gaitlive("sessions", "--root", root)
        #expect(s.status == 0, "stderr: \(s.stderr)")
        #expect(s.stdout.contains("83 camera, 0 not saved"), "\(s.stdout)")
    }
}
