/// Finds LED blobs in a luma plane: threshold, connected runs, sub-pixel centroids.
///
/// Pixels at or above `ExposureLevels.threshold` are grouped into runs per row and the runs into
/// 8-connected components (union-find). Each component's centre is the brightness-weighted mean
/// over its box grown by two pixels, weighted by brightness above the local background (the ring
/// around the box), which keeps the faint edge of the LED and so avoids the pixel-locking of a
/// hard-thresholded centroid. Components too small, too large or too elongated to be an LED are
/// rejected. Scratch storage is reused between frames: no allocation per frame once warm.
public struct BlobDetector: Sendable {
    /// What a blob must look like to count as an LED.
    public struct Limits: Sendable, Equatable {
        public var minArea: Int
        public var maxArea: Int
        public var maxElongation: Double

        public init(minArea: Int = 2, maxArea: Int = 1600, maxElongation: Double = 3.5) {
            self.minArea = minArea
            self.maxArea = maxArea
            self.maxElongation = maxElongation
        }
    }

    struct Run {
        var x0: Int32
        var x1: Int32 // exclusive
        var y: Int32
        var peak: UInt8
    }

    struct Component {
        var area = 0
        var peak: UInt8 = 0
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
    }

    public var limits: Limits
    var runs: [Run] = []
    var parent: [Int32] = []
    var components: [Component] = []
    var rootSlot: [Int32] = []
    /// Boxes of neighbouring components while one blob's centre is measured.
    var others: [PixelRect] = []

    public init(limits: Limits = Limits()) {
        self.limits = limits
        runs.reserveCapacity(4096)
        parent.reserveCapacity(4096)
    }

    /// All LED blobs in `region` (the whole image when nil), appended to `blobs`.
    public mutating func detect(in image: LumaImage, levels: ExposureLevels, region: PixelRect? = nil,
                                into blobs: inout [Blob]) {
        let area = (region ?? PixelRect(width: image.width, height: image.height))
            .clamped(width: image.width, height: image.height)
        guard !area.isEmpty else { return }
        collectRuns(image, area: area, threshold: levels.threshold)
        guard !runs.isEmpty else { return }
        labelComponents()
        emitBlobs(image, levels: levels, into: &blobs)
    }

    /// Convenience: a fresh array of the blobs in the whole image.
    public mutating func detect(in image: LumaImage, levels: ExposureLevels) -> [Blob] {
        var out: [Blob] = []
        detect(in: image, levels: levels, into: &out)
        return out
    }

    // MARK: - runs and union-find

    private mutating func collectRuns(_ image: LumaImage, area: PixelRect, threshold: UInt8) {
        runs.removeAll(keepingCapacity: true)
        parent.removeAll(keepingCapacity: true)
        let stride = image.stride
        unsafe image.pixels.withUnsafeBufferPointer { all in
            var prevStart = 0, prevEnd = 0
            for y in area.minY...area.maxY {
                let rowStart = runs.count
                let row = unsafe UnsafeBufferPointer(rebasing: all[(y * stride)..<(y * stride + image.width)])
                var p = prevStart
                unsafe RowScanner.runs(in: row, lo: area.minX, hi: area.maxX, threshold: threshold) { x0, x1, peak in
                    let index = Int32(runs.count)
                    runs.append(Run(x0: Int32(x0), x1: Int32(x1), y: Int32(y), peak: peak))
                    parent.append(index)
                    // 8-connectivity: a previous-row run touching [x0 - 1, x1] joins this one.
                    while p < prevEnd && Int(runs[p].x1) < x0 { p += 1 }
                    var q = p
                    while q < prevEnd && Int(runs[q].x0) <= x1 {
                        union(Int32(q), index)
                        q += 1
                    }
                }
                prevStart = rowStart
                prevEnd = runs.count
                if prevStart == prevEnd { prevStart = runs.count }
            }
        }
    }

    private mutating func find(_ i: Int32) -> Int32 {
        var r = i
        while parent[Int(r)] != r { r = parent[Int(r)] }
        var c = i
        while parent[Int(c)] != r {
            let next = parent[Int(c)]
            parent[Int(c)] = r
            c = next
        }
        return r
    }

    private mutating func union(_ a: Int32, _ b: Int32) {
        let ra = find(a), rb = find(b)
        if ra != rb {
            if ra < rb { parent[Int(rb)] = ra } else { parent[Int(ra)] = rb }
        }
    }

