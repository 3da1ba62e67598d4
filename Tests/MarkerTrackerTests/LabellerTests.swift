import Testing
@testable import MarkerTracker

func blobs(_ points: [Point]) -> [Blob] {
    points.map { Blob(centroid: $0, area: 9, peak: 255, bounds: PixelRect(center: $0, radius: 1), mass: 2000) }
}

@Suite struct LabellerTests {
    @Test(arguments: [1.0, -1.0])
    func sideLabellerFindsEveryMarkerInAnyOrder(facing: Double) throws {
        // Early stance and mid swing poses.
        for pose in [sidePose(facing: facing, trunk: 7, thigh: 22, knee: 25, ankle: 5, footFromHorizontal: 10),
                     sidePose(facing: facing, trunk: 9, thigh: 5, knee: 100, ankle: -10, footFromHorizontal: -70)] {
            let truth = pose.map { $0!.position }
            let shuffled = [3, 0, 5, 1, 4, 2].map { truth[$0] }
            let h = try #require(SideLabeller().label(blobs(shuffled)))
            for (m, b) in h.blobForMarker.enumerated() {
                #expect(shuffled[try #require(b)] == truth[m], "marker \(SideMarker(rawValue: m)!)")
            }
        }
    }

    @Test func sideLabellerIgnoresAStraySpotFarAway() throws {
        let truth = sidePose(facing: 1, trunk: 7, thigh: 22, knee: 25, ankle: 5, footFromHorizontal: 10).map { $0!.position }
        let h = try #require(SideLabeller().label(blobs(truth + [Point(x: 30, y: 30)])))
        #expect(h.blobForMarker.map { $0! } == [0, 1, 2, 3, 4, 5])
    }

    @Test func tooFewBlobsGiveNoLabels() {
        let truth = sidePose(facing: 1, trunk: 7, thigh: 22, knee: 25, ankle: 5, footFromHorizontal: 10).map { $0!.position }
        #expect(SideLabeller().label(blobs(Array(truth.prefix(5)))) == nil)
    }

    @Test func rearLabellerFindsBothLegs() throws {
        let truth = [Point(x: 300, y: 130), Point(x: 332, y: 131), Point(x: 290, y: 225), Point(x: 344, y: 223),
                     Point(x: 292, y: 280), Point(x: 340, y: 282), Point(x: 294, y: 420), Point(x: 338, y: 425)]
        let shuffled = [7, 2, 5, 0, 3, 6, 1, 4].map { truth[$0] }
        let h = try #require(RearLabeller().label(blobs(shuffled)))
        for (m, b) in h.blobForMarker.enumerated() {
            #expect(shuffled[try #require(b)] == truth[m], "marker \(RearMarker(rawValue: m)!)")
        }
    }

    /// A standing frame (the optional calibration pose): trunk upright, legs straight, foot flat.
    @Test(arguments: [1.0, -1.0])
    func sideLabellerLabelsAStandingPose(facing: Double) throws {
        let truth = sidePose(facing: facing, trunk: 1, thigh: 0, knee: 2, ankle: 0, footFromHorizontal: 0).map { $0!.position }
        let shuffled = [4, 1, 5, 0, 3, 2].map { truth[$0] }
        let h = try #require(SideLabeller().label(blobs(shuffled)))
        for (m, b) in h.blobForMarker.enumerated() {
            #expect(shuffled[try #require(b)] == truth[m], "marker \(SideMarker(rawValue: m)!)")
        }
        #expect(h.forward == facing)
    }

    static let rearStanding = [Point(x: 300, y: 130), Point(x: 332, y: 130), Point(x: 296, y: 225), Point(x: 336, y: 225),
                               Point(x: 297, y: 290), Point(x: 335, y: 290), Point(x: 298, y: 430), Point(x: 334, y: 430)]

    /// A standing pose: pelvis, thighs and knees at once. The heels stand only 36 px apart under
    /// their knees, so a left-right swap of them costs little more than the truth (about 11 in
    /// squared spreads, inside the labeller's margin of 12): they are left out, and the best
    /// reading, which the tracker weighs over frames (`IdentityVote`), is the true one.
    @Test func rearLabellerLabelsAStandingPose() throws {
        let truth = LabellerTests.rearStanding
        let shuffled = [3, 6, 0, 5, 2, 7, 4, 1].map { truth[$0] }
        let h = try #require(RearLabeller().label(blobs(shuffled)))
        for (m, b) in h.blobForMarker.enumerated() {
            guard let b else {
                #expect(m == RearMarker.lhee.rawValue || m == RearMarker.rhee.rawValue, "marker \(RearMarker(rawValue: m)!) left out")
                continue
            }
            #expect(shuffled[b] == truth[m], "marker \(RearMarker(rawValue: m)!)")
        }
        let best = try #require(RearLabeller().candidates(blobs(shuffled), margin: 16).first)
        #expect(best.blobForMarker.map { shuffled[$0!] } == truth)
    }

    @Test func rearLabellerIgnoresALampBesideTheLegs() throws {
        // One heel hidden, a lamp at knee height far to the side: not a heel.
        var points = LabellerTests.rearStanding
        points[RearMarker.rhee.rawValue] = Point(x: 190, y: 300)
        #expect(RearLabeller().label(blobs(points)) == nil)
    }

    @Test func aSecondEquallyGoodLabellingGivesNoLabels() {
        // Two spots where one heel should be: either could be it, so neither is chosen, and the
        // reason says which marker is in doubt.
        var points = LabellerTests.rearStanding
        points.append(points[RearMarker.lhee.rawValue] + Point(x: 0, y: 3))
        let attempt = RearLabeller().attempt(blobs(points))
        #expect(attempt.hypothesis?.blobForMarker[RearMarker.lhee.rawValue] == nil)
        guard case .ambiguous = attempt.failure ?? attempt.hypothesis?.unsure else {
            Issue.record("expected an ambiguity as the reason, got \(attempt)")
            return
        }
    }
}
