import Testing
@testable import MarkerTracker

@Suite struct FilterTests {
    func sine(_ hz: Double, count: Int, rate: Double = 120, amplitude: Double = 10, offset: Double = 0) -> [Double] {
        (0..<count).map { offset + amplitude * Trig.sin(2 * Double.pi * hz * Double($0) / rate) }
    }

    @Test func causalFilterPassesSlowSignalsAndStopsFastOnes() {
        var slow = CausalLowPass(cutoffHz: 12, sampleRateHz: 120, isAngle: false)
        var fast = CausalLowPass(cutoffHz: 12, sampleRateHz: 120, isAngle: false)
        let x = sine(1, count: 480, offset: 5), y = sine(40, count: 480)
        let s = x.map { slow($0)! }, f = y.map { fast($0)! }
        // A constant start gives no transient; a 1 Hz wave keeps its amplitude within 2 %.
        #expect(abs(s[0] - 5) < 1e-12)
        #expect(abs(s[240...].max()! - 15) < 0.2)
        // 40 Hz, well above the cut-off, keeps less than 10 % of its amplitude.
        #expect(f[240...].map(abs).max()! < 1.0)
    }

    @Test func causalFilterLagsAndTheZeroLagFilterDoesNot() {
        let x = sine(2, count: 240)
        var causal = CausalLowPass(cutoffHz: 12, sampleRateHz: 120, isAngle: false)
        let c = x.map { causal($0)! }
        let z = ZeroLagLowPass(cutoffHz: 12, sampleRateHz: 120, isAngle: false)(x.map { $0 }).map { $0! }
        // The peak of the second cycle: raw at sample 75 (2 Hz at 120 Hz).
        func peak(_ s: [Double]) -> Int { (60..<120).max { s[$0] < s[$1] }! }
        #expect(peak(x) == 75)
        #expect(peak(z) == 75)
        #expect(peak(c) > 75)
        #expect(abs(z[75] - 10) < 0.1)
    }

    @Test func zeroLagFilterKeepsGapsAndFiltersEachRun() {
        var input: [Double?] = sine(1, count: 100).map { $0 }
        for i in 40..<45 { input[i] = nil }
        input[60] = nil
        let out = ZeroLagLowPass(cutoffHz: 12, sampleRateHz: 120, isAngle: false)(input)
        #expect(out.count == 100)
        for i in [40, 41, 44, 60] { #expect(out[i] == nil) }
        #expect(out[39] != nil && out[45] != nil && out[61] != nil)
        // Runs shorter than four samples are passed through as measured.
        var short: [Double?] = [nil, 1, 2, nil]
        short = ZeroLagLowPass(cutoffHz: 12, sampleRateHz: 120)(short)
        #expect(short == [nil, 1, 2, nil])
    }

    @Test func anglesCrossingTheHalfTurnStayContinuous() {
        // An angle running from 150 to 210 degrees, reported wrapped into (-180, 180].
        let raw: [Double?] = (0..<120).map { AngleMath.wrap(150 + Double($0) / 2) }
        let z = ZeroLagLowPass(cutoffHz: 12, sampleRateHz: 120)(raw).map { $0! }
        var causal = CausalLowPass(cutoffHz: 12, sampleRateHz: 120)
        let c = raw.map { causal($0)! }
        for s in [z, c] {
            for i in 1..<s.count { #expect(abs(s[i] - s[i - 1]) < 2) }
        }
        #expect(abs(z[119] - 209.5) < 0.5)
    }

    @Test func liveSmootherResetsAtMissingAngles() {
        var s = AngleSmoother(sampleRateHz: 120)
        var a = AngleSet()
        a[.kneeFlexion] = 20
        #expect(abs(s.smooth(a)[.kneeFlexion]! - 20) < 1e-9)
        #expect(s.smooth(AngleSet())[.kneeFlexion] == nil)
        a[.kneeFlexion] = 50
        // After a gap it restarts at the new value rather than gliding from the old one.
        #expect(abs(s.smooth(a)[.kneeFlexion]! - 50) < 1e-9)
    }

    @Test func savitzkyGolayIsExactOnQuadratics() throws {
        let y: (Int) -> Double? = { k in 3 + 2 * Double(k + 7) + 0.5 * Double((k + 7) * (k + 7)) }
        for k in 1...4 {
            #expect(abs(try #require(SavitzkyGolay.secondDerivative(halfWidth: k, y)) - 1) < 1e-9)
            #expect(abs(try #require(SavitzkyGolay.firstDerivative(halfWidth: k, y)) - 9) < 1e-9)
        }
        #expect(SavitzkyGolay.secondDerivative(halfWidth: 2) { $0 == 1 ? nil : 0 } == nil)
    }

    @Test func butterworthCutOffIsClampedBelowNyquist() {
        let b = Butterworth(cutoffHz: 40, sampleRateHz: 30)
        #expect(b.cutoffHz == 13.5)
        // Unit gain at DC.
        #expect(abs((b.b0 + b.b1 + b.b2) / (1 + b.a1 + b.a2) - 1) < 1e-12)
    }

    @Test func frameClockLearnsTheRateAndCountsDroppedFrames() {
        var c = FrameClock()
        for i in 0..<10 { #expect(c.advance(to: Double(i) / 120) == 1) }
        #expect(abs(c.framesPerSecond! - 120) < 1e-6)
        #expect(c.advance(to: 12 / 120) == 3)
        #expect(c.advance(to: 12 / 120) == 0)
        let known = FrameClock(framesPerSecond: 60)
        #expect(known.framesPerSecond == 60)
    }
}
