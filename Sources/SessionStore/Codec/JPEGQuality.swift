/// The IJG quality a JPEG was compressed at, read from its luma quantisation table (the `DQT`
/// segment), as ImageMagick's `identify` estimates it: the quality whose scaled standard table
/// (ITU-T T.81 Annex K, Table K.1, scaled as libjpeg's `jpeg_quality_scaling` does) is nearest.
///
/// MJPEG cameras do not say how hard they compress; this tells the clinic (and the docs' JPEG
/// figures, validated from quality 75 up) what a camera really sends. Pure byte parsing, no
/// decoding.
public enum JPEGQuality {
    /// The nearest quality and how well the table matches it: `exact` when every one of the 64
    /// entries is the scaled standard table's; otherwise the mean absolute difference per entry
    /// (a camera with tables of its own).
    public struct Estimate: Sendable, Equatable, CustomStringConvertible {
        public var quality: Int
        public var meanDifference: Double
        public var exact: Bool { meanDifference == 0 }
        public var description: String {
            exact ? "q\(quality)" : "about q\(quality) (own tables, \(Int((meanDifference * 10).rounded()) / 10) off per entry)"
        }
    }

    /// Table K.1, the standard luma quantisation table, in natural (row-major) order.
    static let standardLuma: [Int] = [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ]

    /// Position in natural order of the k-th coefficient of a DQT table (which is in zigzag order).
    static let zigzag: [Int] = [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ]

    /// The standard luma table as libjpeg scales it for `quality` (baseline: entries 1-255).
    public static func scaledTable(quality: Int) -> [Int] {
        let q = min(100, max(1, quality))
        let scale = q < 50 ? 5000 / q : 200 - 2 * q
        return standardLuma.map { min(255, max(1, ($0 * scale + 50) / 100)) }
    }

    /// The luma table (table 0) of a JPEG in natural order, or nil when it has none before its
    /// first scan (not a JPEG, or cut short).
    public static func lumaTable(_ jpeg: [UInt8]) -> [Int]? {
        guard jpeg.count > 4, jpeg[0] == 0xFF, jpeg[1] == 0xD8 else { return nil }
        var i = 2
        while i + 4 <= jpeg.count {
            guard jpeg[i] == 0xFF else { return nil }
            let marker = jpeg[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xDA || marker == 0xD9 { return nil }  // start of scan or end: no table 0 seen
            let length = Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3])
            guard length >= 2, i + 2 + length <= jpeg.count else { return nil }
            if marker == 0xDB {
                var j = i + 4
                let end = i + 2 + length
                while j < end {
                    let precision = jpeg[j] >> 4, id = jpeg[j] & 0x0F
                    let size = precision == 0 ? 64 : 128
                    guard j + 1 + size <= end else { return nil }
                    if id == 0 {
                        var table = [Int](repeating: 0, count: 64)
                        for k in 0..<64 {
                            let v = precision == 0 ? Int(jpeg[j + 1 + k])
                                : Int(jpeg[j + 1 + 2 * k]) << 8 | Int(jpeg[j + 2 + 2 * k])
                            table[zigzag[k]] = v
                        }
                        return table
                    }
                    j += 1 + size
                }
            }
            i += 2 + length
        }
        return nil
    }

    /// The quality of `jpeg`, or nil when it carries no luma table.
    public static func estimate(_ jpeg: [UInt8]) -> Estimate? {
        guard let table = lumaTable(jpeg) else { return nil }
        var best = Estimate(quality: 1, meanDifference: .infinity)
        for q in 1...100 {
            let s = scaledTable(quality: q)
            let d = Double(zip(table, s).reduce(0) { $0 + abs($1.0 - $1.1) }) / 64
            // Ties (several qualities clip to the same table at the top) go to the highest.
            if d <= best.meanDifference { best = Estimate(quality: q, meanDifference: d) }
        }
        return best
    }
}
