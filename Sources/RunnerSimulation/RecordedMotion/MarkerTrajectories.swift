/// Recorded 3D marker trajectories (optical motion capture), in the simulated room's axes:
/// metres, x forward (direction of travel), y up, z to the runner's right.
///
/// A marker's sample is nil in frames where it was not recorded (a gap).
public struct MarkerTrajectories: Sendable {
    /// Where the data came from (a file path), for messages.
    public var source: String
    /// Samples per second.
    public var frameRate: Double
    /// Time of each sample, seconds.
    public var times: [Double]
    /// Samples per marker name, each `times.count` long.
    public var markers: [String: [Vector3?]]

    public init(source: String, frameRate: Double, times: [Double], markers: [String: [Vector3?]]) {
        self.source = source
        self.frameRate = frameRate
        self.times = times
        self.markers = markers
    }

    public var count: Int { times.count }

    /// The marker's samples, or nil if the file has no such marker.
    public subscript(name: String) -> [Vector3?]? { markers[name] }

    /// Whether the marker has a sample in at least `fraction` of the frames.
    public func isRecorded(_ name: String, fraction: Double = 0.5) -> Bool {
        guard let m = markers[name] else { return false }
        return Double(m.lazy.filter { $0 != nil }.count) >= fraction * Double(max(1, count))
    }

    /// The marker's mean position over the frames where it was recorded.
    public func mean(_ name: String) -> Vector3? {
        guard let m = markers[name] else { return nil }
        var sum = Vector3.zero, n = 0.0
        for case let p? in m {
            sum = sum + p
            n += 1
        }
        return n > 0 ? sum * (1 / n) : nil
    }
}
