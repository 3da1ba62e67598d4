/// Finds bright pixels in one image row fast: the only unsafe pointer code in MarkerTracker.
///
/// Dark stretches are skipped 64 bytes at a time by testing eight pixels per 64-bit word at once
/// (SWAR: a per-byte "at or above the threshold" flag built from one add and two masks, exact for
/// every threshold, no carries between bytes), so a dark row costs little more than reading it;
/// runs of pixels at or above the threshold are reported as half-open ranges.
struct RowScanner {
    /// Per-byte flags (bit 7 of each byte) of the bytes of `word` that are >= the threshold.
    struct ByteTest {
        let add: UInt64
        let highOnly: Bool

        static let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        static let high: UInt64 = 0x8080_8080_8080_8080

        init(threshold: UInt8) {
            let t = UInt64(threshold)
            // b >= t: for t >= 128 the high bit must be set and the low seven bits reach t - 128;
            // for t < 128 either the high bit is set or the low seven bits reach t.
            highOnly = t >= 128
            add = 0x0101_0101_0101_0101 &* (t >= 128 ? 256 - t : 128 - t)
        }

        @inline(__always) func flags(_ word: UInt64) -> UInt64 {
            let sum = (word & ByteTest.low) &+ add
            return highOnly ? sum & word & ByteTest.high : (sum | word) & ByteTest.high
        }

        /// The same for four words at once (the compiler keeps these in vector registers).
        @inline(__always) func flags(_ words: SIMD4<UInt64>) -> SIMD4<UInt64> {
            let sum = (words & SIMD4(repeating: ByteTest.low)) &+ SIMD4(repeating: add)
            let high = SIMD4<UInt64>(repeating: ByteTest.high)
            return highOnly ? sum & words & high : (sum | words) & high
        }
    }

    /// Calls `body(x0, x1, peak)` for each run of pixels >= `threshold` in `row[lo...hi]`
    /// (x1 exclusive), in order.
    @inline(__always)
    static func runs(in row: UnsafeBufferPointer<UInt8>, lo: Int, hi: Int, threshold: UInt8,
                     _ body: (Int, Int, UInt8) -> Void) {
        let end = hi + 1
        var x = lo
        let test = ByteTest(threshold: threshold)
        guard let base = row.baseAddress else { return }
        let raw = unsafe UnsafeRawPointer(base)
        while x < end {
            // Skip dark stretches 64 bytes (two vectors of four words), then 8 bytes at a time.
            while x + 64 <= end {
                let a = unsafe raw.loadUnaligned(fromByteOffset: x, as: SIMD4<UInt64>.self)
                let b = unsafe raw.loadUnaligned(fromByteOffset: x + 32, as: SIMD4<UInt64>.self)
                let m = test.flags(a) | test.flags(b)
                if (m[0] | m[1] | m[2] | m[3]) != 0 { break }
                x += 64
            }
            while x + 8 <= end {
                let f = test.flags(UInt64(littleEndian: unsafe raw.loadUnaligned(fromByteOffset: x, as: UInt64.self)))
                if f != 0 {
                    // Little-endian: the lowest flagged byte is the first bright pixel.
                    x += f.trailingZeroBitCount >> 3
                    break
                }
                x += 8
            }
            // Byte by byte to the start of a run (the row's tail, or the flagged byte itself).
            while x < end {
                let v = unsafe base[x]
                if v >= threshold { break }
                x += 1
            }
            if x >= end { return }
            let start = x
            var peak: UInt8 = 0
            while x < end {
                let v = unsafe base[x]
                if v < threshold { break }
                if v > peak { peak = v }
                x += 1
            }
            body(start, x, peak)
        }
    }
}
