/// Parts the light of two touching LEDs that the threshold joined into one blob.
///
/// Two Gaussian spots of known width, started at the expected centres, are fitted to the
/// blob's pixels (weighted by brightness above the local floor) by expectation-maximisation:
/// each pixel's light is shared between the spots in proportion to each spot's kernel at that
/// pixel, and each spot moves to the weighted centre of its share. When the light really comes
/// from two spots of that width, the exact centres are a fixed point of this iteration, so
/// unlike a cut along a line the tails of one LED do not drag the other's centre. A split is refused when
/// one part carries under a fifth of the light or the parts end up closer than 1.5 `sigma`: then
/// the two LEDs sit on top of each other and no centre can be trusted.
public enum BlobSplitter {
    /// Most iterations of the fit (it stops earlier once the centres settle).
    static let iterations = 12

    public static func split(_ blob: Blob, in image: LumaImage, window: PixelRect, floor: Double,
                             seeds: (Point, Point), sigma: Double) -> (Blob, Blob)? {
        var c1 = seeds.0, c2 = seeds.1
        if c1.distance(to: c2) < 0.5 * sigma {
            // Seeds on top of each other: start along the blob's long axis instead.
            let (a, b) = axisSeeds(blob, in: image, window: window, floor: floor)
            c1 = a
            c2 = b
        }
        let s = 2 * sigma * sigma
        var m1 = 0.0, m2 = 0.0
        for _ in 0..<iterations {
            var w1 = 0.0, x1 = 0.0, y1 = 0.0, w2 = 0.0, x2 = 0.0, y2 = 0.0
            for y in window.minY...window.maxY {
                let row = y * image.stride
                let fy = Double(y)
                for x in window.minX...window.maxX {
                    let v = Double(image.pixels[row + x]) - floor
                    if v <= 0 { continue }
                    let fx = Double(x)
                    let d1 = (fx - c1.x) * (fx - c1.x) + (fy - c1.y) * (fy - c1.y)
                    let d2 = (fx - c2.x) * (fx - c2.x) + (fy - c2.y) * (fy - c2.y)
                    // Each spot's share: its Gaussian over the sum, exp(-d1/s) / (exp(-d1/s) + exp(-d2/s)).
                    let r1 = 1 / (1 + Trig.exp((d1 - d2) / s))
                    let a = v * r1, b = v - a
                    w1 += a
                    x1 += a * fx
                    y1 += a * fy
                    w2 += b
                    x2 += b * fx
                    y2 += b * fy
                }
            }
            guard w1 > 0, w2 > 0 else { return nil }
            let n1 = Point(x: x1 / w1, y: y1 / w1), n2 = Point(x: x2 / w2, y: y2 / w2)
            let moved = max((n1 - c1).lengthSquared, (n2 - c2).lengthSquared)
            c1 = n1
            c2 = n2
            m1 = w1
            m2 = w2
            if moved < 1e-6 { break } // converged: under a thousandth of a pixel
        }
        let total = m1 + m2
        guard min(m1, m2) >= 0.2 * total, c1.distance(to: c2) >= 1.5 * sigma else { return nil }
        let a1 = max(1, Int((Double(blob.area) * m1 / total).rounded()))
        let a2 = max(1, blob.area - a1)
        return (Blob(centroid: c1, area: a1, peak: blob.peak, bounds: blob.bounds, mass: m1, isSplit: true),
                Blob(centroid: c2, area: a2, peak: blob.peak, bounds: blob.bounds, mass: m2, isSplit: true))
    }

    /// Two starting points a quarter of the blob's extent either side of its centre, along its
    /// principal axis (from the second moments of its light).
    static func axisSeeds(_ blob: Blob, in image: LumaImage, window: PixelRect, floor: Double) -> (Point, Point) {
        let c = blob.centroid
        var sxx = 0.0, syy = 0.0, sxy = 0.0, sw = 0.0
        for y in window.minY...window.maxY {
            for x in window.minX...window.maxX {
                let v = Double(image.pixels[y * image.stride + x]) - floor
                if v <= 0 { continue }
                let dx = Double(x) - c.x, dy = Double(y) - c.y
                sxx += v * dx * dx
                syy += v * dy * dy
                sxy += v * dx * dy
                sw += v
            }
        }
        guard sw > 0 else { return (c, c) }
        sxx /= sw
        syy /= sw
        sxy /= sw
        // Largest eigenvalue and its eigenvector of [[sxx, sxy], [sxy, syy]].
        let half = (sxx - syy) / 2
        let root = (half * half + sxy * sxy).squareRoot()
        let lambda = (sxx + syy) / 2 + root
        var axis = abs(sxy) > 1e-9 ? Point(x: lambda - syy, y: sxy) : (sxx >= syy ? Point(x: 1, y: 0) : Point(x: 0, y: 1))
        axis = axis / max(1e-9, axis.length)
        let reach = lambda.squareRoot()
        return (c - axis * reach, c + axis * reach)
    }
}
