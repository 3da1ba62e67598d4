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
}
