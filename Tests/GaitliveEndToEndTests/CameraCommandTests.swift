import Foundation
import Testing

/// `live`, `devices` and `controls` on a machine without those cameras: every problem with a
/// device is one line naming it, exit status 2. (The same commands on real drivers run in the
/// VM of scripts/v4l2-vm-test.)
@Suite struct CameraCommandTests {
    func expectOneLineFailure(_ args: [String], mentioning needle: String, environment: [String] = [],
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try Binary.run("/usr/bin/env", environment + [Binary.path] + args)
        #expect(r.status == 2, "status for \(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "stderr for \(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("gaitlive: "), sourceLocation: sourceLocation)
        #expect(r.stderr.contains(needle), "stderr for \(args): \(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aMissingDeviceIsNamed() throws {
        try expectOneLineFailure(["live", "--side", "/dev/video97", "--headless", "--duration", "1", "--out",
                                  Binary.temporaryDirectory("nodev")],
                                 mentioning: "/dev/video97: cannot open: No such file or directory (no such device; 'gaitlive devices' lists the cameras)")
        try expectOneLineFailure(["controls", "video98"], mentioning: "/dev/video98: cannot open: No such file or directory")
        try expectOneLineFailure(["devices", "--assign", "side=/dev/video99"], mentioning: "/dev/video99: cannot open")
    }

    @Test func aFileThatIsNotACameraIsNamed() throws {
        let file = Binary.temporaryDirectory("notacamera")
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        defer { unlink(file) }
        try expectOneLineFailure(["controls", file], mentioning: "\(file): cannot open")
    }

    @Test func withoutCamerasOrRememberedRolesLiveSaysWhatToDo() throws {
        let config = Binary.temporaryDirectory("config")
        try expectOneLineFailure(["live", "--headless"], mentioning: "no camera given: use --side DEVICE and/or --rear DEVICE",
                                 environment: ["GAITLIVE_CONFIG_DIR=\(config)"])
        try expectOneLineFailure(["live", "--rear", "rear"], mentioning: "no rear camera remembered",
                                 environment: ["GAITLIVE_CONFIG_DIR=\(config)"])
        try expectOneLineFailure(["devices", "--assign", "middle=/dev/video0"], mentioning: "expected side=DEVICE or rear=DEVICE",
                                 environment: ["GAITLIVE_CONFIG_DIR=\(config)"])
        try expectOneLineFailure(["live", "--side", "/dev/video0", "--format", "TOOLONG"], mentioning: "--format must be a FOURCC")
        try expectOneLineFailure(["live", "--side", "/dev/video0", "--rear", "video0"], mentioning: "same device")
    }

    @Test(.enabled(if: !FileManager.default.fileExists(atPath: "/dev/video0"), "this machine has a camera; the VM run lists real ones"))
    func devicesListsNothingCleanlyWhereThereAreNoCameras() throws {
        let r = try Binary.run("/usr/bin/env", ["GAITLIVE_CONFIG_DIR=\(Binary.temporaryDirectory("config"))", Binary.path, "devices"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("No cameras found"))
        let j = try Binary.gaitlive("devices", "--json")
        #expect(j.status == 0)
        #expect(j.stdout.contains("\"cameras\" : ["))
    }
}
