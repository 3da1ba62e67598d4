import ArgumentParser
import Foundation
import MarkerTracker
import OfflineAnalysis
import SessionStore

/// `gaitlive calibrate DIR --at SECONDS`: the standing calibration taken again from a standing
/// moment in a recorded session; only `session.json`'s `calibration` block is rewritten.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibrate a recorded session again from a moment the athlete stood still.",
        usage: """
            gaitlive calibrate ~/.local/share/gaitlive/sessions/Ana-Ruiz/2026-11-30-101500 --at 1.5
            gaitlive calibrate DIR --at 1.5 --known-distance GT-KNE=41.5
            """,
        discussion: """
            Takes the two seconds around --at (session seconds, as beside the frame number in review) of \
            each camera; the athlete must stand still there. Saves the neutral ankle and foot angles, the \
            standing trunk and pelvis, and the centimetres per pixel (from the leg length in the session, \
            or --known-distance) into session.json, atomically; nothing recorded is changed. Review, report \
            and export use it from then on, measuring the strides again from the stored markers.
            """)

    @Argument(help: ArgumentHelp("Session directory.", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("A moment the athlete stands still, session seconds.", valueName: "seconds"))
    var at: Double

    @OptionGroup var calibration: CalibrationOptions

    func validate() throws {
        guard at.isFinite, at >= 0 else { throw ValidationError("--at must be 0 or more seconds (got \(at))") }
    }

    func run() throws {
        let session = try SessionDirectory.open(directory)
        let scale = try calibration.scale()
            ?? session.manifest.athlete.legLengthCm.map { StandingCalibration.Scale.legLength(centimetres: $0) }
        let made: SideCalibration
        do {
            made = try RecordedCalibration.measure(session, at: at, scale: scale)
        } catch {
            throw Failure.badInput(error.description)
        }
        do {
            try RecordedCalibration.save(made, directory: directory)
        } catch {
            throw Failure.failed("\(error)")
        }
        print("\(directory): calibrated from \(made.standingAt.map { "\(($0 * 100).rounded() / 100)" } ?? "?") s: "
              + RecordedCalibration.summary(made))
    }
}
