/// A fixed-capacity history of per-frame samples, addressed by sample number (0, 1, 2, ... since
/// the start of the stream): the look-back and look-ahead buffer of the event detectors.
///
/// Storage is allocated once; appending never allocates after that.
struct SampleRing<Element: Sendable>: Sendable {
    private var storage: [Element]
    let capacity: Int
    /// Samples appended so far (the next sample's number).
    private(set) var count = 0

    init(capacity: Int, filler: Element) {
        self.capacity = max(1, capacity)
        storage = [Element](repeating: filler, count: self.capacity)
    }

    /// Number of the oldest sample still held.
    var first: Int { max(0, count - capacity) }

    func holds(_ i: Int) -> Bool { i >= first && i < count }

    mutating func append(_ e: Element) {
        storage[count % capacity] = e
        count += 1
    }

    subscript(i: Int) -> Element {
        get {
            precondition(holds(i), "sample \(i) not held (\(first)..<\(count))")
            return storage[i % capacity]
        }
        set {
            precondition(holds(i), "sample \(i) not held (\(first)..<\(count))")
            storage[i % capacity] = newValue
        }
    }

    mutating func removeAll() { count = 0 }
}
