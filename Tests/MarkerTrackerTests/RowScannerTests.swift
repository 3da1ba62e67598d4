import Testing
@testable import MarkerTracker

/// The row scan tests eight pixels per word at once: it must agree with a plain loop for every
/// threshold, alignment and run length.
@Suite struct RowScannerTests {
    struct Run: Equatable {
        var x0: Int
        var x1: Int
        var peak: UInt8
    }

    func naive(_ row: [UInt8], lo: Int, hi: Int, threshold: UInt8) -> [Run] {
        var out: [Run] = []
        var x = lo
        while x <= hi {
            if row[x] >= threshold {
                let start = x
                var peak: UInt8 = 0
                while x <= hi && row[x] >= threshold {
                    peak = max(peak, row[x])
                    x += 1
                }
                out.append(Run(x0: start, x1: x, peak: peak))
            } else {
                x += 1
            }
        }
        return out
    }

    @Test(arguments: [UInt8(1), 2, 64, 127, 128, 129, 140, 200, 254, 255])
    func agreesWithAPlainLoop(threshold: UInt8) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(threshold)
        for trial in 0..<200 {
            let width = 1 + trial % 211
            var row = [UInt8](repeating: 0, count: width)
            for i in 0..<width {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // Mostly values close to the threshold, so every byte lane sees both sides of it.
                let r = Int(state >> 56)
                row[i] = UInt8(clamping: r % 3 == 0 ? Int(threshold) + (r % 7) - 3 : r)
            }
            let lo = trial % 5 < width ? trial % 5 : 0
            let hi = max(lo, width - 1 - trial % 3)
            var got: [Run] = []
            unsafe row.withUnsafeBufferPointer { buffer in
                unsafe RowScanner.runs(in: buffer, lo: lo, hi: hi, threshold: threshold) { x0, x1, peak in
                    got.append(Run(x0: x0, x1: x1, peak: peak))
                }
            }
            #expect(got == naive(row, lo: lo, hi: hi, threshold: threshold), "width \(width) lo \(lo) hi \(hi)")
        }
    }
}
