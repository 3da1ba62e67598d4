/// The angles of one frame: one optional value per `AngleKind` (nil = could not be measured).
///
/// Stored inline (a SIMD vector, NaN = missing), so making, copying and changing one never
/// allocates: the per-frame pipeline creates several.
public struct AngleSet: Hashable, Sendable {
    private var storage = SIMD16<Double>(repeating: .nan)

    public init() {}

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

    public var isEmpty: Bool { AngleKind.allCases.allSatisfy { storage[$0.rawValue].isNaN } }

    public static func == (a: AngleSet, b: AngleSet) -> Bool {
        AngleKind.allCases.allSatisfy { k in
            let x = a.storage[k.rawValue], y = b.storage[k.rawValue]
            return x == y || (x.isNaN && y.isNaN)
        }
    }

    public func hash(into h: inout Hasher) {
        for k in AngleKind.allCases {
            let v = storage[k.rawValue]
            h.combine(v.isNaN ? Double.infinity : v)
        }
    }
}
