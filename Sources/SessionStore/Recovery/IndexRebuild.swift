import Glibc
import CaptureKit

/// Rebuilds the end of a format-2 view's frame index from its Matroska video, after a crash that
/// left the video and the marker and angle tables further than the index (a power cut can lose
/// the index's last blocks while other files kept theirs).
///
/// The index is never changed: a new one, `<view>.frames.rebuilt.csv`, holds the old rows byte
/// for byte and, for each picture past them that the marker and angle tables also have, a row
/// made from the container: the picture's offset and size, its timestamp (the block's, to the
/// microsecond, from the first row's), the sequence counted on from the last row (no drop is
/// assumed; `dropped_before` 0). Recovery then points the manifest at it.
enum IndexRebuild {
    static let suffix = ".rebuilt.csv"

    /// The new index's path (relative), or nil when there is nothing to rebuild or it failed.
    static func rebuild(directory: String, index relative: String, index table: FrameTable,
                        blocks: [MatroskaReader.Block], upTo end: Int, clockOrigin: UInt64) -> String? {
        let count = table.rowCount
        guard count > 0, end > count, end <= blocks.count,
              let cSeq = table.column("sequence"), let cStamp = table.column("timestamp_ns"),
              let first = try? table.row(0), let last = try? table.row(count - 1),
              let firstStamp = try? first.uint64(cStamp), let lastSeq = try? last.int(cSeq) else { return nil }
        let target = String(relative.dropLast(".csv".count)) + suffix
        let path = directory + "/" + target
        unlink(path)   // an earlier attempt's: never referenced (the manifest is written after this)
        do {
            let out = try FileOutput(creating: path)
            try out.write(table.columns.joined(separator: ",") + "\n")
            var failure: SystemError?
            try table.forEachLine { line in
                do throws(SystemError) { try out.write(Array(line) + [10]) } catch {
                    failure = error
                    return false
                }
                return true
            }
            if let failure { throw failure }
            for n in count..<end {
                let stamp = firstStamp &+ UInt64(max(0, blocks[n].timestampNanoseconds - blocks[0].timestampNanoseconds))
                var values: [String: String] = [
                    "frame": String(n), "sequence": String(lastSeq + n - (count - 1)), "timestamp_ns": String(stamp),
                    "dropped_before": "0", "not_saved_before": "0",
                    MatroskaVideo.offsetColumn: String(blocks[n].offset), MatroskaVideo.bytesColumn: String(blocks[n].bytes),
                ]
                var row = CSVRow()
                row.add(MonotonicClock.seconds(stamp, since: clockOrigin), decimals: 6)
                values["time_s"] = String(decoding: row.finish().dropLast(), as: UTF8.self)
                try out.write(table.columns.map { values[$0] ?? "" }.joined(separator: ",") + "\n")
            }
            try out.close()
        } catch {
            unlink(path)
            return nil
        }
        return target
    }
}
