import Foundation
import Testing
@testable import ReviewTUI

/// Review playback as a value: stepping, seeking, speeds, playing in real time, loops.
@Suite struct PlaybackTests {
    @Test func stepsAndSeeksStayInTheStage() {
        var p = Playback(frameCount: 100)
        p.step(-3)
        #expect(p.frame == 0)
        p.step(5)
        #expect(p.frame == 5 && !p.playing)
        p.seek(1000)
        #expect(p.frame == 99)
        #expect(p.firstFrame == 0 && p.lastFrame == 99)
        p.reset(frameCount: 10)
        #expect(p.frame == 0 && p.lastFrame == 9)
        var empty = Playback(frameCount: 0)
        empty.seek(5)
        #expect(empty.frame == 0)
    }

    @Test func speedsRunFromRealTimeToOneSixteenth() {
        var p = Playback(frameCount: 10)
        #expect(p.speedLabel == "1/4x")
        for _ in 0..<5 { p.faster() }
        #expect(p.speed == 1 && p.speedLabel == "1x")
        for _ in 0..<9 { p.slower() }
        #expect(p.speed == 0.0625 && p.speedLabel == "1/16x")
    }

    @Test func playingAdvancesWithWallTimeAtTheSpeed() {
        var p = Playback(frameCount: 1000)
        p.togglePlaying()
        p.tick(now: 10, framesPerSecond: 120) // the first tick only sets the clock
        #expect(p.frame == 0)
        p.tick(now: 11, framesPerSecond: 120) // 1 s at 1/4 speed: 30 frames
        #expect(p.frame == 30)
        p.togglePlaying()
        p.tick(now: 20, framesPerSecond: 120)
        #expect(p.frame == 30 && !p.playing)
    }

    @Test func aStrideLoopWrapsAndHomeEndStayInIt() {
        var p = Playback(frameCount: 1000)
        p.play(looping: 100...139)
        #expect(p.frame == 100 && p.playing && p.firstFrame == 100 && p.lastFrame == 139)
        p.tick(now: 0, framesPerSecond: 120)
        p.tick(now: 1.5, framesPerSecond: 120) // 45 frames at 1/4: past the end, back to the start
        #expect(p.frame == 100)
        p.tick(now: 2.5, framesPerSecond: 120)
        #expect(p.frame == 130)
        let ended = p.endLoop(), again = p.endLoop()
        #expect(ended && !again)
        #expect(p.lastFrame == 999)
    }
}

/// The review keys come from one table: the handling, the footer, the help and the README agree.
@Suite struct ReviewKeyTableTests {
    @Test func everyKeyIsListedOnceAndEveryCommandHasAKey() {
        let keys = ReviewScreen.keys.flatMap { $0.keys.map(\.key) }
        #expect(Set(keys).count == keys.count, "a key bound twice")
        let commands = Set(ReviewScreen.keys.flatMap { $0.keys.map { "\($0.command)" } })
        let all: [ReviewScreen.Command] = [.previousFrame, .nextFrame, .secondBack, .secondForward, .first, .last, .playPause,
                                           .faster, .slower, .nextContact, .nextMidstance, .nextToeOff, .strides, .endLoop,
                                           .chart, .compare, .correct, .note, .report, .nextStage, .previousStage, .help, .quit,
                                           .previousContact, .previousMidstance, .previousToeOff, .chartBack, .undo, .notes, .goTo]
        #expect(commands == Set(all.map { "\($0)" }))
        let names = ReviewScreen.keys.map(\.names)
        #expect(Set(names).count == names.count, "a help line twice")
    }

    @Test func theFooterAndHelpAreDrawnFromTheTable() {
        #expect(KeyTable.footer(ReviewScreen.keys, utf8: false)
                == " left/right frame  space play  i/m/t IC/MS/TO  s strides  c chart  v compare  e correct  a note  R report  n/p stage  ? help  q quit")
        let help = KeyTable.helpLines(ReviewScreen.keys)
        #expect(help.count == ReviewScreen.keys.count)
        #expect(help.contains { $0.hasPrefix("a ") && $0.contains("add a note") })
    }

    /// README's tables of review and live keys are the tables' own Markdown (regenerate them
    /// from the test's message when a key changes).
    @Test func theReadmeListsTheKeysOfTheTables() throws {
        let root = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let readme = try String(contentsOfFile: "/" + root + "/README.md", encoding: .utf8)
        for table in [KeyTable.markdown(ReviewScreen.keys), KeyTable.markdown(LiveScreen.keys)] {
            #expect(readme.contains(table), "README.md's keys should read:\n\(table)")
        }
    }

    @Test func liveKeysAreListedOnce() {
        let keys = LiveScreen.keys.flatMap { $0.keys.map(\.key) }
        #expect(Set(keys).count == keys.count, "a key bound twice")
        #expect(KeyTable.footer(LiveScreen.keys, utf8: true).hasSuffix("? help  q quit"))
    }
}
