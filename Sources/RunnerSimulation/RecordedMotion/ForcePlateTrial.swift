import Foundation

/// The forces of an instrumented treadmill recorded with a marker trial (the layout of Fukuchi et
/// al. 2017, PeerJ 5:e3298: `RBDS0041runT252forces.txt`): one plate under both feet.
///
/// The file is tab-separated with a header row: `Time` (the sample number, 1 = the first marker
/// frame), `Fx Fy Fz` (newtons), `COPx COPy COPz` (centre of pressure, millimetres, in the
/// markers' frame), and optionally `Ty` (free moment, newton-millimetres). Axes as the markers'
/// and the simulated room's: x forward, **y up (Fy is the vertical force)**, z to the runner's
/// right. Forces stay in newtons as recorded (the plate's reading with no one on it is not
/// removed here: see `ForcePlateEvents`); the centre of pressure is converted to metres.
///
/// Clock: the file only numbers its samples, so the rates come from the dataset's description
/// (300 Hz forces, 150 Hz markers: `samplesPerMarkerFrame` = 2). Sample number `n` is at marker
/// frame `(n - 1) / samplesPerMarkerFrame`; docs/accuracy.md says how that alignment was checked.
public struct ForcePlateTrial: Sendable {
    /// Where the data came from (a file path), for messages.
    public var source: String
    /// Force samples per second (the dataset's rate; the file does not say).
    public var samplesPerSecond: Double
    /// Force samples per marker frame (300 Hz over 150 Hz).
    public var samplesPerMarkerFrame: Double
    /// The sample number of the first row (1 in the dataset: the first marker frame).
    public var firstSampleNumber: Int
    /// Ground reaction force per sample, newtons, room axes (y up).
    public var force: [Vector3]
    /// Centre of pressure per sample, metres, in the markers' frame; nil where the file has none.
    public var centreOfPressure: [Vector3?]
    /// Free moment about the vertical, newton-millimetres as recorded; nil if the file has no `Ty`.
    public var freeMoment: [Double]?

    public init(source: String, samplesPerSecond: Double, samplesPerMarkerFrame: Double, firstSampleNumber: Int,
                force: [Vector3], centreOfPressure: [Vector3?], freeMoment: [Double]?) {
        self.source = source
        self.samplesPerSecond = samplesPerSecond
        self.samplesPerMarkerFrame = samplesPerMarkerFrame
        self.firstSampleNumber = firstSampleNumber
        self.force = force
        self.centreOfPressure = centreOfPressure
        self.freeMoment = freeMoment
    }

    public var count: Int { force.count }

    /// The vertical force per sample, newtons.
    public var verticalForce: [Double] { force.map(\.y) }

    /// The marker frame (0-based, fractional) of row `index` (0-based, fractional).
    public func markerFrame(ofRow index: Double) -> Double {
        (index + Double(firstSampleNumber - 1)) / samplesPerMarkerFrame
    }

    /// The row (0-based, fractional) at marker frame `frame`.
    public func row(atMarkerFrame frame: Double) -> Double {
        frame * samplesPerMarkerFrame - Double(firstSampleNumber - 1)
    }

    /// Reads a force table. A missing file, a header without `Time`, `Fx`, `Fy`, `Fz`, `COPx`,
    /// `COPz`, a cell that is not a number, or sample numbers that do not count up by one are
    /// errors naming the file and the problem.
    public static func read(path: String, samplesPerSecond: Double = 300, samplesPerMarkerFrame: Double = 2)
        throws(MarkerFileError) -> ForcePlateTrial {
        let text = try MarkerText.read(path)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).filter { !$0.allSatisfy(\.isWhitespace) }
        guard let head = lines.first else { throw MarkerFileError(path: path, problem: "empty file") }
        lines.removeFirst()
        let header = head.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func column(_ name: String) throws(MarkerFileError) -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw MarkerFileError(path: path, problem: "not a force table (no \(name) column; expected Time, Fx, Fy, Fz, COPx, COPy, COPz)")
            }
            return i
        }
        let time = try column("Time"), fx = try column("Fx"), fy = try column("Fy"), fz = try column("Fz")
        let copX = try column("COPx"), copZ = try column("COPz")
        let copY = header.firstIndex(of: "COPy"), ty = header.firstIndex(of: "Ty")
        var force: [Vector3] = [], cop: [Vector3?] = [], moment: [Double] = []
        force.reserveCapacity(lines.count)
        cop.reserveCapacity(lines.count)
        var first = 0
        for (n, line) in lines.enumerated() {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            func number(_ c: Int, _ name: String) throws(MarkerFileError) -> Double {
                guard c < cols.count, let v = Double(cols[c].trimmingCharacters(in: .whitespacesAndNewlines)), v.isFinite else {
                    throw MarkerFileError(path: path, problem: "line \(n + 2): \(name) is not a number")
                }
                return v
            }
            func optional(_ c: Int?) -> Double? {
                guard let c, c < cols.count else { return nil }
                return Double(cols[c].trimmingCharacters(in: .whitespacesAndNewlines))
            }
            let sample = try number(time, "Time")
            guard sample == sample.rounded() else {
                throw MarkerFileError(path: path, problem: "line \(n + 2): Time \(sample) is not a sample number")
            }
            if n == 0 {
                first = Int(sample)
            } else if Int(sample) != first + n {
                throw MarkerFileError(path: path, problem: "line \(n + 2): sample \(Int(sample)) where \(first + n) was due (samples must count up by one)")
            }
            force.append(Vector3(try number(fx, "Fx"), try number(fy, "Fy"), try number(fz, "Fz")))
            if let x = optional(copX), let z = optional(copZ) {
                cop.append(Vector3(x, optional(copY) ?? 0, z) * 0.001)
            } else {
                cop.append(nil)
            }
            if ty != nil { moment.append(optional(ty) ?? .nan) }
        }
        guard force.count >= 2 else { throw MarkerFileError(path: path, problem: "fewer than two samples") }
        return ForcePlateTrial(source: path, samplesPerSecond: samplesPerSecond, samplesPerMarkerFrame: samplesPerMarkerFrame,
                               firstSampleNumber: first, force: force, centreOfPressure: cop,
                               freeMoment: ty == nil ? nil : moment)
    }
}
