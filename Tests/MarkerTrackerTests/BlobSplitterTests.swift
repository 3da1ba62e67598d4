import Testing
@testable import MarkerTracker

/// Two touching LEDs make one blob; the splitter gives each its own centre back.
@Suite struct BlobSplitterTests {
    func mergedBlob(_ a: Point, _ b: Point, sigma: Double = 1.6) -> (LumaImage, ExposureLevels, Blob) {
        let img = syntheticImage(leds: [a, b], sigma: sigma)
        let levels = ExposureLevels.estimate(img)
        var detector = BlobDetector()
        let found = detector.detect(in: img, levels: levels)
        return (img, levels, found[0])
    }

    @Test(arguments: [(4.5, 0.0), (0.0, 5.0), (3.5, 3.5), (5.5, -2.0)])
    func touchingLEDsAreParted(dx: Double, dy: Double) throws {
        let a = Point(x: 70.3, y: 60.6), b = Point(x: 70.3 + dx, y: 60.6 + dy)
        let img = syntheticImage(leds: [a, b], sigma: 1.6)
        let levels = ExposureLevels.estimate(img)
        var detector = BlobDetector()
        let found = detector.detect(in: img, levels: levels)
        #expect(found.count == 1, "the two LEDs should touch")
        let merged = try #require(found.first)
        // Seeds a pixel off, as predictions are.
        let seeds = (a + Point(x: 0.8, y: -0.6), b + Point(x: -0.7, y: 0.9))
        let (p, q) = try #require(detector.split(merged, in: img, levels: levels, seeds: seeds, sigma: 1.6))
        #expect(p.isSplit && q.isSplit)
        #expect(p.centroid.distance(to: a) < 0.2, "\(p.centroid) vs \(a)")
        #expect(q.centroid.distance(to: b) < 0.2, "\(q.centroid) vs \(b)")
        #expect(abs(p.mass - q.mass) < 0.15 * (p.mass + q.mass))
    }

    @Test func ledsOnTopOfEachOtherAreNotParted() throws {
        let a = Point(x: 70.3, y: 60.6)
        let (img, levels, merged) = mergedBlob(a, a + Point(x: 0.4, y: 0.2))
        let detector = BlobDetector()
        #expect(detector.split(merged, in: img, levels: levels, seeds: (a, a + Point(x: 0.4, y: 0.2)), sigma: 1.6) == nil)
    }
}
