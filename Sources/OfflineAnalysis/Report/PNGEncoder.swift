import CZlib

/// Writes 8-bit RGB pictures as PNG (ISO/IEC 15948): per-row filter chosen by the smallest sum of
/// absolute differences (None, Sub, Up or Paeth), compressed by zlib (`compress2`), chunks
/// checked with zlib's `crc32`.
public enum PNGEncoder {
    /// PNG bytes of a `width` x `height` picture, `rgb` row by row (3 bytes a pixel).
    public static func encode(width: Int, height: Int, rgb: [UInt8]) -> [UInt8] {
        precondition(rgb.count == width * height * 3, "rgb holds \(rgb.count) bytes, not \(width * height * 3)")
        let stride = width * 3
        var raw: [UInt8] = []
        raw.reserveCapacity((stride + 1) * height)
        var candidate = [UInt8](repeating: 0, count: stride)
        var best = [UInt8](repeating: 0, count: stride)
        for y in 0..<height {
            let row = y * stride
            var bestType: UInt8 = 0
            var bestCost = Int.max
            for type: UInt8 in [0, 1, 2, 4] {
                var cost = 0
                for x in 0..<stride {
                    let cur = rgb[row + x]
                    let a = x >= 3 ? rgb[row + x - 3] : 0
                    let b = y > 0 ? rgb[row - stride + x] : 0
                    let c = x >= 3 && y > 0 ? rgb[row - stride + x - 3] : 0
                    let predicted: UInt8 = switch type {
                    case 1: a
                    case 2: b
                    case 4: paeth(a, b, c)
                    default: 0
                    }
                    let v = cur &- predicted
                    candidate[x] = v
                    cost += Int(Int8(bitPattern: v).magnitude)
                }
                if cost < bestCost {
                    bestCost = cost
                    bestType = type
                    swap(&best, &candidate)
                }
            }
            raw.append(bestType)
            raw += best
        }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0] // 8 bits, truecolour, deflate, adaptive filters, no interlace
        chunk("IHDR", header, into: &out)
        chunk("IDAT", zlibStream(raw), into: &out)
        chunk("IEND", [], into: &out)
        return out
    }

    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)]
    }

    static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        out += bigEndian(UInt32(data.count))
        let body = Array(type.utf8) + data
        out += body
        out += bigEndian(crc(body))
    }

    /// The zlib stream (RFC 1950: header, deflate, Adler-32) of `bytes`; wraps `compress2`.
    static func zlibStream(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &size, i.baseAddress, uLong(i.count), CZLIB_BEST_COMPRESSION)
            }
        }
        // compress2 fails only without memory or with a buffer below compressBound.
        precondition(status == CZLIB_OK, "zlib compress2 failed (\(status))")
        out.removeSubrange(Int(size)...)
        return out
    }

    /// CRC-32 (ISO 3309, as PNG chunks use) of `bytes`; wraps zlib's `crc32`.
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
    }
}
