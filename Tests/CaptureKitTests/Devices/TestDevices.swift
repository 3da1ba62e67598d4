import Foundation
import Glibc
@testable import CaptureKit

/// The kernel test drivers the device tests run against (inside `scripts/v4l2-vm-test`'s VM):
/// two vivid webcams and two v4l2loopback nodes. Everything is nil on a machine without them,
/// so the tests skip.
enum TestDevices {
    /// Tests that change device state (disconnect, dropped-buffer injection, unbinding the
    /// driver) run only in the throwaway VM, never against a developer's own devices.
    static let inVM = ProcessInfo.processInfo.environment["GAITLIVE_V4L2_VM"] == "1"

    static let anyNode = !DeviceDiscovery.nodes().isEmpty

    /// The two vivid webcams (bus info platform:vivid-000 and -001; the VM's third vivid
    /// instance is an HDMI input for the benchmark).
    static var vivid: [DeviceDescription] {
        guard anyNode else { return [] }
        return DeviceDiscovery.cameras().cameras
            .filter { $0.driver == "vivid" && ["platform:vivid-000", "platform:vivid-001"].contains($0.busInfo) }
            .sorted { $0.busInfo < $1.busInfo }
    }

    static let hasTwoVivid = vivid.count >= 2

    /// The loopback node labelled `label` (its capture side appears only once a writer set a format).
    static func loopback(_ label: String) -> String? {
        for path in DeviceDiscovery.nodes() {
            let name = (path as NSString).lastPathComponent
            if let s = try? String(contentsOfFile: "/sys/class/video4linux/\(name)/name", encoding: .utf8),
               s.trimmingCharacters(in: .whitespacesAndNewlines) == label {
                return path
            }
        }
        return nil
    }

    static let hasLoopback = anyNode && loopback("gaitlive-loop-yuyv") != nil && loopback("gaitlive-loop-mjpeg") != nil

    /// Waits up to `seconds` for `condition`, checking every 10 ms; returns whether it came true.
    static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let end = MonotonicClock.now() + UInt64(seconds * 1e9)
        while MonotonicClock.now() < end {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    /// Writes a sysfs attribute (driver bind/unbind).
    static func writeSysfs(_ path: String, _ value: String) throws {
        try value.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
