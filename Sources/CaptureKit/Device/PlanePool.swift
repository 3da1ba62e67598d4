/// A ring of reusable pixel arrays, so converting a camera frame allocates nothing once warm.
///
/// Each array handed out is shared (copy-on-write) between the pool and the frame that holds it.
/// When its turn comes round again and the frame is gone, the pool's reference is the only one
/// and the array is overwritten in place; if a frame still holds it (a long recorder queue),
/// writing makes a private copy first, so no frame ever sees its pixels change.
struct PlanePool {
    private var arrays: [[UInt8]]
    private var next = 0

    init(slots: Int = 16) {
        arrays = Array(repeating: [], count: max(1, slots))
    }

    /// An array of `count` bytes written by `body` (which must write all of them).
    mutating func fill(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) -> [UInt8] {
        var a = arrays[next]
        arrays[next] = [] // drop the pool's reference so `a` is unique if no frame holds it
        if a.count != count {
            a = [UInt8](unsafeUninitializedCapacity: count) { _, n in n = count }
        }
        a.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
        arrays[next] = a
        next = (next + 1) % arrays.count
        return a
    }
}
