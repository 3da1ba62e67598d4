import Glibc
import CaptureKit

/// Finds the frames of a Y4M video written out of order by the large-frame bug, so that
/// `Y4MRepair` can put them back in order.
///
/// Until 2026-12-03 `FileOutput` wrote a block of half its 1 MiB buffer or more (the luma plane of
/// a frame of 1024x512 pixels and up) straight to the file while smaller writes (the header, the
/// `FRAME` lines, 4:2:0 chroma planes) waited in the buffer. The file then holds every byte, in
/// two streams merged: the lumas in order, and the buffered bytes in order, emitted whenever the
/// buffer was flushed (when it would overflow, and between frames when the recorder flushed or
/// synced, which happened on a clock).
///
/// The writer's rules fix where every buffered byte lands once the flushes between frames are
/// known, so the parse follows them and decides each between-frame flush by what the file holds:
/// a layout is accepted only if the header and every `FRAME` line lie exactly where the rules put
/// them and the whole file is accounted for (or ends inside the last frame, as after a crash).
/// Where the pixels could be read as a `FRAME` line as well, both readings are followed; when the
/// search cannot settle, nothing is claimed.
public struct MisorderedY4M: Sendable {
    /// Where one frame's planes are in the file.
    public struct FrameParts: Sendable, Equatable {
        public var luma: Int
        /// 4:2:0 files: the Cb and Cr planes (nil for mono).
        public var cb: Int?
        public var cr: Int?
    }

    public let path: String
    public let header: Y4MHeader
    /// Byte offset of the header line.
    public let headerOffset: Int
    /// Whole frames, in order.
    public let frames: [FrameParts]

    /// The old writer's buffer (`FileOutput`'s default then) and the size from which a block
    /// skipped it.
    static let bufferLimit = 1 << 20
    static let directThreshold = bufferLimit / 2
    /// Where the header is looked for: the first flush came within a quarter second of recording.
    static let headerSearchBytes = 256 << 20
    static let signature = Array("YUV4MPEG2 ".utf8)
    static let frameTag = Array("FRAME\n".utf8)

    /// Why a file could not be put back in order; `description` names the file.
    public struct LayoutError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    /// True if `path` does not begin with a Y4M header but holds one where the bug put it: after a
    /// whole number of luma planes of the size that header gives. Cheap unless the file is damaged.
    public static func looksMisordered(path: String) -> Bool {
        guard let file = try? FileInput(path: path),
              let first = try? file.read(at: 0, count: signature.count), first != signature else { return false }
        return (try? findHeader(file)) != nil
    }

    /// Parses `path`; throws a `LayoutError` if it is not a video of this layout or the order
    /// cannot be undone with certainty. `flushesBetweenFrames` is false for a writer that never
    /// flushed between frames (`gaitlive import`): the layout then follows from the sizes alone.
    public init(path: String, flushesBetweenFrames: Bool = true) throws {
        self.path = path
        let file = try FileInput(path: path)
        let start = try file.read(at: 0, count: min(file.size, MisorderedY4M.signature.count))
        guard start != MisorderedY4M.signature else {
            throw LayoutError(path: path, problem: "already in order (begins with its Y4M header)")
        }
        guard let (offset, header, line) = try MisorderedY4M.findHeader(file) else {
            throw LayoutError(path: path, problem: "no Y4M header where a large-frame recording would have it")
        }
        self.header = header
        headerOffset = offset
        var parser = Parser(file: file, header: header, headerLine: line, flushesBetweenFrames: flushesBetweenFrames)
        guard let result = parser.run() else {
            throw LayoutError(path: path, problem: parser.problem)
        }
        frames = result.frames
        guard headerOffset == result.headerOffset else {
            throw LayoutError(path: path, problem: "the header is not where the frames put it")
        }
    }

