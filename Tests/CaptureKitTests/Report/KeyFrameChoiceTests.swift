import Foundation
import Testing
import MarkerTracker
@testable import OfflineAnalysis

/// Issue #14, item 10: key frames where each finding shows, left and right; the knee frontal
/// projection plot breaks at the swing it did not measure, band included.
@Suite struct KeyFrameChoiceTests {
    @Test func aLeftStanceHipDropShowsBothMidstancesFromBehind() throws {
        var s = SyntheticStage.healthy()
        s.set(.pelvicDrop, 9, .rear, .left)
        let findings = FindingRules(legLengthCm: 90).evaluate([s.input])
        let choices = KeyFrameChoice.forFindings(findings, markerSide: .right)
        #expect(choices.map { "\($0.view) \($0.side) \($0.event.rawValue)" } == ["rear left MS", "rear right MS"])
        #expect(choices.first?.shows == "pelvic drop in left stance (right side drops)")
    }

    @Test func overstridingShowsTheFilmedLegAtContact() {
        let findings = FindingRules(legLengthCm: 90).evaluate([PerStageFindingTests.overstriding(23).input])
        let choices = KeyFrameChoice.forFindings(findings, markerSide: .right)
        #expect(choices.map { "\($0.view) \($0.side) \($0.event.rawValue)" } == ["side right IC"])
        #expect(KeyFrameChoice.forFindings([], markerSide: .left).isEmpty)
        #expect(KeyFrameChoice.typical(markerSide: .left).map(\.event) == [.initialContact, .midstance, .toeOff])
    }

    @Test func theBandBreaksWhereNothingWasMeasured() {
        var mean = [Double?](repeating: 3, count: CycleCurve.phases.count)
        var sd = [Double?](repeating: 0.5, count: CycleCurve.phases.count)
        for i in 27..<36 { mean[i] = nil; sd[i] = nil } // swing: not measured
        let plot = SVGPlot(title: "Knee frontal projection", unit: "deg",
                           series: [.init(label: "left", colour: "#000", mean: mean, standardDeviation: sd)], yRange: 0...10)
        let svg = plot.svg()
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"mean\"").count - 1 == 2 + 1) // two runs + the legend
    }
}
