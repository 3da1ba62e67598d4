/// A small DEFLATE compressor (RFC 1951) in a zlib wrapper (RFC 1950): LZ77 with hash chains,
/// then the fixed Huffman code. Enough for the report's pictures (dark backgrounds, flat areas)
/// without a library; `inflate` in any PNG reader reads it.
public enum Deflate {
    /// `data` as a zlib stream.
    public static func zlib(_ data: [UInt8]) -> [UInt8] {
        var w = BitWriter()
        w.bytes = [0x78, 0x01]
        compress(data, into: &w)
        w.flushByte()
        var out = w.bytes
        let a = adler32(data)
        out += [UInt8(a >> 24), UInt8((a >> 16) & 0xff), UInt8((a >> 8) & 0xff), UInt8(a & 0xff)]
        return out
    }

    public static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var i = 0
        while i < data.count {
            let end = min(data.count, i + 5552)
            while i < end {
                a += UInt32(data[i])
                b += a
                i += 1
            }
            a %= 65521
            b %= 65521
        }
        return b << 16 | a
    }

    /// Bits written least significant first, as DEFLATE wants.
    struct BitWriter {
        var bytes: [UInt8] = []
        var acc: UInt64 = 0
        var count = 0

        mutating func write(_ value: UInt32, _ bits: Int) {
            acc |= UInt64(value) << UInt64(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(acc & 0xff))
                acc >>= 8
                count -= 8
            }
        }

        /// A Huffman code (given most significant bit first) of `bits` bits.
        mutating func writeCode(_ code: UInt32, _ bits: Int) {
            var r: UInt32 = 0
            for i in 0..<bits { r |= ((code >> UInt32(i)) & 1) << UInt32(bits - 1 - i) }
            write(r, bits)
        }

        mutating func flushByte() {
            if count > 0 {
                bytes.append(UInt8(acc & 0xff))
                acc = 0
                count = 0
            }
        }
    }

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                    131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                      2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
                                       13, 13]

    static func literal(_ sym: Int, _ w: inout BitWriter) {
        switch sym {
        case 0...143: w.writeCode(UInt32(0x30 + sym), 8)
        case 144...255: w.writeCode(UInt32(0x190 + sym - 144), 9)
        case 256...279: w.writeCode(UInt32(sym - 256), 7)
        default: w.writeCode(UInt32(0xC0 + sym - 280), 8)
        }
    }

    static func match(length: Int, distance: Int, _ w: inout BitWriter) {
        var li = lengthBase.count - 1
        while lengthBase[li] > length { li -= 1 }
        literal(257 + li, &w)
        if lengthExtra[li] > 0 { w.write(UInt32(length - lengthBase[li]), lengthExtra[li]) }
        var di = distanceBase.count - 1
        while distanceBase[di] > distance { di -= 1 }
        w.writeCode(UInt32(di), 5)
        if distanceExtra[di] > 0 { w.write(UInt32(distance - distanceBase[di]), distanceExtra[di]) }
    }

    /// One final block with the fixed code.
    static func compress(_ data: [UInt8], into w: inout BitWriter) {
        w.write(1, 1) // BFINAL
        w.write(1, 2) // BTYPE = 01, fixed Huffman
        let n = data.count
        let window = 32768, hashSize = 1 << 15, maxChain = 48
        var head = [Int32](repeating: -1, count: hashSize)
        var prev = [Int32](repeating: -1, count: window)
        func hash(_ i: Int) -> Int {
            (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & (hashSize - 1)
        }
        func insert(_ i: Int) {
            guard i + 2 < n else { return }
            let h = hash(i)
            prev[i & (window - 1)] = head[h]
            head[h] = Int32(i)
        }
        var i = 0
        while i < n {
            var bestLength = 0, bestDistance = 0
            if i + 2 < n {
                var candidate = Int(head[hash(i)])
                var chain = 0
                let limit = min(258, n - i)
                while candidate >= 0, i - candidate <= window - 1, chain < maxChain {
                    if data[candidate + bestLength] == data[i + bestLength] || bestLength == 0 {
                        var l = 0
                        while l < limit && data[candidate + l] == data[i + l] { l += 1 }
                        if l > bestLength {
                            bestLength = l
                            bestDistance = i - candidate
                            if l == limit { break }
                        }
                    }
                    let next = Int(prev[candidate & (window - 1)])
                    if next >= candidate { break }
                    candidate = next
                    chain += 1
                }
            }
            if bestLength >= 3 {
                match(length: bestLength, distance: bestDistance, &w)
                for k in i..<(i + bestLength) { insert(k) }
                i += bestLength
            } else {
                literal(Int(data[i]), &w)
                insert(i)
                i += 1
            }
        }
        literal(256, &w) // end of block
    }
}
