import Testing
@testable import MarkerTracker

/// Markers built by hand for a known pose, facing either way.
func sidePose(facing f: Double, trunk: Double, thigh: Double, knee: Double, ankle: Double,
              footFromHorizontal: Double) -> MarkerFrame {
    // Build in a right-facing frame with y down, then mirror x for left-facing.
    func dir(fromDown deg: Double) -> Point { Point(x: Trig.sinDeg(deg), y: Trig.cosDeg(deg)) }
    let gt = Point(x: 0, y: 0)
    let sho = gt + Point(x: Trig.sinDeg(trunk), y: -Trig.cosDeg(trunk)) * 100
    let kne = gt + dir(fromDown: thigh) * 80
    let shank = thigh - knee
    let ank = kne + dir(fromDown: shank) * 80
    let footDir = Point(x: Trig.cosDeg(footFromHorizontal), y: -Trig.sinDeg(footFromHorizontal))
    let hee = ank + footDir * (-10) + Point(x: 0, y: 6)
    let mt5 = hee + footDir * 35
    _ = ankle
    return [sho, gt, kne, ank, hee, mt5].map { p in
        TrackedMarker(position: Point(x: 300 + f * p.x, y: 200 + p.y), confidence: 1, source: .detected)
    }
}

@Suite struct AngleCalculatorTests {
    @Test(arguments: [1.0, -1.0])
    func sideAnglesAreIndependentOfFacing(facing: Double) throws {
        let m = sidePose(facing: facing, trunk: 8, thigh: 20, knee: 35, ankle: 0, footFromHorizontal: 5)
        let a = AngleCalculator(forward: facing).side(m)
        #expect(abs(try #require(a[.trunkLean]) - 8) < 1e-9)
        #expect(abs(try #require(a[.thighAngle]) - 20) < 1e-9)
        #expect(abs(try #require(a[.hipFlexion]) - 28) < 1e-9)
        #expect(abs(try #require(a[.kneeFlexion]) - 35) < 1e-9)
        #expect(abs(try #require(a[.tibiaAngle]) - (-15)) < 1e-9)
        // Foot 5 degrees toe-up; shank 15 degrees behind vertical: dorsiflexion = 5 - (-15) = 20.
        #expect(abs(try #require(a[.footAngle]) - 5) < 1e-9)
        #expect(abs(try #require(a[.ankleDorsiflexion]) - 20) < 1e-9)
    }

    @Test func standingIsZero() throws {
        let m = sidePose(facing: 1, trunk: 0, thigh: 0, knee: 0, ankle: 0, footFromHorizontal: 0)
        let a = AngleCalculator(forward: 1).side(m)
        for k in AngleKind.kinds(for: .side) {
            #expect(abs(try #require(a[k])) < 1e-9, "\(k)")
        }
    }

    @Test func calibrationAndInclineAreSubtracted() throws {
        let m = sidePose(facing: 1, trunk: 0, thigh: 0, knee: 0, ankle: 0, footFromHorizontal: 7)
        let a = AngleCalculator(forward: 1, inclineDegrees: 3,
                                calibration: SideCalibration(neutralAnkle: 2, neutralFoot: 1)).angles(m, view: .side)
        #expect(abs(try #require(a[.footAngle]) - 3) < 1e-9) // 7 - 3 incline - 1 neutral
        #expect(abs(try #require(a[.ankleDorsiflexion]) - 5) < 1e-9) // 7 - 2 neutral
    }

    @Test func kneeHyperextensionIsNegativeAndDeepFlexionDoesNotFlip() throws {
        let hyper = AngleCalculator(forward: 1).side(sidePose(facing: 1, trunk: 0, thigh: 10, knee: -8, ankle: 0,
                                                              footFromHorizontal: 0))
        #expect(abs(try #require(hyper[.kneeFlexion]) + 8) < 1e-9)
        let deep = AngleCalculator(forward: -1).side(sidePose(facing: -1, trunk: 0, thigh: -5, knee: 130, ankle: 0,
                                                              footFromHorizontal: -60))
        #expect(abs(try #require(deep[.kneeFlexion]) - 130) < 1e-9)
    }

    @Test func uncertainMarkersGiveMissingAngles() {
        var m = sidePose(facing: 1, trunk: 8, thigh: 20, knee: 35, ankle: 0, footFromHorizontal: 5)
        m[SideMarker.kne.rawValue]?.confidence = 0.1
        let a = AngleCalculator(forward: 1).side(m)
        #expect(a[.kneeFlexion] == nil)
        #expect(a[.thighAngle] == nil)
        #expect(a[.trunkLean] != nil)
        #expect(a[.footAngle] != nil)
    }

    func rear(_ pts: [(Double, Double)]) -> MarkerFrame {
        pts.map { TrackedMarker(position: Point(x: $0.0, y: $0.1), confidence: 1, source: .detected) }
    }

    @Test func rearSignsFollowTheDefinitions() throws {
        // Right side lower by atan(2/20); both knees toward the midline; heels back out (valgus).
        let points: [(Double, Double)] = [(290, 100), (310, 102),   // LPSI RPSI
                                          (285, 150), (315, 150),   // LTHI RTHI
                                          (291, 200), (309, 200),   // LKNE RKNE
                                          (285, 300), (315, 300)]   // LHEE RHEE
        let a = AngleCalculator().rear(rear(points))
        #expect(abs(try #require(a[.pelvicObliquity]) - AngleMath.atan2Degrees(2, 20)) < 1e-9)
        #expect(try #require(a[.hipAdductionLeft]) > 0)
        #expect(try #require(a[.hipAdductionRight]) > 0)
        #expect(try #require(a[.kneeFrontalLeft]) > 0)
        #expect(try #require(a[.kneeFrontalRight]) > 0)
        // The mirror image (x -> -x, left and right swapped) swaps the per-side values and
        // flips the obliquity.
        let mirrored = points.map { (1000 - $0.0, $0.1) }.swappedPairs()
        let b = AngleCalculator().rear(rear(mirrored))
        #expect(abs(try #require(b[.pelvicObliquity]) + a[.pelvicObliquity]!) < 1e-9)
        #expect(abs(try #require(b[.hipAdductionLeft]) - a[.hipAdductionRight]!) < 1e-9)
        #expect(abs(try #require(b[.hipAdductionRight]) - a[.hipAdductionLeft]!) < 1e-9)
        #expect(abs(try #require(b[.kneeFrontalRight]) - a[.kneeFrontalLeft]!) < 1e-9)
    }

    @Test func kneeFrontalProjectionOnlyWithTheHeelBelowTheKnee() {
        let m = rear([(290, 100), (310, 102), (285, 150), (315, 150), (291, 200), (309, 200),
                      (288, 190), (315, 300)])
        let a = AngleCalculator().rear(m)
        #expect(a[.kneeFrontalLeft] == nil)
        #expect(a[.kneeFrontalRight] != nil)
    }
}

extension Array where Element == (Double, Double) {
    /// Swaps each left/right pair (LPSI<->RPSI, LTHI<->RTHI, ...) after mirroring.
    func swappedPairs() -> [(Double, Double)] {
        stride(from: 0, to: count, by: 2).flatMap { [self[$0 + 1], self[$0]] }
    }
}
