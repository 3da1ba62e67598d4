/// One column of a recorded view read on demand: `timestamps[n]`, `angles[n]`, counted and
/// iterated like an array without holding the recording in memory.
///
/// A row that cannot be read gives `fallback` (the accessors on `RecordedView` throw instead).
public struct FrameColumn<Element>: RandomAccessCollection, Sendable {
    public let count: Int
    let element: @Sendable (Int) -> Element

    init(count: Int, element: @escaping @Sendable (Int) -> Element) {
        self.count = count
        self.element = element
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "frame \(position) out of 0..<\(count)")
        return element(position)
    }
}
