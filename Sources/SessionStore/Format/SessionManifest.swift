public import MarkerTracker
import CaptureKit

/// `session.json`: everything about a recorded session that is not a table or a video.
///
/// Written at the start of recording, at every stage change and periodically, and replaced
/// atomically (temporary file, fsync, rename). Documented field by field in
/// docs/session-format.md; `schemaVersion` changes when a reader would misread a field.
public struct SessionManifest: Codable, Sendable, Equatable {
    public static let formatName = "gaitlive-session"
    /// The newest version this gaitlive reads and writes: 2 (compressed video, `.mkv`); it reads 1 too.
    public static let currentSchemaVersion = 2

    /// Whether the recording was closed properly.
    public enum Status: String, Codable, Sendable {
        /// Being written (or the writer died: see `recovered`).
        case recording
        case complete
        /// Opened after a crash: counts were rebuilt from the files on disk.
        case recovered
        /// Closed, but a file did not read back as written when the recorder checked it
        /// (`problems` says which and how); every frame on disk is kept.
        case damaged
    }

    public struct Athlete: Codable, Sendable, Equatable {
        public var name: String
        /// Greater trochanter to floor, standing, centimetres (sets the scale if no calibration).
        public var legLengthCm: Double?
        public init(name: String, legLengthCm: Double? = nil) {
            self.name = name
            self.legLengthCm = legLengthCm
        }
    }

    /// One camera as it was configured and what it actually delivered.
    public struct Camera: Codable, Sendable, Equatable {
        public var view: CameraView
        /// Device path, "simulated" or "replay".
        public var device: String
        public var card: String?
        public var width: Int
        public var height: Int
        /// FOURCC of the capture format ("GREY", "YUYV", "MJPG"...).
        public var pixelFormat: String
        public var nominalFps: Double
        /// Frame rate measured from kernel timestamps over the recording.
        public var measuredFps: Double?
        /// Side view: which leg carries the markers ("left"/"right").
        public var markerSide: BodySide?
        /// V4L2 cameras: the driver ("uvcvideo"), where it was plugged ("usb-0000:00:14.0-2") and
        /// its USB serial number, if any.
        public var driver: String?
        public var busInfo: String?
        public var serial: String?
        /// V4L2 cameras: row stride of the camera's buffers, bytes.
        public var bytesPerLine: Int?
        /// Where frame timestamps come from: "kernel-monotonic" (the driver's CLOCK_MONOTONIC
        /// buffer timestamps), "dequeue" (the driver gave none; taken when the frame was read),
        /// "simulated".
        public var timestampSource: String?
        /// Frames the camera dropped (sequence gaps) over the whole session, and times it was
        /// lost and came back (unplugged and re-plugged).
        public var droppedFrames: Int?
        public var reconnections: Int?
        /// How the camera's pictures are stored (format v2): `jpeg` (encoded by gaitlive at
        /// `jpegQuality`), `camera-mjpeg` (an MJPEG camera's bytes as it sent them) or `y4m` (raw).
        /// Absent in version 1 sessions (always raw Y4M).
        public var videoCodec: String?
        public var jpegQuality: Int?
        public init(view: CameraView, device: String, card: String? = nil, width: Int, height: Int,
                    pixelFormat: String, nominalFps: Double, measuredFps: Double? = nil, markerSide: BodySide? = nil,
                    driver: String? = nil, busInfo: String? = nil, serial: String? = nil, bytesPerLine: Int? = nil,
                    timestampSource: String? = nil) {
            self.view = view
            self.device = device
            self.card = card
            self.width = width
            self.height = height
            self.pixelFormat = pixelFormat
            self.nominalFps = nominalFps
            self.measuredFps = measuredFps
            self.markerSide = markerSide
            self.driver = driver
            self.busInfo = busInfo
            self.serial = serial
            self.bytesPerLine = bytesPerLine
            self.timestampSource = timestampSource
        }
    }

    /// How far apart in time the two cameras expose: the side frame's timestamp minus the nearest
    /// rear frame's, milliseconds, measured on every side frame. Jitter is the standard deviation
    /// of that offset over each second, averaged over the session (free-running cameras drift
    /// slowly, which the per-second figure leaves out; `minimumMs`/`maximumMs` show the drift).
    public struct CameraSync: Codable, Sendable, Equatable {
        public var meanOffsetMs: Double
        public var jitterMs: Double
        public var minimumMs: Double
        public var maximumMs: Double
        /// Side frames measured.
        public var samples: Int
        public init(meanOffsetMs: Double, jitterMs: Double, minimumMs: Double, maximumMs: Double, samples: Int) {
            self.meanOffsetMs = meanOffsetMs
            self.jitterMs = jitterMs
            self.minimumMs = minimumMs
            self.maximumMs = maximumMs
            self.samples = samples
        }
    }

    /// What one camera recorded in one stage.
    public struct StageView: Codable, Sendable, Equatable {
        public var video: String
        public var index: String
        public var markers: String
        public var angles: String
        public var frames: Int
        /// Frames the camera dropped during the stage (sequence gaps).
        public var droppedByCamera: Int
        /// Frames gaitlive could not record (recorder queue full): should be 0.
        public var droppedByRecorder: Int
        public init(video: String, index: String, markers: String, angles: String, frames: Int = 0,
                    droppedByCamera: Int = 0, droppedByRecorder: Int = 0) {
            self.video = video
            self.index = index
            self.markers = markers
            self.angles = angles
            self.frames = frames
            self.droppedByCamera = droppedByCamera
            self.droppedByRecorder = droppedByRecorder
        }
    }

