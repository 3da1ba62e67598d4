public import MarkerTracker

/// The last few seconds of one camera's angles, for the live strip chart.
///
/// A ring of (session seconds, angles) pairs: appended by the capture thread, copied out by the
/// screen. Fixed capacity, so memory stays flat however long the session runs.
public struct AngleHistory: Sendable {
    public let capacity: Int
    private var times: [Double]
    private var values: [AngleSet]
    private var head = 0
    public private(set) var count = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        times = [Double](repeating: 0, count: self.capacity)
        values = [AngleSet](repeating: AngleSet(), count: self.capacity)
    }

    public mutating func append(time: Double, angles: AngleSet) {
        times[head] = time
        values[head] = angles
        head = (head + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// The samples of one angle, oldest first.
    public func series(_ kind: AngleKind) -> [(x: Double, y: Double?)] {
        var out: [(x: Double, y: Double?)] = []
        out.reserveCapacity(count)
        let start = (head - count + capacity) % capacity
        for i in 0..<count {
            let j = (start + i) % capacity
            out.append((times[j], values[j][kind]))
        }
        return out
    }

    /// Time of the newest sample.
    public var latestTime: Double? {
        count == 0 ? nil : times[(head - 1 + capacity) % capacity]
    }
}
