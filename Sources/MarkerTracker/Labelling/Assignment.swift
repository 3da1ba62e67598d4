/// Minimum-cost assignment of rows (markers) to columns (blobs): the Hungarian method.
///
/// `cost[r][c]` is finite for allowed pairs and `.infinity` where the gate forbids the pair.
/// Returns, per row, the assigned column or nil. O(n^3) on the padded square matrix, which for
/// a handful of markers is a few microseconds.
public enum Assignment {
    public static func solve(_ cost: [[Double]]) -> [Int?] {
        let rows = cost.count
        guard rows > 0 else { return [] }
        let cols = cost[0].count
        guard cols > 0 else { return [Int?](repeating: nil, count: rows) }
        let n = max(rows, cols)
        // Forbidden pairs cost more than any allowed complete assignment; padding costs the same.
        var finiteMax = 0.0
        for r in cost { for v in r where v.isFinite { finiteMax = max(finiteMax, v) } }
        let big = (finiteMax + 1) * Double(n + 1)
        var a = [[Double]](repeating: [Double](repeating: big, count: n + 1), count: n + 1)
        for r in 0..<rows {
            for c in 0..<cols where cost[r][c].isFinite {
                a[r + 1][c + 1] = cost[r][c]
            }
        }
        // Potentials method (e-maxx formulation), 1-based.
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: n + 1)
        var p = [Int](repeating: 0, count: n + 1)
        var way = [Int](repeating: 0, count: n + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1...n where !used[j] {
                    let cur = a[i0][j] - u[i0] - v[j]
                    if cur < minv[j] {
                        minv[j] = cur
                        way[j] = j0
                    }
                    if minv[j] < delta {
                        delta = minv[j]
                        j1 = j
                    }
                }
                for j in 0...n {
                    if used[j] {
                        u[p[j]] += delta
                        v[j] -= delta
                    } else {
                        minv[j] -= delta
                    }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int?](repeating: nil, count: rows)
        for j in 1...n {
            let i = p[j]
            if i >= 1 && i <= rows && j <= cols && cost[i - 1][j - 1].isFinite {
                result[i - 1] = j - 1
            }
        }
        return result
    }
}
