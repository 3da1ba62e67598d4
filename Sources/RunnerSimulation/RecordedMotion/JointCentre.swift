import SessionStore
/// The functional centre of a joint between two segments moving against each other: the point
/// that stays put in both segments' frames (the symmetrical centre of rotation estimation,
/// SCoRE, of Ehrig et al. 2006, J Biomech 39:2798-2809), by linear least squares.
///
/// A hinge-like joint (the knee, the ankle in running) leaves the point free along the hinge
/// axis; a weak pull toward a first guess (Tikhonov regularisation) settles it there.
enum JointCentre {
    /// Local coordinates of the centre in the first and in the second frame, or nil if the
    /// frames do not move enough against each other.
    static func solve(_ pairs: [(SegmentFrame, SegmentFrame)], guess: Vector3, weight: Double = 1e-3)
        -> (first: Vector3, second: Vector3)? {
        guard pairs.count >= 10 else { return nil }
        // Unknowns: c1 (local in frame 1), c2 (local in frame 2). Residual: R1 c1 + o1 - R2 c2 - o2.
        var n = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
        var rhs = [Double](repeating: 0, count: 6)
        var g1 = Vector3.zero, g2 = Vector3.zero
        for (f1, f2) in pairs {
            g1 = g1 + f1.local(guess)
            g2 = g2 + f2.local(guess)
        }
        g1 = g1 * (1 / Double(pairs.count))
        g2 = g2 * (1 / Double(pairs.count))
        for (f1, f2) in pairs {
            let a1 = [f1.axes.0, f1.axes.1, f1.axes.2], a2 = [f2.axes.0, f2.axes.1, f2.axes.2]
            let b = f2.origin - f1.origin
            // Row r of A = [R1 | -R2]: components r of the axes.
            for r in 0..<3 {
                var row = [Double](repeating: 0, count: 6)
                for k in 0..<3 {
                    row[k] = component(a1[k], r)
                    row[3 + k] = -component(a2[k], r)
                }
                let br = component(b, r)
                for i in 0..<6 {
                    rhs[i] += row[i] * br
                    for j in 0..<6 { n[i][j] += row[i] * row[j] }
                }
            }
        }
        let lambda = weight * Double(pairs.count)
        let g = [g1.x, g1.y, g1.z, g2.x, g2.y, g2.z]
        for i in 0..<6 {
            n[i][i] += lambda
            rhs[i] += lambda * g[i]
        }
        guard let c = gaussianSolve(n, rhs) else { return nil }
        return (Vector3(c[0], c[1], c[2]), Vector3(c[3], c[4], c[5]))
    }

    static func component(_ v: Vector3, _ r: Int) -> Double { r == 0 ? v.x : (r == 1 ? v.y : v.z) }

    /// Solves a small dense system by Gaussian elimination with partial pivoting.
    static func gaussianSolve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a, v = b
        let n = v.count
        for col in 0..<n {
            var pivot = col
            for r in col..<n where abs(m[r][col]) > abs(m[pivot][col]) { pivot = r }
            guard abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot)
            v.swapAt(col, pivot)
            for r in (col + 1)..<n {
                let f = m[r][col] / m[col][col]
                for k in col..<n { m[r][k] -= f * m[col][k] }
                v[r] -= f * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = v[r]
            for k in (r + 1)..<n { s -= m[r][k] * x[k] }
            x[r] = s / m[r][r]
        }
        return x
    }
}
