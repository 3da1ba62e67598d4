import Foundation
public import MarkerTracker
public import CaptureKit
public import SessionStore

/// `gaitlive export --to trc`: 2D marker trajectories in OpenSim's TRC layout, one file per stage
/// and camera (`<stage>_<view>.trc`), read by OpenSim-based tools, Kinovea and Sports2D.
///
/// Tab-separated: the `PathFileType` line, the `DataRate ... OrigNumFrames` header and its values,
/// marker names, `X1 Y1 Z1 ...`, a blank line, then `Frame# Time X Y Z` per marker. X is the image
/// x (left to right), Y is up (image height minus image y, so +Y is vertical as OpenSim expects),
/// Z is 0. Units are pixels (`px`), or centimetres (`cm`) when the session has a
/// centimetres-per-pixel calibration and `centimetres` is asked for. A missing marker leaves its
/// three fields empty. Time is the session clock of each frame; DataRate the measured frame rate.
/// Markers corrected in review are exported as corrected (`CorrectedView`).
public enum TRCExport {
    public static func write(_ session: RecordedSession, to out: ExportDirectory, centimetres: Bool) throws {
        let scale: Double
        if centimetres {
            guard let s = session.manifest.calibration.centimetresPerPixel, s > 0 else {
                throw ManifestStore.ManifestError(path: session.directory + "/" + SessionLayout.manifestName,
                                                  problem: "no centimetres-per-pixel calibration: export TRC in pixels")
            }
            scale = s
        } else {
            scale = 1
        }
        for stage in session.stages {
            for view in CameraView.allCases {
                guard let v = stage.views[view], let camera = session.manifest.camera(view) else { continue }
                let name = "\(stage.info.directory)_\(view.rawValue).trc"
                let corrected = try CorrectedView(v, stageDirectory: session.directory + "/" + stage.info.directory,
                                                  manifest: session.manifest, stage: stage)
                try write(v, camera: camera, name: name, scale: scale, units: centimetres ? "cm" : "px",
                          corrected: corrected, to: out.create(name))
            }
        }
    }

    static func write(_ v: RecordedView, camera: SessionManifest.Camera, name: String, scale: Double, units: String,
                      corrected: CorrectedView? = nil, to f: FileOutput) throws {
        let labels = MarkerSet.standard(for: v.view).labels
        let rate = camera.measuredFps ?? camera.nominalFps
        let rateText = number(rate, 3)
        let n = v.frameCount
        try f.write("PathFileType\t4\t(X/Y/Z)\t\(name)\n")
        try f.write("DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames\n")
        try f.write("\(rateText)\t\(rateText)\t\(n)\t\(labels.count)\t\(units)\t\(rateText)\t1\t\(n)\n")
        try f.write("Frame#\tTime\t" + labels.map { "\($0)\t\t\t" }.joined().dropLast() + "\n")
        try f.write("\t\t" + (1...labels.count).map { "X\($0)\tY\($0)\tZ\($0)" }.joined(separator: "\t") + "\n")
        try f.write("\n")
        let height = Double(camera.height)
        try v.markerTable.forEachRow { r in
            guard r.frame < n else { return false }
            let stored = try v.markers(of: r).markers
            let markers = corrected?.markers(stored, frame: r.frame) ?? stored
            let entry = try v.indexEntry(at: r.frame)
            var row = CSVRow()
            row.add(r.frame + 1)
            row.add(entry.seconds, decimals: 6)
            for m in markers {
                if let m {
                    row.add(m.position.x * scale, decimals: 4)
                    row.add((height - m.position.y) * scale, decimals: 4)
                    row.add(0)
                } else {
                    row.addEmpty(); row.addEmpty(); row.addEmpty()
                }
            }
            // CSVRow separates with commas; TRC wants tabs.
            try f.write(row.finish().map { $0 == 44 ? 9 : $0 })
            return true
        }
        try f.close()
    }

    static func number(_ v: Double, _ decimals: Int) -> String {
        var r = CSVRow()
        r.add(v, decimals: decimals)
        return String(decoding: r.bytes, as: UTF8.self)
    }
}
