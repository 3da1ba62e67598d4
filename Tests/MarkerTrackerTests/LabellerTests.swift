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
}
