import CV4L2
import Foundation

/// Finds the cameras: every `/dev/video*` node that is a single-planar video capture device
/// with streaming I/O, described with its formats, sizes and frame rates.
///
/// Nodes are enumerated from `/dev` (no udev needed, so it works in minimal systems and VMs);
/// metadata and output nodes of the same camera are left out by their capabilities.
public enum DeviceDiscovery {
    /// A node that could not be looked at, and why (permission, busy...).
    public struct Problem: Sendable, CustomStringConvertible {
        public var path: String
        public var error: SystemError
        public var description: String { error.description }
    }

    /// `/dev/video*` paths in numeric order.
    public static func nodes(in directory: String = "/dev") -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("video"), let n = Int(name.dropFirst(5)) else { return nil }
            return (n, directory + "/" + name)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Every camera, and the nodes that could not be opened.
    public static func cameras() -> (cameras: [DeviceDescription], problems: [Problem]) {
        var cams: [DeviceDescription] = []
        var problems: [Problem] = []
        for path in nodes() {
            do {
                if let d = try describe(path) { cams.append(d) }
            } catch {
                problems.append(Problem(path: path, error: error))
            }
        }
        return (cams, problems)
    }

    /// Describes one node, or nil when it is not a capture node (metadata, output, radio...).
    public static func describe(_ path: String) throws(SystemError) -> DeviceDescription? {
        let device = try VideoDevice(path: path)
        defer { device.close() }
        return try describe(device)
    }

    /// Describes an open node, or nil when it is not a capture node.
    public static func describe(_ device: VideoDevice) throws(SystemError) -> DeviceDescription? {
        let cap = try device.queryCapabilities()
        guard cap.capabilities.isCamera else { return nil }
        var formats: [FormatDescription] = []
        for (format, name, compressed) in try device.pixelFormats() {
            var sizes: [FormatDescription.Size] = []
            for (w, h) in try device.frameSizes(format) {
                sizes.append(.init(width: w, height: h, intervals: try device.frameIntervals(format, width: w, height: h)))
            }
            if sizes.isEmpty {
                // Capture cards (HDMI, SDI) list no sizes: the size and rate are the input signal's.
                let current = try device.format()
                let interval = try device.frameInterval()
                sizes.append(.init(width: Int(current.width), height: Int(current.height), intervals: interval.map { [$0] } ?? []))
            }
            formats.append(FormatDescription(pixelFormat: format, name: name, compressed: compressed, sizes: sizes))
        }
        return DeviceDescription(path: device.path, card: cap.card, driver: cap.driver, busInfo: cap.busInfo,
                                 serial: serial(of: device.path), formats: formats)
    }

    /// The USB serial number from sysfs (`/sys/class/video4linux/videoN/device/../serial`), if any.
    static func serial(of path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        let link = "/sys/class/video4linux/\(name)/device"
        guard let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        let dir = ((("/sys/class/video4linux/\(name)") as NSString).appendingPathComponent(resolved) as NSString)
            .standardizingPath
        let file = (dir as NSString).deletingLastPathComponent + "/serial"
        guard let s = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// The node of the camera with this identity now (its node number may have changed).
    public static func find(_ identity: CameraIdentity) -> String? {
        for path in nodes() {
            guard let d = try? describeIdentity(path) else { continue }
            if d.matches(identity) { return path }
        }
        return nil
    }

    /// Only the identity of a node (cheaper than `describe`): nil when it is not a capture node.
    static func describeIdentity(_ path: String) throws(SystemError) -> CameraIdentity? {
        let device = try VideoDevice(path: path)
        defer { device.close() }
        let cap = try device.queryCapabilities()
        guard cap.capabilities.isCamera else { return nil }
        return CameraIdentity(card: cap.card, busInfo: cap.busInfo, serial: serial(of: path))
    }
}
