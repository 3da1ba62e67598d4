/// A short sliding history of one scalar signal per frame, for causal peak picking.
///
/// Holds the last `capacity` samples (frame, time, value or nil); old samples fall off the front.
struct SignalHistory: Sendable {
    struct Sample: Sendable {
        var frame: Int
        var time: Double
        var value: Double?
    }

    let capacity: Int
    private(set) var samples: [Sample] = []
    private var head = 0

    init(capacity: Int) {
        self.capacity = capacity
        samples.reserveCapacity(capacity)
    }

    var count: Int { samples.count }

    mutating func append(_ s: Sample) {
        if samples.count < capacity {
            samples.append(s)
        } else {
            samples[head] = s
            head = (head + 1) % capacity
        }
    }

    /// The i-th oldest sample kept.
    subscript(i: Int) -> Sample {
        samples[(head + i) % samples.count]
    }

    var last: Sample? { samples.isEmpty ? nil : self[samples.count - 1] }

    /// Index of the sample `seconds` before the newest (the closest not newer than that), or nil.
    func index(secondsBeforeLast seconds: Double) -> Int? {
        guard let newest = last else { return nil }
        var i = count - 1
        while i >= 0 && newest.time - self[i].time < seconds { i -= 1 }
        return i >= 0 ? i : nil
    }
}
