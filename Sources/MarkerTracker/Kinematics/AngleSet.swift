/// The angles of one frame: one optional value per `AngleKind` (nil = could not be measured).
public struct AngleSet: Hashable, Sendable {
    private var storage: [Double]

    public init() {
        storage = [Double](repeating: .nan, count: AngleKind.allCases.count)
    }

    public subscript(kind: AngleKind) -> Double? {
        get {
            let v = storage[kind.rawValue]
            return v.isNaN ? nil : v
        }
        set { storage[kind.rawValue] = newValue ?? .nan }
    }

    /// The measured angles of one view, in table order.
    public func present(in view: CameraView) -> [(AngleKind, Double)] {
        AngleKind.kinds(for: view).compactMap { k in self[k].map { (k, $0) } }
    }

    public var isEmpty: Bool { storage.allSatisfy(\.isNaN) }

    public static func == (a: AngleSet, b: AngleSet) -> Bool {
        zip(a.storage, b.storage).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    public func hash(into h: inout Hasher) {
        for v in storage { h.combine(v.isNaN ? Double.infinity : v) }
    }
}
