import Foundation
import Glibc
import MarkerTracker
import Synchronization
import Testing
@testable import CaptureKit

/// A source that delivers frames written to a pipe, with chosen sequence numbers.
final class PipeSource: FrameSource {
    let name = "pipe"
    let nominalFramesPerSecond = 100.0
    let readEnd: Int32
    let writeEnd: Int32
    var descriptor: Int32? { readEnd }
    var stopped = false

    init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    func start() throws {}

    func readFrame() throws -> Frame? {
        var seq: UInt32 = 0
        let n = withUnsafeMutableBytes(of: &seq) { read(readEnd, $0.baseAddress, 4) }
        guard n == 4 else { throw CaptureError.endOfStream }
        return Frame(view: .side, sequence: seq, timestampNanoseconds: UInt64(seq) * 10_000_000,
                     luma: LumaImage(width: 4, height: 4, fill: 0))
    }

    func stop() { stopped = true }

    func send(_ seq: UInt32) {
        var s = seq
        _ = withUnsafeBytes(of: &s) { write(writeEnd, $0.baseAddress, 4) }
    }
}

@Suite struct CaptureThreadTests {
    @Test func countsFramesAndSequenceGapsAndStopsPromptly() throws {
        let source = PipeSource()
        let thread = try CaptureThread(name: "test")
        let received = Mutex<[UInt32]>([])
        thread.start(Transfer(source)) { f in received.withLock { $0.append(f.sequence) } }
        for s: UInt32 in [0, 1, 2, 5, 6, 10] { source.send(s) }
        var waited = 0
        while received.withLock({ $0.count }) < 6 && waited < 200 {
            usleep(5000)
            waited += 1
        }
        let stats = thread.statistics
        #expect(received.withLock { $0 } == [0, 1, 2, 5, 6, 10])
        #expect(stats.frames == 6)
        #expect(stats.dropped == 5) // 3, 4 and 7, 8, 9
        #expect(stats.state == .streaming)
        #expect(abs(stats.measuredFramesPerSecond - 50) < 1e-6) // 5 intervals over 0.1 s
        let before = MonotonicClock.now()
        thread.stop()
        #expect(MonotonicClock.now() - before < 500_000_000)
        #expect(source.stopped)
        #expect(thread.statistics.state == .stopped)
        close(source.writeEnd)
    }

    @Test func aSourceThatFailsIsReportedLost() throws {
        let source = PipeSource()
        let thread = try CaptureThread(name: "lost")
        thread.start(Transfer(source)) { _ in }
        close(source.writeEnd) // readable EOF: readFrame throws endOfStream
        var waited = 0
        while thread.statistics.state == .starting || thread.statistics.state == .streaming, waited < 200 {
            usleep(5000)
            waited += 1
        }
        #expect(thread.statistics.state == .finished)
        thread.stop()
    }
}
