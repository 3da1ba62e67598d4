import MarkerTracker
import Testing

/// A contact the detector missed must not make a double stride whose "stance" runs over a swing,
/// nor one taken at the wrong moment a stride with wrong values at contact (docs/metrics.md):
/// the strides around it are dropped, the others measured as usual.
@Suite struct MissedContactTests {
    /// Runs a stride analyser over a truth sequence with the true events, delivered 9 frames
    /// late like the detectors', minus those `drop` removes; returns the strides.
    static func strides(_ seq: TruthSequence, dropping drop: (GaitEvent) -> Bool) -> [StrideMetrics] {
        run(seq, dropping: drop).strides
    }

    /// The same, with the strides left out and why.
    static func run(_ seq: TruthSequence, dropping drop: (GaitEvent) -> Bool) -> (strides: [StrideMetrics], leftOut: [LeftOutStride]) {
        var analyzer = StrideAnalyzer(view: seq.view, markerSide: .right, legLengthCm: 91)
        let events = seq.events.filter { !drop($0) }
        var out: [StrideMetrics] = []
        var leftOut: [LeftOutStride] = []
        for s in seq.samples {
            analyzer.push(frame: s.frame, time: s.time, markers: s.markers, angles: s.angles, forward: seq.forward,
                          framesPerSecond: seq.fps)
            out += analyzer.add(events: events.filter { $0.frame + 9 == s.frame })
            leftOut += analyzer.takeLeftOut()
        }
        return (out, leftOut)
    }

    @Test func aMissedSideContactDropsTheStridesAroundIt() throws {
        let seq = TruthSequence(view: .side, seconds: 8, cameraSide: .right)
        let contacts = seq.events.filter { $0.kind == .initialContact }
        let missed = try #require(contacts.dropFirst(5).first)
        let all = Self.strides(seq, dropping: { _ in false })
        let (some, out) = Self.run(seq, dropping: { $0.kind == missed.kind && $0.frame == missed.frame })
        // The strides ending and starting at the missed contact are gone; no double stride.
        #expect(some.count == all.count - 2)
        // And it says why: the leg left the belt twice without a contact between.
        #expect(out.map(\.reason) == [.missedContact], "\(out)")
        #expect(some.allSatisfy { $0.duration < 1.0 })
        let peaks = some.compactMap { $0[.peakKneeFlexion] }
        #expect(peaks.count == some.count)
        #expect(peaks.allSatisfy { abs($0 - peaks[0]) < 2 }, "\(peaks)")
    }

    @Test func aMissedContactAndToeOffDropTheDoubleStride() throws {
        let seq = TruthSequence(view: .rear, seconds: 8)
        let left = seq.events.filter { $0.side == .left }
        let contact = try #require(left.filter { $0.kind == .initialContact }.dropFirst(6).first)
        let toeOff = try #require(left.first { $0.kind == .toeOff && $0.frame > contact.frame })
        let all = Self.strides(seq, dropping: { _ in false })
        let some = Self.strides(seq, dropping: { $0.side == .left && ($0.frame == contact.frame || $0.frame == toeOff.frame) })
        #expect(some.filter { $0.side == .left }.count == all.filter { $0.side == .left }.count - 2)
        let cadences = some.compactMap { $0[.cadence] }
        #expect(cadences.allSatisfy { abs($0 - 168) < 2 }, "\(cadences)")
    }

    /// A contact taken 10 frames (83 ms) early, in late swing: the stride ending there is short
    /// and the next one as much longer; neither is measured, so the knee flexion at contact of
    /// the rest stays together.
    @Test func aMistimedContactDropsTheStridesAroundIt() throws {
        let seq = TruthSequence(view: .side, seconds: 8, cameraSide: .right)
        let contact = try #require(seq.events.filter { $0.kind == .initialContact }.dropFirst(5).first)
        let early = GaitEvent(kind: .initialContact, side: contact.side, view: contact.view, frame: contact.frame - 10,
                              time: contact.time - 10 / seq.fps)
        var shifted = seq
        shifted.events = seq.events.map { $0.kind == contact.kind && $0.frame == contact.frame ? early : $0 }
        let all = Self.strides(seq, dropping: { _ in false })
        let (some, out) = Self.run(shifted, dropping: { _ in false })
        #expect(some.count == all.count - 2)
        #expect(out.map(\.reason) == [.irregularTime, .irregularTime], "\(out)")
        let knees = some.compactMap { $0[.kneeFlexionAtContact] }
        #expect(knees.count == some.count)
        #expect(knees.allSatisfy { abs($0 - knees[0]) < 2 }, "\(knees)")
    }

    /// The belt slowed to a walk: longer strides from then on are measured after three.
    @Test func aLastingChangeOfPaceIsFollowed() {
        var analyzer = StrideAnalyzer(view: .rear)
        var frame = 0, time = 0.0, measured = 0
        for k in 0..<14 {
            let duration = k < 6 ? 0.7 : 1.15
            for _ in 0..<Int(duration * 100) {
                analyzer.push(frame: frame, time: time, markers: [], angles: AngleSet(), forward: 1, framesPerSecond: 100)
                frame += 1; time += 0.01
            }
            measured += analyzer.add(events: [GaitEvent(kind: .initialContact, side: .left, view: .rear, frame: frame - 1,
                                                        time: time - 0.01)]).count
        }
        // 13 strides: 5 at 0.7 s, the first three at 1.15 s dropped, the last five measured.
        #expect(measured == 10)
    }
}
