import Testing
@testable import MarkerTracker

/// A dark image with Gaussian LEDs at sub-pixel centres and deterministic noise.
func syntheticImage(width: Int = 160, height: Int = 120, leds: [Point], sigma: Double = 1.2,
                    background: Int = 20, noise: Int = 3, seed: UInt64 = 7) -> LumaImage {
    var img = LumaImage(width: width, height: height, fill: UInt8(background))
    var state = seed
    for i in 0..<(width * height) {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let r = Int((state >> 33) % UInt64(2 * noise + 1)) - noise
        img.pixels[i] = UInt8(max(0, min(255, background + r)))
    }
    for p in leds {
        for y in max(0, Int(p.y) - 6)...min(height - 1, Int(p.y) + 6) {
            for x in max(0, Int(p.x) - 6)...min(width - 1, Int(p.x) + 6) {
                let dx = Double(x) - p.x, dy = Double(y) - p.y
                let v = 400 * expApprox(-(dx * dx + dy * dy) / (2 * sigma * sigma))
                img[x, y] = UInt8(min(255, Double(img[x, y]) + v))
            }
        }
    }
    return img
}

/// exp(x) for x <= 0 without Foundation (tests of the Foundation-free module stay honest).
func expApprox(_ x: Double) -> Double {
    var r = 1.0, term = 1.0
    let n = 60
    let y = x / 16
    for k in 1...n {
        term *= y / Double(k)
        r += term
    }
    for _ in 0..<4 { r *= r }
    return r
}

@Suite struct BlobDetectorTests {
    @Test func findsSubPixelCentres() {
        let truth = [Point(x: 20.3, y: 30.7), Point(x: 80.5, y: 60.25), Point(x: 131.9, y: 14.1), Point(x: 47.0, y: 101.6)]
        let img = syntheticImage(leds: truth)
        let levels = ExposureLevels.estimate(img)
        var detector = BlobDetector()
        let blobs = detector.detect(in: img, levels: levels)
        #expect(blobs.count == truth.count)
        for t in truth {
            let nearest = blobs.min { $0.centroid.distance(to: t) < $1.centroid.distance(to: t) }!
            #expect(nearest.centroid.distance(to: t) < 0.08, "LED at \(t) found at \(nearest.centroid)")
        }
    }

    @Test func darkImageHasNoBlobs() {
        let img = syntheticImage(leds: [])
        var detector = BlobDetector()
        #expect(detector.detect(in: img, levels: ExposureLevels.estimate(img)).isEmpty)
    }

    @Test func rejectsLargeBrightAreasAndStreaks() {
        var img = syntheticImage(leds: [Point(x: 40, y: 40)])
        for y in 70..<110 { for x in 60..<110 { img[x, y] = 250 } } // a window
        for x in 10..<60 { img[x, 100] = 240; img[x, 101] = 240 } // a belt reflection
        var detector = BlobDetector()
        let blobs = detector.detect(in: img, levels: ExposureLevels.estimate(img))
        #expect(blobs.count == 1)
        #expect(blobs.first.map { $0.centroid.distance(to: Point(x: 40, y: 40)) < 0.1 } == true)
    }

    @Test func regionLimitsTheSearch() {
        let img = syntheticImage(leds: [Point(x: 20, y: 20), Point(x: 120, y: 90)])
        var detector = BlobDetector()
        var blobs: [Blob] = []
        detector.detect(in: img, levels: ExposureLevels.estimate(img),
                        region: PixelRect(minX: 100, minY: 70, maxX: 150, maxY: 110), into: &blobs)
        #expect(blobs.count == 1)
        #expect(blobs[0].centroid.distance(to: Point(x: 120, y: 90)) < 0.1)
    }

    @Test func rowScanFindsRunsAtEveryAlignment() {
        // A single bright pixel at each column of a 200-wide row must be found (SIMD tail handling).
        for x in [0, 1, 15, 16, 17, 63, 64, 65, 127, 190, 199] {
            var img = LumaImage(width: 200, height: 3, fill: 10)
            img[x, 1] = 200
            img[x, 2] = 200
            var detector = BlobDetector(limits: .init(minArea: 1))
            let levels = ExposureLevels(background: 10, noise: 1, brightScene: 10, threshold: 100)
            let blobs = detector.detect(in: img, levels: levels)
            #expect(blobs.count == 1, "bright pixel at x=\(x)")
        }
    }

    @Test func aBrightWindowDoesNotHideTheLEDs() {
        // A saturated window covering 14 % of the frame would put the 99.5th percentile at 250.
        var img = syntheticImage(leds: [Point(x: 120.4, y: 90.2), Point(x: 130.7, y: 30.5)])
        for y in 5..<50 { for x in 5..<65 { img[x, y] = 250 } }
        let levels = ExposureLevels.estimate(img)
        #expect(levels.threshold < 200)
        var detector = BlobDetector()
        let blobs = detector.detect(in: img, levels: levels)
        #expect(blobs.count == 2, "the window is too big for an LED, the LEDs are found")
    }

    @Test func blobsReportTheirSpread() throws {
        let img = syntheticImage(leds: [Point(x: 60, y: 60)], sigma: 1.5, noise: 0)
        var detector = BlobDetector()
        let blob = try #require(detector.detect(in: img, levels: ExposureLevels.estimate(img)).first)
        // A Gaussian spot's light spreads sigma * sqrt(2) from its centre (less where it saturates).
        #expect(blob.spread > 1.5 && blob.spread < 2.6, "spread \(blob.spread)")
    }

    @Test func thresholdFollowsExposure() {
        let dim = ExposureLevels.estimate(syntheticImage(leds: [], background: 20))
        let bright = ExposureLevels.estimate(syntheticImage(leds: [], background: 120))
        #expect(dim.threshold < bright.threshold)
        #expect(Double(bright.threshold) >= 120 + ExposureLevels.minimumContrast)
    }
}
