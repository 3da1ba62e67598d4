import Glibc

/// Free space where a recording will go (`statvfs(3)`), and the check made before it starts.
public enum FreeSpace {
    /// Bytes an unprivileged writer can still use on the filesystem holding `path` (or its
    /// nearest existing parent, for a directory not created yet); nil if none can be examined.
    public static func bytesAvailable(at path: String) -> UInt64? {
        var p = path.isEmpty ? "." : path
        while true {
            var st = statvfs()
            if statvfs(p, &st) == 0 { return UInt64(st.f_bavail) * UInt64(st.f_frsize) }
            guard errno == ENOENT, let slash = p.lastIndex(of: "/") else { return nil }
            p = slash == p.startIndex ? "/" : String(p[..<slash])
        }
    }

    /// Not enough room for the minimum recording time; `description` is the one line to print.
    public struct Shortage: Error, Sendable, CustomStringConvertible, Equatable {
        public var path: String
        public var needed: UInt64
        public var available: UInt64
        public var minutes: Double
        public var description: String {
            "\(path): not enough free disk space to record: \(FreeSpace.format(available)) free, "
                + "\(FreeSpace.format(needed)) needed for \(FreeSpace.minutesText(minutes)) "
                + "(\(FreeSpace.format(UInt64((Double(needed) / max(minutes, 1e-9)).rounded())))/min)"
        }
    }

    /// Throws if the filesystem of `directory` cannot hold `minutes` of recording at
    /// `bytesPerMinute` (all cameras together).
    public static func check(directory: String, bytesPerMinute: UInt64, minutes: Double) throws(Shortage) {
        guard minutes > 0, let available = bytesAvailable(at: directory) else { return }
        let needed = UInt64((Double(bytesPerMinute) * minutes).rounded(.up))
        if available < needed {
            throw Shortage(path: directory, needed: needed, available: available, minutes: minutes)
        }
    }

    /// "2.21 GB", "512 MB", "40 KB" (decimal units, as disks are sold).
    public static func format(_ bytes: UInt64) -> String {
        let b = Double(bytes)
        func fixed(_ v: Double, _ decimals: Int) -> String {
            var row = CSVRow()
            row.add(v, decimals: decimals)
            return String(decoding: row.bytes, as: UTF8.self)
        }
        if b >= 1e9 { return fixed(b / 1e9, 2) + " GB" }
        if b >= 1e6 { return fixed(b / 1e6, 1) + " MB" }
        if b >= 1e3 { return fixed(b / 1e3, 0) + " KB" }
        return "\(bytes) bytes"
    }

    static func minutesText(_ m: Double) -> String {
        if m >= 1, m == m.rounded() { return "\(Int(m)) minute\(m == 1 ? "" : "s")" }
        return FreeSpace.format0(m * 60) + " seconds"
    }

    static func format0(_ v: Double) -> String { String(Int(v.rounded())) }
}
