import Foundation
import MarkerTracker
import LivePipeline

extension LiveScreen {
    /// The header's standing calibration state: "calibrating" while gaitlive looks for the athlete
    /// standing still, "calibrated" once done (saying so once in the footer with its numbers),
    /// "not calibrated" otherwise. Returns the column after it.
    func drawCalibration(into grid: inout CellGrid, column x: Int) -> Int {
        let current = session.calibration
        if current != shownCalibration {
            shownCalibration = current
            if current != .none {
                let cm = current.centimetresPerPixel.map { String(format: ", %.3f cm/px", $0) } ?? ""
                flash(String(format: "calibrated standing: ankle %.1f, foot %.1f, trunk %.1f, pelvis %.1f deg",
                             current.neutralAnkle, current.neutralFoot, current.standingTrunkLean,
                             current.standingObliquity) + cm)
            }
        }
        if session.isCalibrating {
            return grid.put("calibrating", column: x, row: 0, foreground: Palette.warning, background: 236)
        }
        return grid.put(current == .none ? "not calibrated" : "calibrated", column: x, row: 0,
                        foreground: current == .none ? Palette.warning : Palette.dimText, background: 236)
    }
}
