import Glibc
public import MarkerTracker

/// Peak signal-to-noise ratio between two luma planes of the same size, decibels: how close a
/// compressed picture is to the raw one (gaitlive's budget is 40 dB; identical planes give
/// `Double.infinity`).
public enum LumaPSNR {
    /// PSNR of `b` against `a`; nil when their sizes differ.
    public static func decibels(_ a: LumaImage, _ b: LumaImage) -> Double? {
        guard a.width == b.width, a.height == b.height else { return nil }
        guard let mse = meanSquaredError(a, b) else { return nil }
        return decibels(meanSquaredError: mse)
    }

    /// 10 log10(255² / mse); infinity for 0.
    public static func decibels(meanSquaredError mse: Double) -> Double {
        mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// Mean of the squared pixel differences; nil when the sizes differ.
    public static func meanSquaredError(_ a: LumaImage, _ b: LumaImage) -> Double? {
        guard a.width == b.width, a.height == b.height else { return nil }
        var sum = 0
        for y in 0..<a.height {
            let ra = y * a.stride, rb = y * b.stride
            for x in 0..<a.width {
                let d = Int(a.pixels[ra + x]) - Int(b.pixels[rb + x])
                sum += d * d
            }
        }
        return Double(sum) / Double(a.width * a.height)
    }
}