    /// The first header line at a multiple of the luma size it gives (only lumas precede it).
    static func findHeader(_ file: FileInput) throws -> (Int, Y4MHeader, [UInt8])? {
        let chunk = 4 << 20
        var base = 0
        let end = min(file.size, headerSearchBytes)
        while base < end {
            let bytes = try file.read(at: base, count: min(chunk + 256, file.size - base))
            var i = 0
            while i + signature.count <= min(bytes.count, chunk + signature.count) {
                if bytes[i] == signature[0], bytes[i..<(i + signature.count)].elementsEqual(signature),
                   let nl = bytes[i...].prefix(256).firstIndex(of: 10),
                   let line = String(validating: bytes[i..<nl], as: UTF8.self),
                   let h = try? Y4MHeader(parsing: line) {
                    let luma = h.width * h.height
                    let offset = base + i
                    if luma >= directThreshold, offset % luma == 0 { return (offset, h, Array(bytes[i...nl])) }
                }
                i += 1
            }
            base += chunk
        }
        return nil
    }

    /// Replays the old writer's rules against the file (see the type's comment).
    struct Parser {
        let file: FileInput
        let header: Y4MHeader
        /// The header line as found, newline included.
        let headerLine: [UInt8]
        let luma: Int
        let chroma: Int
        /// Chroma planes went through the buffer (they skipped it only at 1 MiB and more).
        let chromaBuffered: Bool
        /// Buffered items per frame: the FRAME line, and Cb and Cr when buffered.
        let perFrame: Int
        var problem = "the frames cannot be put back in order with certainty"
        /// Offsets found along the current path (overwritten when the search backs up).
        var lumaAt: [Int] = []
        var itemAt: [Int] = []

        /// Whether the writer may have flushed between frames (the recorder's clock did; import never).
        let flushesBetweenFrames: Bool

        init(file: FileInput, header: Y4MHeader, headerLine: [UInt8], flushesBetweenFrames: Bool) {
            self.flushesBetweenFrames = flushesBetweenFrames
            self.file = file
            self.header = header
            self.headerLine = headerLine
            luma = header.width * header.height
            chroma = header.colour.hasChroma ? ((header.width + 1) / 2) * ((header.height + 1) / 2) : 0
            chromaBuffered = header.colour.hasChroma && chroma < MisorderedY4M.bufferLimit
            perFrame = chromaBuffered ? 3 : 1
        }

        /// The writer between two frames: frames done, buffered items `first..<end`, their bytes,
        /// and the file position reached.
        struct State {
            var frame = 0
            var first = 0
            var end = 1
            var buffered = 0
            var p = 0
        }

        /// Buffered item `i`: 0 is the header; then per frame the FRAME line and, for 4:2:0, Cb, Cr.
        func size(_ i: Int) -> Int {
            if i == 0 { return headerLine.count }
            return (i - 1) % perFrame == 0 ? MisorderedY4M.frameTag.count : chroma
        }

        func isTag(_ i: Int) -> Bool { i > 0 && (i - 1) % perFrame == 0 }

        func literalMatches(_ i: Int, at p: Int) -> Bool {
            guard i == 0 || isTag(i) else { return true }
            let expected = i == 0 ? headerLine : MisorderedY4M.frameTag
            guard let got = try? file.read(at: p, count: expected.count) else { return false }
            return got == expected
        }

        mutating func flush(_ s: inout State) -> Bool {
            for i in s.first..<s.end {
                if s.p + size(i) > file.size || !literalMatches(i, at: s.p) { return false }
                record(item: i, at: s.p)
                s.p += size(i)
            }
            s.first = s.end
            s.buffered = 0
            return true
        }

        mutating func record(item i: Int, at p: Int) {
            if itemAt.count <= i { itemAt.append(contentsOf: repeatElement(-1, count: i + 1 - itemAt.count)) }
            itemAt[i] = p
        }

        mutating func push(_ s: inout State) {
            s.buffered += size(s.end)
            s.end += 1
        }

