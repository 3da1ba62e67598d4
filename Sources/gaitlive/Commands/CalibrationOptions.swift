import ArgumentParser
import MarkerTracker

/// `--known-distance A-B=CM` of the commands that calibrate (`live`, `demo`, `calibrate`): the
/// standing calibration's centimetres from a distance the PT measured between two side-view LEDs
/// instead of from the leg length.
struct CalibrationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("""
        Standing calibration's scale from a measured distance between two side-view LEDs \
        (SHO, GT, KNE, ANK, HEE, MT5), e.g. GT-KNE=41.5; default: from the leg length.
        """, valueName: "A-B=cm"))
    var knownDistance: String?

    func validate() throws {
        _ = try scale()
    }

    /// The known distance as a scale (nil: not given).
    func scale() throws -> StandingCalibration.Scale? {
        guard let text = knownDistance else { return nil }
        return try CalibrationOptions.parse(text)
    }

    /// Reads A-B=CM, saying what is wrong with it.
    static func parse(_ text: String) throws -> StandingCalibration.Scale {
        let parts = text.split(separator: "=")
        let names = parts.first.map { $0.split(separator: "-").map { $0.uppercased() } } ?? []
        guard parts.count == 2, names.count == 2, let cm = Double(parts[1]) else {
            throw ValidationError("--known-distance '\(text)' is not A-B=CM, e.g. GT-KNE=41.5")
        }
        let labels = SideMarker.allCases.map(\.label)
        guard let a = SideMarker.allCases.first(where: { $0.label == names[0] }),
              let b = SideMarker.allCases.first(where: { $0.label == names[1] }) else {
            throw ValidationError("--known-distance '\(text)': the LEDs are \(labels.joined(separator: ", "))")
        }
        guard a != b else { throw ValidationError("--known-distance '\(text)' names the same LED twice") }
        guard cm >= 2, cm <= 200 else { throw ValidationError("--known-distance must be 2 to 200 cm (got \(cm))") }
        return .knownDistance(a, b, centimetres: cm)
    }
}