    private mutating func labelComponents() {
        components.removeAll(keepingCapacity: true)
        rootSlot.removeAll(keepingCapacity: true)
        rootSlot.append(contentsOf: repeatElement(-1, count: runs.count))
        for i in 0..<runs.count {
            let r = Int(find(Int32(i)))
            var slot = Int(rootSlot[r])
            if slot < 0 {
                slot = components.count
                rootSlot[r] = Int32(slot)
                components.append(Component())
            }
            let run = runs[i]
            components[slot].area += Int(run.x1 - run.x0)
            components[slot].peak = max(components[slot].peak, run.peak)
            components[slot].minX = min(components[slot].minX, Int(run.x0))
            components[slot].maxX = max(components[slot].maxX, Int(run.x1) - 1)
            components[slot].minY = min(components[slot].minY, Int(run.y))
            components[slot].maxY = max(components[slot].maxY, Int(run.y))
        }
    }

    // MARK: - centroids

    private mutating func emitBlobs(_ image: LumaImage, levels: ExposureLevels, into blobs: inout [Blob]) {
        for i in 0..<components.count {
            let c = components[i]
            guard c.area >= limits.minArea, c.area <= limits.maxArea else { continue }
            let box = PixelRect(minX: c.minX, minY: c.minY, maxX: c.maxX, maxY: c.maxY)
            var blob = Blob(centroid: .zero, area: c.area, peak: c.peak, bounds: box, mass: 0)
            guard blob.elongation <= limits.maxElongation else { continue }
            let window = box.expanded(by: 2).clamped(width: image.width, height: image.height)
            // Pixels of other components inside the window must not pull the centre.
            others.removeAll(keepingCapacity: true)
            for j in 0..<components.count where j != i {
                let o = components[j]
                let ob = PixelRect(minX: o.minX, minY: o.minY, maxX: o.maxX, maxY: o.maxY)
                if ob.intersects(window) { others.append(ob.expanded(by: 1)) }
            }
            let floor = BlobDetector.localFloor(image, window: window, levels: levels)
            var sw = 0.0, sx = 0.0, sy = 0.0, sr = 0.0
            for y in window.minY...window.maxY {
                let row = y * image.stride
                for x in window.minX...window.maxX {
                    let v = Double(image.pixels[row + x]) - floor
                    if v <= 0 { continue }
                    if !others.isEmpty && covered(x, y) { continue }
                    let fx = Double(x), fy = Double(y)
                    sw += v
                    sx += v * fx
                    sy += v * fy
                    sr += v * (fx * fx + fy * fy)
                }
            }
            guard sw > 0 else { continue }
            blob.centroid = Point(x: sx / sw, y: sy / sw)
            blob.mass = sw
            blob.spread = max(0, sr / sw - blob.centroid.lengthSquared).squareRoot()
            blobs.append(blob)
        }
    }

    private func covered(_ x: Int, _ y: Int) -> Bool {
        for o in others where x >= o.minX && x <= o.maxX && y >= o.minY && y <= o.maxY { return true }
        return false
    }

    /// Brightness below which a pixel near a blob is background: the local background around
    /// `window` plus two noise sigmas. Centroids and splits weight pixels by brightness above it.
    static func localFloor(_ image: LumaImage, window: PixelRect, levels: ExposureLevels) -> Double {
        ringBackground(image, window: window, fallback: levels.background) + 2 * levels.noise
    }

    /// Median-free robust background: the mean of the window's border pixels below the threshold.
    static func ringBackground(_ image: LumaImage, window: PixelRect, fallback: Double) -> Double {
        let ring = window.expanded(by: 1).clamped(width: image.width, height: image.height)
        var sum = 0, n = 0
        for x in ring.minX...ring.maxX {
            sum += Int(image.pixels[ring.minY * image.stride + x])
            n += 1
            if ring.maxY != ring.minY {
                sum += Int(image.pixels[ring.maxY * image.stride + x])
                n += 1
            }
        }
        if ring.maxY - ring.minY >= 2 {
            for y in (ring.minY + 1)...(ring.maxY - 1) {
                sum += Int(image.pixels[y * image.stride + ring.minX])
                n += 1
                if ring.maxX != ring.minX {
                    sum += Int(image.pixels[y * image.stride + ring.maxX])
                    n += 1
                }
            }
        }
        guard n > 0 else { return fallback }
        // Keep the estimate below the LED's own tail: never above fallback + a wide margin.
        return min(Double(sum) / Double(n), fallback + 60)
    }

    /// Splits `blob`, which holds the light of two LEDs, into one blob per LED, starting from
    /// the expected centres `seeds`; `sigma` is the LEDs' typical Gaussian radius in pixels.
    /// Nil when the light does not part into two credible spots (see `BlobSplitter`).
    public func split(_ blob: Blob, in image: LumaImage, levels: ExposureLevels, seeds: (Point, Point),
                      sigma: Double) -> (Blob, Blob)? {
        let window = blob.bounds.expanded(by: 2).clamped(width: image.width, height: image.height)
        let floor = BlobDetector.localFloor(image, window: window, levels: levels)
        return BlobSplitter.split(blob, in: image, window: window, floor: floor, seeds: seeds, sigma: sigma)
    }
}
