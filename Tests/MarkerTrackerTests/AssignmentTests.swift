import Testing
@testable import MarkerTracker

@Suite struct AssignmentTests {
    @Test func solvesASmallSquareProblem() {
        let cost: [[Double]] = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
        #expect(Assignment.solve(cost) == [1, 0, 2])
    }

    @Test func forbiddenPairsStayUnassigned() {
        let inf = Double.infinity
        let cost: [[Double]] = [[1, inf], [inf, inf], [inf, 2]]
        #expect(Assignment.solve(cost) == [0, nil, 1])
    }

    @Test func moreColumnsThanRows() {
        let cost: [[Double]] = [[5, 1, 9, 9], [9, 9, 9, 0.5]]
        #expect(Assignment.solve(cost) == [1, 3])
    }

    @Test func prefersTheGlobalOptimumOverGreedy() {
        // Greedy would give row 0 column 0 (cost 1) and then row 1 column 1 (cost 100).
        let cost: [[Double]] = [[1, 2], [2, 100]]
        #expect(Assignment.solve(cost) == [1, 0])
    }

    /// The best an exhaustive search finds: most rows assigned to allowed columns, then the
    /// least total cost.
    static func bruteForce(_ cost: [[Double]]) -> (assigned: Int, total: Double) {
        let cols = cost.first?.count ?? 0
        var best = (assigned: 0, total: 0.0)
        var used = [Bool](repeating: false, count: cols)
        func go(_ r: Int, _ assigned: Int, _ total: Double) {
            if r == cost.count {
                if assigned > best.assigned || (assigned == best.assigned && total < best.total - 1e-9) {
                    best = (assigned, total)
                }
                return
            }
            go(r + 1, assigned, total) // row r unassigned
            for c in 0..<cols where !used[c] && cost[r][c].isFinite {
                used[c] = true
                go(r + 1, assigned + 1, total + cost[r][c])
                used[c] = false
            }
        }
        go(0, 0, 0)
        return best
    }

    /// Random problems up to 6 markers x 7 blobs with forbidden pairs, against exhaustive search:
    /// as many rows assigned and the same least total cost, each column used at most once.
    @Test func agreesWithExhaustiveSearchOnRandomMatrices() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for trial in 0..<600 {
            let rows = 1 + Int(random() * 6), cols = 1 + Int(random() * 7)
            let forbidden = [0.0, 0.2, 0.5][trial % 3]
            let cost = (0..<rows).map { _ in (0..<cols).map { _ in random() < forbidden ? Double.infinity : (random() * 10).rounded() / 2 } }
            let got = Assignment.solve(cost)
            let columns = got.compactMap { $0 }
            #expect(Set(columns).count == columns.count, "a column used twice: \(cost)")
            #expect(zip(got.indices, got).allSatisfy { r, c in c.map { cost[r][$0].isFinite } ?? true }, "a forbidden pair: \(cost)")
            let total = zip(got.indices, got).reduce(0.0) { acc, rc in acc + (rc.1.map { cost[rc.0][$0] } ?? 0) }
            let best = Self.bruteForce(cost)
            #expect(columns.count == best.assigned, "\(columns.count) rows assigned, \(best.assigned) possible: \(cost)")
            #expect(abs(total - best.total) < 1e-9 || columns.count != best.assigned, "cost \(total), best \(best.total): \(cost)")
        }
    }
}