        /// One frame written after an optional flush between frames; false if the file disagrees.
        mutating func step(_ s: inout State, flushFirst: Bool) -> Bool {
            let limit = MisorderedY4M.bufferLimit
            if flushFirst && !flush(&s) { return false }
            if s.buffered + MisorderedY4M.frameTag.count > limit && !flush(&s) { return false }
            push(&s)
            if s.buffered + luma > limit && !flush(&s) { return false }
            guard s.p + luma <= file.size else { return false }
            if lumaAt.count <= s.frame { lumaAt.append(contentsOf: repeatElement(-1, count: s.frame + 1 - lumaAt.count)) }
            lumaAt[s.frame] = s.p
            s.p += luma
            if header.colour.hasChroma {
                for _ in 0..<2 {
                    if s.buffered + chroma > limit && !flush(&s) { return false }
                    push(&s)
                }
            }
            s.frame += 1
            return true
        }

        struct Result {
            var frames: [FrameParts]
            var headerOffset: Int
        }

        /// Depth-first over the between-frame flushes, the likelier reading first.
        ///
        /// In mono every buffered byte is a header or FRAME line, so a second reading would have
        /// to put some of those bytes inside a picture, which `Y4MRepair` checks for. In 4:2:0 a
        /// luma and two chroma planes can trade places without moving a FRAME line, so the search
        /// goes on after the first reading and refuses the file if a different one also fits.
        mutating func run() -> Result? {
            var initial = State()
            initial.buffered = headerLine.count
            var stack: [(State, [Bool])] = [(initial, options(initial))]
            var budget = 64 * (file.size / max(1, luma) + 16)
            let unique = header.colour.hasChroma && flushesBetweenFrames
            var found: Result?
            while let (s, choices) = stack.last {
                budget -= 1
                if budget < 0 {
                    problem = "the frames cannot be put back in order with certainty (the search did not settle)"
                    return nil
                }
                if let done = finish(s) {
                    guard unique else { return done }
                    if let first = found, first.frames != done.frames {
                        problem = "the frames cannot be put back in order with certainty: two orders fit the file"
                        return nil
                    }
                    found = done
                }
                guard let choice = choices.first else {
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].1.removeFirst()
                var next = s
                if step(&next, flushFirst: choice) {
                    stack.append((next, options(next)))
                }
            }
            if found == nil { problem = "no order of its frames fits the file: not a large-frame recording, or damaged" }
            return found
        }

        /// The next frame's readings, the likelier first: flush first or not. When not flushing
        /// would put the next luma here, a pending FRAME line or header found here makes the
        /// flush likelier (the other reading needs a picture that begins with those bytes), and
        /// its absence rules the flush out. Otherwise (the next frame flushes before its luma
        /// anyway, or a chroma plane is pending) both are tried, the recorder's usual no flush
        /// first. A reading that turns out wrong fails at a later FRAME line or at the file's end,
        /// and the search backs up.
        func options(_ s: State) -> [Bool] {
            guard s.buffered > 0, flushesBetweenFrames else { return [false] }
            let forced = s.buffered + MisorderedY4M.frameTag.count + luma > MisorderedY4M.bufferLimit
            if !forced, s.first == 0 || isTag(s.first) {
                return literalMatches(s.first, at: s.p) ? [true, false] : [false]
            }
            return [false, true]
        }

        /// The parse if the file ends here: everything buffered written at close, or lost with the
        /// process (then a 4:2:0 frame whose chroma did not reach the file is not whole).
        mutating func finish(_ s: State) -> Result? {
            guard s.frame > 0, s.p == file.size || s.p + s.buffered == file.size else { return nil }
            var closed = s
            let closes = flush(&closed) && closed.p == file.size
            guard closes || s.p == file.size else { return nil }
            let emitted = closes ? closed.first : s.first
            guard emitted > 0, let headerAt = itemAt.first, headerAt >= 0 else { return nil }
            var frames: [FrameParts] = []
            for n in 0..<s.frame {
                var f = FrameParts(luma: lumaAt[n])
                if header.colour.hasChroma {
                    let cb = 1 + n * perFrame + 1
                    guard cb + 1 < emitted else { break }
                    f.cb = itemAt[cb]
                    f.cr = itemAt[cb + 1]
                }
                frames.append(f)
            }
            return Result(frames: frames, headerOffset: headerAt)
        }
    }
}
