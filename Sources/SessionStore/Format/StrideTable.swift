public import MarkerTracker

/// The strides table: one row per stride of one leg seen by one camera, with its events and every
/// stride metric (`strides.csv` in a session stage, and the offline analysis's stride section).
/// Columns are documented in docs/session-format.md and docs/metrics.md.
public enum StrideTable {
    /// Event columns before the metric columns.
    public static let eventColumns = ["view", "side", "stride", "ic_frame", "ic_time_s", "ms_frame", "to_frame",
                                      "to_time_s", "next_ic_frame", "next_ic_time_s"]

    public static var columns: [String] { eventColumns + StrideMetric.allCases.map(\.column) }

    /// The header line with its newline.
    public static var header: String { columns.joined(separator: ",") + "\n" }

    /// One stride as a line. `frameNumber` maps the stream's frame numbers to the file's (the
    /// recorded frame); a frame it does not know is left empty.
    public static func row(_ s: StrideMetrics, frameNumber: (Int) -> Int? = { $0 }) -> [UInt8] {
        var r = CSVRow()
        r.add(s.view.rawValue)
        r.add(s.side.rawValue)
        r.add(s.number)
        func frame(_ m: StrideMetrics.Moment?) {
            if let m, let f = frameNumber(m.frame) { r.add(f) } else { r.addEmpty() }
        }
        frame(s.contact)
        r.add(s.contact.time, decimals: 6)
        frame(s.midstance)
        frame(s.toeOff)
        r.add(s.toeOff?.time, decimals: 6)
        frame(s.nextContact)
        r.add(s.nextContact.time, decimals: 6)
        for m in StrideMetric.allCases { r.add(s[m], decimals: m.unit == .milliseconds ? 1 : 2) }
        return r.finish()
    }
}
