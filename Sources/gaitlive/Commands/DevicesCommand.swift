import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import LivePipeline
import SessionStore

/// `gaitlive devices`: the cameras, their formats and frame rates, and which is side and rear.
struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List the cameras with their formats, sizes and frame rates; remember which is side and rear.",
        usage: """
            gaitlive devices
            gaitlive devices --json
            gaitlive devices --assign side=/dev/video2 --assign rear=/dev/video4
            """,
        discussion: """
            Cameras are remembered by USB serial number, or by the port they are plugged into, in \
            \(CameraRoles.defaultPath()); 'gaitlive live' then finds them by role after a reboot or \
            re-plugging, whatever their /dev/video number.
            """)

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Remember a camera's role.", valueName: "side|rear=DEVICE"))
    var assign: [String] = []

    @Option(name: .long, help: ArgumentHelp("Forget a role.", valueName: "side|rear"))
    var forget: [CameraView] = []

    func run() throws {
        var roles: CameraRoles
        do { roles = try CameraRoles.load() } catch { throw Failure.badInput("\(error)") }
        if !assign.isEmpty || !forget.isEmpty {
            for view in forget { roles[view] = nil }
            for a in assign {
                let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let view = CameraView(rawValue: parts[0].lowercased()) else {
                    throw Failure.badInput("--assign \(a): expected side=DEVICE or rear=DEVICE")
                }
                let path = try CameraResolver.path(for: parts[1], option: "--assign")
                let d: DeviceDescription?
                do { d = try DeviceDiscovery.describe(path) } catch { throw CameraResolver.failure(error) }
                guard let d else { throw Failure.badInput("\(path): not a video capture device") }
                for other in CameraView.allCases where other != view && roles[other]?.matches(d.identity) == true {
                    roles[other] = nil
                }
                roles[view] = d.identity
                print("\(view.rawValue) camera: \(d.identity) (now \(path))")
            }
            do { try roles.save() } catch { throw Failure.failed("\(CameraRoles.defaultPath()): cannot save: \(error)") }
            return
        }
        let (cameras, problems) = DeviceDiscovery.cameras()
        if json {
            try printJSON(cameras, problems: problems, roles: roles)
        } else {
            printText(cameras, problems: problems, roles: roles)
        }
        if cameras.isEmpty && !problems.isEmpty { throw ExitCode(2) }
    }

    func printText(_ cameras: [DeviceDescription], problems: [DeviceDiscovery.Problem], roles: CameraRoles) {
        if cameras.isEmpty && problems.isEmpty { print("No cameras found (no video capture device in /dev).") }
        for c in cameras {
            let role = roles.role(of: c.identity).map { "  [\($0.rawValue)]" } ?? ""
            let serial = c.serial.map { "  serial \($0)" } ?? ""
            print("\(c.path)  \(c.card)  driver \(c.driver)  bus \(c.busInfo)\(serial)\(role)")
            for f in c.formats {
                let note = f.pixelFormat.isSupported ? (f.compressed ? " (decoded for tracking)" : "") : " (not usable)"
                print("  \(f.pixelFormat)  \(f.name)\(note)")
                for s in f.sizes {
                    let rates = s.intervals.isEmpty ? "rate not listed" : s.intervals.map(\.description).joined(separator: ", ") + " fps"
                    print("    \(s.width)x\(s.height): \(rates)")
                }
            }
        }
        for p in problems { FileHandle.standardError.write(Data("gaitlive: \(p)\n".utf8)) }
        for view in CameraView.allCases {
            if let id = roles[view], !cameras.contains(where: { $0.identity.matches(id) }) {
                print("(\(view.rawValue) camera \(id) is not plugged in)")
            }
        }
    }

    struct Listing: Encodable {
        struct Camera: Encodable {
            var device: DeviceDescription
            var role: String?
            func encode(to encoder: any Encoder) throws {
                try device.encode(to: encoder)
                var c = encoder.container(keyedBy: Key.self)
                try c.encodeIfPresent(role, forKey: .role)
            }
            enum Key: String, CodingKey { case role }
        }
        var cameras: [Camera]
        var problems: [String]
        var roles: [String: CameraIdentity]
    }

    func printJSON(_ cameras: [DeviceDescription], problems: [DeviceDiscovery.Problem], roles: CameraRoles) throws {
        let listing = Listing(cameras: cameras.map { .init(device: $0, role: roles.role(of: $0.identity)?.rawValue) },
                              problems: problems.map(\.description), roles: roles.roles)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(listing), as: UTF8.self))
    }
}

