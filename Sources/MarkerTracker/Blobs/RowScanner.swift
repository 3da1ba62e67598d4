/// Finds bright pixels in one image row fast: the only unsafe pointer code in MarkerTracker.
///
/// Rows are scanned 64 bytes at a time with SIMD compares, so a dark row costs about as much as
/// reading it; runs of pixels at or above the threshold are reported as half-open ranges.
struct RowScanner {
    /// Calls `body(x0, x1, peak)` for each run of pixels >= `threshold` in `row[lo...hi]`
    /// (x1 exclusive), in order.
    @inline(__always)
    static func runs(in row: UnsafeBufferPointer<UInt8>, lo: Int, hi: Int, threshold: UInt8,
                     _ body: (Int, Int, UInt8) -> Void) {
        let end = hi + 1
        var x = lo
        let t16 = SIMD16<UInt8>(repeating: threshold)
        guard let base = row.baseAddress else { return }
        let raw = unsafe UnsafeRawPointer(base)
        while x < end {
            // Skip dark stretches in 64-byte strides, then 16-byte strides.
            while x + 64 <= end {
                let a = unsafe raw.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
                let b = unsafe raw.loadUnaligned(fromByteOffset: x + 16, as: SIMD16<UInt8>.self)
                let c = unsafe raw.loadUnaligned(fromByteOffset: x + 32, as: SIMD16<UInt8>.self)
                let d = unsafe raw.loadUnaligned(fromByteOffset: x + 48, as: SIMD16<UInt8>.self)
                let m = pointwiseMax(pointwiseMax(a, b), pointwiseMax(c, d))
                if any(m .>= t16) { break }
                x += 64
            }
            while x + 16 <= end {
                let a = unsafe raw.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
                if any(a .>= t16) { break }
                x += 16
            }
            // Byte by byte to the start of a run.
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
