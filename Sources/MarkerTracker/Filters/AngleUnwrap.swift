/// Removes 360-degree jumps between consecutive angle samples.
public enum AngleUnwrap {
    /// Adds multiples of 360 so that consecutive values differ by at most 180 degrees.
    public static func unwrap(_ x: inout [Double]) {
        guard x.count > 1 else { return }
        var offset = 0.0
        var previous = x[0]
        for i in 1..<x.count {
            var v = x[i] + offset
            while v - previous > 180 { v -= 360; offset -= 360 }
            while v - previous < -180 { v += 360; offset += 360 }
            x[i] = v
            previous = v
        }
    }
}