    /// One treadmill stage as recorded.
    public struct Stage: Codable, Sendable, Equatable {
        /// "flat" or "incline".
        public var kind: String
        /// Directory inside the session ("flat", "incline", "flat-2", ...).
        public var directory: String
        public var inclinePercent: Double
        /// First and last recorded timestamps, seconds on the session clock.
        public var startSeconds: Double?
        public var endSeconds: Double?
        public var views: [String: StageView]
        public var events: String
        /// When the stage was switched to (`s`), seconds on the session clock; nil for the
        /// session's first stage (and in sessions recorded before this field existed).
        public var switchedSeconds: Double?
        /// The grade of the stage before the switch, percent (nil with `switchedSeconds`).
        public var previousInclinePercent: Double?
        public init(kind: String, directory: String, inclinePercent: Double, startSeconds: Double? = nil,
                    endSeconds: Double? = nil, views: [String: StageView] = [:], events: String) {
            self.kind = kind
            self.directory = directory
            self.inclinePercent = inclinePercent
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
            self.views = views
            self.events = events
        }

        public var durationSeconds: Double? {
            guard let s = startSeconds, let e = endSeconds else { return nil }
            return e - s
        }
    }

    public struct Note: Codable, Sendable, Equatable {
        /// Seconds on the session clock (nil for a note about the whole session).
        public var seconds: Double?
        public var text: String
        public init(seconds: Double?, text: String) {
            self.seconds = seconds
            self.text = text
        }
    }

    /// Why a recording ended other than by being closed: the writer died (found and recovered on
    /// the next open), or a write failed (a full disk) and recording stopped.
    public struct Interruption: Codable, Sendable, Equatable {
        /// `crash` (recovered on open), `disk full`, or `write error`.
        public var reason: String
        /// What was found on disk and kept, file by file, or the error.
        public var detail: String
        /// ISO 8601 UTC wall-clock time it was noticed.
        public var noticed: String
        public init(reason: String, detail: String, noticed: String) {
            self.reason = reason
            self.detail = detail
            self.noticed = noticed
        }
    }

    /// A video whose frames `gaitlive repair` put back in order (sessions written by a gaitlive
    /// with the large-frame bug: frames of 512 KiB and more reached the file before the header).
    public struct Repair: Codable, Sendable, Equatable {
        /// The video, relative to the session directory.
        public var file: String
        /// Whole frames in the repaired file.
        public var frames: Int
        /// ISO 8601 UTC wall-clock time of the repair.
        public var repaired: String
        public init(file: String, frames: Int, repaired: String) {
            self.file = file
            self.frames = frames
            self.repaired = repaired
        }
    }

    /// Simulated sessions: how to reproduce them exactly.
    public struct Simulation: Codable, Sendable, Equatable {
        public var seed: UInt64
        public var findings: ClinicalFindings
        /// The runner varied from stride to stride and its day from the seed
        /// (`RunnerProfile.varying(seed:)`); absent or false: every stride the same (sessions
        /// recorded before the runner varied, and `--steady-runner`).
        public var varying: Bool?
        public init(seed: UInt64, findings: ClinicalFindings, varying: Bool? = nil) {
            self.seed = seed
            self.findings = findings
            self.varying = varying
        }
    }

    public var format: String
    public var schemaVersion: Int
    public var software: String
    public var status: Status
    /// ISO 8601 UTC wall-clock time the session was created.
    public var created: String
    public var athlete: Athlete
    /// "simulated", "replay" (recorded motion), "v4l2" or "import".
    public var source: String
    /// Monotonic nanoseconds at session time 0 (timestamps in the indices are raw monotonic ns).
    public var clockOriginNs: UInt64
    public var cameras: [Camera]
    public var stages: [Stage]
    public var calibration: SideCalibration
    public var markerSets: [String: [String]]
    public var notes: [Note]
    public var simulation: Simulation?
    /// Set when the recording did not end normally (absent otherwise).
    public var interruption: Interruption?
    /// Two-camera sessions: the offset and jitter between the cameras (nil with one camera).
    public var cameraSync: CameraSync?
    /// What did not read back when the recorder checked the files it closed, one line per file
    /// (absent when everything did; the status is then `damaged`).
    public var problems: [String]?
    /// Videos put back in order by `gaitlive repair` (absent when none was).
    public var repairs: [Repair]?

    public init(software: String, created: String, athlete: Athlete, source: String, clockOriginNs: UInt64,
                cameras: [Camera], calibration: SideCalibration = .none, simulation: Simulation? = nil) {
        format = SessionManifest.formatName
        schemaVersion = SessionManifest.currentSchemaVersion
        self.software = software
        status = .recording
        self.created = created
        self.athlete = athlete
        self.source = source
        self.clockOriginNs = clockOriginNs
        self.cameras = cameras
        stages = []
        self.calibration = calibration
        markerSets = [CameraView.side.rawValue: MarkerSet.side.labels, CameraView.rear.rawValue: MarkerSet.rear.labels]
        notes = []
        self.simulation = simulation
    }

    public func camera(_ view: CameraView) -> Camera? { cameras.first { $0.view == view } }
}
