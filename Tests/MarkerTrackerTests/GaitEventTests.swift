import Testing
@testable import MarkerTracker

@Suite struct GaitEventTests {
    /// Side markers whose heel and toe swing fore and aft sinusoidally relative to the hip.
    func markers(heelForward: Double, toeForward: Double) -> MarkerFrame {
        let pts = [Point(x: 300, y: 100), Point(x: 300, y: 200), Point(x: 310, y: 280), Point(x: 300, y: 360),
                   Point(x: 300 + heelForward, y: 370), Point(x: 300 + toeForward, y: 372)]
        return pts.map { TrackedMarker(position: $0, confidence: 1, source: .detected) }
    }

    @Test func initialContactAndToeOffAtTheExtremaWithAFixedDelay() {
        var d = SideEventDetector(side: .right)
        let fps = 120.0, stride = 0.7
        var found: [(GaitEvent, Int)] = []
        for n in 0..<Int(3 * fps) {
            let t = Double(n) / fps
            let phase = 2 * Double.pi * t / stride
            let heel = 60 * Trig.cos(phase)            // furthest forward at t = 0, 0.7, 1.4 ...
            let toe = 60 * Trig.cos(phase - 2.4) + 15  // furthest back 0.7 * (2.4 + pi) / 2pi later
            for e in d.push(frame: n, time: t, markers: markers(heelForward: heel, toeForward: toe),
                            angles: AngleSet(), forward: 1) {
                found.append((e, n))
            }
        }
        let ics = found.filter { $0.0.kind == .initialContact }
        #expect(ics.count >= 3)
        for (e, confirmedAt) in ics {
            let nearest = (e.time / stride).rounded() * stride
            #expect(abs(e.time - nearest) <= 1 / fps + 1e-9, "IC at \(e.time)")
            #expect(confirmedAt - e.frame <= Int((d.confirmSeconds * fps).rounded()) + 1)
        }
        let tos = found.filter { $0.0.kind == .toeOff }
        #expect(tos.count >= 3)
        let toPhase = (2.4 + Double.pi) / (2 * Double.pi) * stride
        for (e, _) in tos {
            let k = ((e.time - toPhase) / stride).rounded()
            #expect(abs(e.time - (toPhase + k * stride)) <= 1 / fps + 1e-9, "TO at \(e.time)")
        }
    }

    @Test func noEventsWithoutARunningDirection() {
        var d = SideEventDetector(side: .left)
        var count = 0
        for n in 0..<240 {
            let t = Double(n) / 120
            count += d.push(frame: n, time: t, markers: markers(heelForward: 60 * Trig.cos(t * 9), toeForward: 0),
                            angles: AngleSet(), forward: 0).count
        }
        #expect(count == 0)
    }

    @Test func cadenceFromStrides() throws {
        var c = CadenceMeter()
        for i in 0..<6 {
            c.add(GaitEvent(kind: .initialContact, side: .right, view: .side, frame: i * 85, time: Double(i) * 0.71))
        }
        #expect(abs(try #require(c.stepsPerMinute) - 120 / 0.71) < 1e-9)
    }

    @Test func runningStats() {
        let s = RunningStats([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(s.count == 8)
        #expect(s.mean == 5)
        #expect(abs(s.standardDeviation - 2.138089935299395) < 1e-12)
        #expect(s.min == 2 && s.max == 9)
    }
}
