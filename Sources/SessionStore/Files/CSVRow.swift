public import MarkerTracker
/// Builds one CSV line (comma-separated, no quoting: gaitlive's tables hold numbers and single
/// words only) without Foundation formatting, so writing tables keeps up with 240 frames/s.
public struct CSVRow {
    public private(set) var bytes: [UInt8] = []
    private var first = true

    public init() { bytes.reserveCapacity(256) }

    private mutating func separator() {
        if !first { bytes.append(44) } // ","
        first = false
    }

    public mutating func add(_ text: String) {
        separator()
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func add(_ v: Int) {
        separator()
        bytes.append(contentsOf: String(v).utf8)
    }

    public mutating func add(_ v: UInt64) {
        separator()
        bytes.append(contentsOf: String(v).utf8)
    }

    /// A number with a fixed number of decimals; nil or non-finite -> empty field.
    public mutating func add(_ v: Double?, decimals: Int) {
        separator()
        guard let v, v.isFinite else { return }
        CSVRow.appendFixed(v, decimals: decimals, to: &bytes)
    }

    public mutating func addEmpty() { separator() }

    /// One frame's markers in the markers table's layout: x, y, confidence and source per marker,
    /// four empty cells for a missing one (docs/session-format.md).
    public mutating func add(_ markers: MarkerFrame) {
        for marker in markers {
            if let marker {
                add(marker.position.x, decimals: 3)
                add(marker.position.y, decimals: 3)
                add(marker.confidence, decimals: 2)
                add(marker.source.rawValue)
            } else {
                addEmpty(); addEmpty(); addEmpty(); addEmpty()
            }
        }
    }

    /// The finished line with its newline.
    public mutating func finish() -> [UInt8] {
        bytes.append(10)
        return bytes
    }

    static let powers: [Double] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000]

    static func appendFixed(_ v: Double, decimals: Int, to out: inout [UInt8]) {
        let scale = powers[min(decimals, powers.count - 1)]
        var scaled = (abs(v) * scale).rounded()
        if scaled >= 9.0e15 { scaled = 9.0e15 }
        let n = Int64(scaled)
        if v < 0 && n != 0 { out.append(45) } // "-"
        let intPart = n / Int64(scale)
        out.append(contentsOf: String(intPart).utf8)
        if decimals > 0 {
            out.append(46) // "."
            var frac = n % Int64(scale)
            var digits = [UInt8](repeating: 48, count: decimals)
            var i = decimals - 1
            while i >= 0 {
                digits[i] = UInt8(48 + frac % 10)
                frac /= 10
                i -= 1
            }
            out.append(contentsOf: digits)
        }
    }
}
