import Testing
@testable import LivePipeline
@testable import ReviewTUI

/// `RecordingRoom`: minutes of recording left at the measured rate once a few seconds were
/// recorded, at the expected rate before.
@Suite struct RecordingRoomTests {
    @Test func usesTheExpectedRateUntilARateIsMeasured() {
        var room = RecordingRoom(directory: "/", expectedBytesPerMinute: 300e6)
        room.freeBytes = 3_000_000_000
        #expect(room.minutesLeft == 10)
        room.add(recordedSeconds: 0.5, bytesWritten: 1_000_000)
        room.add(recordedSeconds: 1.5, bytesWritten: 11_000_000)
        #expect(room.bytesPerMinute == 300e6, "1 s of recording is too little to go by")
        // 10 MB a second measured over 4 s: 600 MB/min -> 5 minutes.
        room.add(recordedSeconds: 4.5, bytesWritten: 41_000_000)
        #expect(room.bytesPerMinute == 600e6)
        #expect(room.minutesLeft == 5)
        // Later the rate falls to 2 MB a second: only the last 10 s count.
        room.add(recordedSeconds: 20, bytesWritten: 200_000_000)
        room.add(recordedSeconds: 25, bytesWritten: 210_000_000)
        #expect(room.samples.map(\.seconds) == [20, 25])
        #expect(room.bytesPerMinute == 120e6)
        #expect(room.minutesLeft == 25)
    }

    @Test func headerWordsTheRoom() {
        #expect(LiveScreen.roomText(minutes: 37.4) == "disk: 37 min left")
        #expect(LiveScreen.roomText(minutes: 900) == "disk: 15 h left")
        #expect(LiveScreen.roomText(minutes: 0.5) == "disk: 30 s left")
    }
}
