/// The bytes gaitlive's Y4M writer put in a file before the large-frame fix: the rules of
/// `FileOutput` at commit c3a3f97, kept here as the model of the bug the repair undoes.
///
/// A block of half the buffer (512 KiB) or more went straight to the file after a flush only if
/// the buffer would overflow; everything else waited in the buffer. `flushAfter` lists the frames
/// after which the recorder flushed or synced (on its clock). The model is checked against files
/// the old binary wrote (`data/legacy/`), byte for byte.
enum LegacyY4MBytes {
    struct Picture {
        var luma: [UInt8]
        var chroma: (cb: [UInt8], cr: [UInt8])?
    }

    static func bytes(headerLine: [UInt8], frames: [Picture], flushAfter: Set<Int>, limit: Int = 1 << 20) -> [UInt8] {
        var out: [UInt8] = [], buffer: [UInt8] = []
        func flush() {
            out += buffer
            buffer.removeAll()
        }
        // FileOutput.write(_: [UInt8]) as it was.
        func write(_ b: [UInt8]) {
            if buffer.count + b.count > limit { flush() }
            if b.count >= limit { out += b } else { buffer += b }
        }
        // FileOutput.write(contentsOf:) as it was: the direct write skipped what was buffered.
        func writeContents(_ b: [UInt8]) {
            if buffer.count + b.count > limit { flush() }
            if b.count >= limit / 2 { out += b } else { buffer += b }
        }
        write(headerLine)
        for (n, f) in frames.enumerated() {
            write(Array("FRAME\n".utf8))
            writeContents(f.luma)
            if let c = f.chroma {
                write(c.cb)
                write(c.cr)
            }
            if flushAfter.contains(n) { flush() }
        }
        flush()
        return out
    }
}
