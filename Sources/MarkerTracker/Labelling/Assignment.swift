/// Minimum-cost assignment of rows (markers) to columns (blobs): the Hungarian method.
///
/// Costs are finite for allowed pairs and `.infinity` where the gate forbids the pair. O(n^3) on
/// the padded square matrix, which for a handful of markers is a few microseconds. A value keeps
/// its working storage between calls, so solving every frame allocates nothing once warm.
public struct Assignment: Sendable {
    var a: [Double] = []
    var u: [Double] = []
    var v: [Double] = []
    var minv: [Double] = []
    var p: [Int] = []
    var way: [Int] = []
    var used: [Bool] = []

    public init() {}

    /// Per row, the assigned column or nil, for a cost matrix given as rows.
    public static func solve(_ cost: [[Double]]) -> [Int?] {
        let rows = cost.count
        guard rows > 0 else { return [] }
        let cols = cost[0].count
        var solver = Assignment()
        var result: [Int] = []
        solver.solve(rows: rows, cols: cols, cost: cost.flatMap { $0 }, into: &result)
        return result.map { $0 >= 0 ? $0 : nil }
    }

    /// Solves the `rows` x `cols` problem in `cost` (row-major). `result[r]` becomes the column
    /// of row r, or -1 when the row stays unassigned (no allowed column left for it).
    public mutating func solve(rows: Int, cols: Int, cost: [Double], into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        result.append(contentsOf: repeatElement(-1, count: rows))
        guard rows > 0, cols > 0 else { return }
        let n = max(rows, cols)
        let w = n + 1
        // Forbidden pairs cost more than any allowed complete assignment; padding costs the same.
        var finiteMax = 0.0
        for i in 0..<(rows * cols) where cost[i].isFinite { finiteMax = max(finiteMax, cost[i]) }
        let big = (finiteMax + 1) * Double(n + 1)
        reset(&a, w * w, big)
        for r in 0..<rows {
            for c in 0..<cols where cost[r * cols + c].isFinite {
                a[(r + 1) * w + c + 1] = cost[r * cols + c]
            }
        }
        // Potentials method (e-maxx formulation), 1-based.
        reset(&u, w, 0)
        reset(&v, w, 0)
        reset(&p, w, 0)
        reset(&way, w, 0)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            reset(&minv, w, .infinity)
            reset(&used, w, false)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1...n where !used[j] {
                    let cur = a[i0 * w + j] - u[i0] - v[j]
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
        for j in 1...n {
            let i = p[j]
            if i >= 1 && i <= rows && j <= cols && cost[(i - 1) * cols + j - 1].isFinite {
                result[i - 1] = j - 1
            }
        }
    }

    private func reset<T>(_ array: inout [T], _ count: Int, _ value: T) {
        array.removeAll(keepingCapacity: true)
        array.append(contentsOf: repeatElement(value, count: count))
    }
}
