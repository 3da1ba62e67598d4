/// Builds EBML (the binary layout under Matroska) in memory: element IDs, variable-length sizes
/// and the few value types a video track needs.
///
/// An element is its ID (1-4 bytes, length marker included), its size as a variable-length
/// integer (1-8 bytes, a leading 1 bit per extra byte) and its body. `unknownSize` is the all-ones
/// 8-byte size a live writer gives an element whose end it does not know yet.
struct EBMLBytes {
    var bytes: [UInt8] = []

    /// The 8-byte size meaning "unknown: until the parent or file ends".
    static let unknownSize: [UInt8] = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]

    mutating func id(_ id: UInt32) {
        if id > 0xFF_FFFF { bytes.append(UInt8(id >> 24)) }
        if id > 0xFFFF { bytes.append(UInt8((id >> 16) & 0xFF)) }
        if id > 0xFF { bytes.append(UInt8((id >> 8) & 0xFF)) }
        bytes.append(UInt8(id & 0xFF))
    }

    /// `n` as the shortest variable-length size (all-ones values are reserved for "unknown").
    mutating func size(_ n: Int) {
        bytes += EBMLBytes.size(n)
    }

    static func size(_ n: Int) -> [UInt8] {
        precondition(n >= 0 && n < (1 << 56) - 1, "EBML size \(n) out of range")
        var length = 1
        while length < 8 && n >= (1 << (7 * length)) - 1 { length += 1 }
        var out = [UInt8](repeating: 0, count: length)
        var v = n
        for i in stride(from: length - 1, through: 0, by: -1) {
            out[i] = UInt8(v & 0xFF)
            v >>= 8
        }
        out[0] |= UInt8(0x80 >> (length - 1))
        return out
    }

    mutating func uint(_ id: UInt32, _ value: UInt64) {
        var body: [UInt8] = []
        var v = value
        repeat {
            body.insert(UInt8(v & 0xFF), at: 0)
            v >>= 8
        } while v > 0
        self.id(id)
        size(body.count)
        bytes += body
    }

    mutating func string(_ id: UInt32, _ text: String) {
        let body = Array(text.utf8)
        self.id(id)
        size(body.count)
        bytes += body
    }

    mutating func float(_ id: UInt32, _ value: Double) {
        self.id(id)
        size(8)
        let bits = value.bitPattern
        for s in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((bits >> UInt64(s)) & 0xFF)) }
    }

    /// A master element whose body `fill` writes (its size is known once it is built).
    mutating func master(_ id: UInt32, _ fill: (inout EBMLBytes) -> Void) {
        var body = EBMLBytes()
        fill(&body)
        self.id(id)
        size(body.bytes.count)
        bytes += body.bytes
    }
}
