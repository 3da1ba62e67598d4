import Foundation
import Testing
@testable import MarkerTracker

@Suite struct TrigTests {
    @Test func atan2MatchesTheCLibrary() {
        var worst = 0.0
        for i in 0..<720 {
            let a = Double(i) * 0.5 * .pi / 180
            for r in [1e-3, 0.5, 1, 7.5, 1e4] {
                let y = r * Foundation.sin(a), x = r * Foundation.cos(a)
                worst = max(worst, abs(Trig.atan2(y, x) - Foundation.atan2(y, x)))
            }
        }
        #expect(worst < 1e-12)
        #expect(Trig.atan2(0, -1) == .pi)
        #expect(Trig.atan2(0, 0) == 0)
    }

    @Test(arguments: [-1000.0, -7.1, -0.3, 0, 0.25, 1.5707963, 3.14159, 42.0, 999.9])
    func sineAndCosineMatchTheCLibrary(x: Double) {
        #expect(abs(Trig.sin(x) - Foundation.sin(x)) < 1e-12)
        #expect(abs(Trig.cos(x) - Foundation.cos(x)) < 1e-12)
    }

    @Test(arguments: [-744.0, -300, -20.5, -1, -1e-9, 0, 0.5, 1, 2.302585, 88.7, 700])
    func expMatchesTheCLibrary(x: Double) {
        let want = Foundation.exp(x)
        #expect(abs(Trig.exp(x) - want) <= 4 * want.ulp, "exp(\(x)) = \(Trig.exp(x)), want \(want)")
    }

    @Test func wrapKeepsAnglesInRange() {
        #expect(AngleMath.wrap(190) == -170)
        #expect(AngleMath.wrap(-180) == 180)
        #expect(AngleMath.wrap(540) == 180)
        #expect(AngleMath.wrap(-725) == -5)
    }
}
