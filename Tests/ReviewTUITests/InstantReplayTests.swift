import CaptureKit
import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI
@testable import SessionStore
import LivePipeline

/// Issue #15, item 8: retroactive recording (`--pre-record`) and instant replay (`i`), on a live
/// session of two simulated cameras in real time. Waits for states, never for a time (each wait
/// gives up after a generous bound so a broken build fails instead of hanging).
@Suite struct InstantReplayTests {
    static func wait(_ seconds: Double = 30, _ condition: () -> Bool) -> Bool { LiveFixture.wait(seconds, condition) }

    @Test func pressingRecordAlsoKeepsTheSecondsBefore() throws {
        let fixture = try LiveFixture(preRecordSeconds: 1)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let session = fixture.session
        // The ring fills while nothing is recorded.
        #expect(Self.wait { (session.status.recorder?.ringSeconds ?? 0) >= 1.5 })
        #expect(session.status.recorder?.framesWritten.isEmpty ?? true)
        let pressed = MonotonicClock.now()
        session.setRecording(true)
        #expect(Self.wait { (session.status.recorder?.framesWritten[.side] ?? 0) >= 90 })
        session.setRecording(false)
        let status = session.stop()
        // About a second at 60 fps (fewer if the busy machine made the paced cameras skip frames).
        #expect((status.preRecorded[.side] ?? 0) >= 20, "\(status.preRecorded)")
        let recorded = try RecordedSession(directory: fixture.directory)
        for view in CameraView.allCases {
            let v = try #require(recorded.stages.first?.views[view])
            let first = try v.indexEntry(at: 0).timestampNanoseconds
            // The first frame kept is about a second before the press (within two frames).
            let before = Double(Int64(pressed) - Int64(first)) / 1e9
            #expect(before > 0.95 && before < 1.05, "\(view): first frame \(before) s before the press")
            // Every frame the camera sent from then on is there, or counted as lost by the camera
            // (a paced camera skips frames when the machine is busy): none lost where the ring's
            // part meets the rest.
            var previous: UInt32?
            for n in 0..<v.frameCount {
                let e = try v.indexEntry(at: n)
                if let p = previous { #expect(Int(e.sequence &- p) - 1 == e.droppedBefore, "\(view) frame \(n)") }
                previous = e.sequence
            }
            #expect(try v.indexEntry(at: 0).droppedBefore == 0)
        }
        // The REC clock counts the pre-recorded second too.
        #expect(session.status.recordedSeconds > 1)
    }

    @Test func replayShowsTheLastTwoStridesAndAnyKeyReturnsToLive() throws {
        let fixture = try LiveFixture()
        defer { fixture.stop() }
        let session = fixture.session
        // Three contacts of the side view's leg in the ring: two whole strides to replay.
        #expect(Self.wait(60) { InstantReplay(session: session, now: 0)?.strides == 2 })
        let screen = LiveScreen(session: session, pane: ViewPane(mode: .ascii, utf8: false, colour: false), title: "test")
        _ = screen.tick(now: 100)
        _ = screen.handle(.character("i"))
        let replay = try #require(screen.replay)
        #expect(replay.strides == 2)
        // Two strides at 60 fps: 60-100 pictures per view, both views locked together.
        let side = try #require(replay.frames[.side]), rear = try #require(replay.frames[.rear])
        #expect(side.count > 40 && rear.count > 40, "\(side.count) side, \(rear.count) rear pictures")
        var g = CellGrid(width: 120, height: 40)
        screen.draw(into: &g)
        #expect(g.text(row: 1).contains("SIDE > REPLAY 1/8"), "\(g.text(row: 1))")
        #expect(g.text(row: 1).contains("stride 1 of 2"))
        #expect(g.text.contains("REAR > REPLAY 1/8"))
        // At 1/8 speed the second stride comes after about 8 stride times; it loops.
        let strideSeconds = Double(replay.end - replay.start) / 2e9
        _ = screen.tick(now: 100 + 8 * strideSeconds * 1.5)
        screen.draw(into: &g)
        #expect(g.text(row: 1).contains("stride 2 of 2"), "\(g.text(row: 1))")
        // Recording goes on underneath.
        session.setRecording(true)
        #expect(Self.wait { (session.status.recorder?.framesWritten[.side] ?? 0) >= 10 })
        _ = screen.handle(.character("x"))
        #expect(screen.replay == nil)
        screen.draw(into: &g)
        #expect(!g.text(row: 1).contains("REPLAY"))
        session.setRecording(false)
    }

    @Test func theRingIsBoundedInTimeAndMemory() {
        func item(_ t: UInt64, bytes: Int, view: CameraView = .side) -> SessionRecorder.Item {
            let frame = Frame(view: view, sequence: UInt32(t / 10_000_000), timestampNanoseconds: t,
                              luma: LumaImage(width: 64, height: 48, fill: 9), compressed: [UInt8](repeating: 1, count: bytes))
            let processed = ProcessedFrame(frame: frame, streamIndex: 0, tracked: TrackedFrame(markers: [], blobCount: 0, status: .noMarkers, forward: 1, fullScan: true),
                                           angles: AngleSet(), events: [])
            return SessionRecorder.Item(processed: processed, stageIndex: 0,
                                        stage: .init(kind: .flat, inclinePercent: 0, ordinal: 1, startNanoseconds: 0),
                                        recording: false)
        }
        var ring = FrameRing(seconds: 1, maximumBytes: 1_000_000)
        for i in 0..<300 { ring.add(item(UInt64(i) * 10_000_000, bytes: 1000)) }
        // 1 s at 100 a second: the last 101 pictures; the plane is not kept.
        #expect(ring.entries(.side).count == 101)
        #expect(ring.entries(.side).first?.item.processed.frame.luma.width == 1)
        #expect(ring.entries(.side).first?.width == 64)
        #expect(ring.entries(.side, from: 2_900_000_000).count == 10)
        #expect(abs(ring.span(.side) - 1) < 1e-9)
        // Over the byte bound the oldest go, whatever their age.
        var small = FrameRing(seconds: 10, maximumBytes: 20 * (1000 + FrameRing.tableBytes))
        for i in 0..<100 { small.add(item(UInt64(i) * 10_000_000, bytes: 1000)) }
        #expect(small.entries(.side).count == 20)
        #expect(small.bytes <= small.maximumBytes)
        var blank: [Int: LumaImage] = [:]
        let restored = FrameRing.restored(small.entries(.side).first!, blank: &blank)
        #expect(restored.processed.frame.luma.width == 64 && restored.processed.frame.luma.height == 48)
        #expect(restored.processed.frame.compressed?.count == 1000)
    }
}
