/// What `gaitlive sessions` shows of one session, taken from its `session.json`: the athlete, when,
/// the stages, frames and drops, and how the recording ended. Small enough for the library cache
/// (`LibraryCache`) to hold one per session, so listing thousands of sessions does not decode
/// thousands of manifests.
public struct SessionSummary: Sendable, Equatable {
    /// One stage as listed.
    public struct Stage: Sendable, Equatable {
        /// "flat" or "incline".
        public var kind: String
        public var inclinePercent: Double
        /// Last recorded timestamp minus the first, seconds (nil before a frame was recorded).
        public var durationSeconds: Double?
    }

    /// Frames one camera recorded over the session.
    public struct ViewFrames: Sendable, Equatable {
        /// "side" or "rear".
        public var view: String
        public var frames: Int
    }

    public var athlete: String
    /// `athlete` as names are compared (`AthleteIdentity.folded`).
    public var foldedAthlete: String
    /// ISO 8601 UTC time the session was created.
    public var created: String
    public var status: SessionManifest.Status
    /// The first of the manifest's `problems` (a damaged session), if any.
    public var firstProblem: String?
    /// Why the recording stopped early (`Interruption.reason`), if it did.
    public var interruption: String?
    public var notes: Int
    public var stages: [Stage]
    /// Side first, then rear; a camera absent from every stage is left out.
    public var frames: [ViewFrames]
    /// Frames the cameras dropped: the cameras' own session counts when every camera has one (as
    /// the console showed them: a pause is not a drop), else the stages' sequence gaps.
    public var droppedByCamera: Int
    /// Frames gaitlive could not record.
    public var notSaved: Int

    public init(manifest m: SessionManifest) {
        athlete = m.athlete.name
        foldedAthlete = AthleteIdentity.folded(m.athlete.name)
        created = m.created
        status = m.status
        firstProblem = m.problems?.first
        interruption = m.interruption?.reason
        notes = m.notes.count
        stages = m.stages.map { Stage(kind: $0.kind, inclinePercent: $0.inclinePercent, durationSeconds: $0.durationSeconds) }
        var frames: [ViewFrames] = [], camera = 0, notSaved = 0
        for view in ["side", "rear"] {
            let views = m.stages.compactMap { $0.views[view] }
            guard !views.isEmpty else { continue }
            frames.append(ViewFrames(view: view, frames: views.reduce(0) { $0 + $1.frames }))
            camera += views.reduce(0) { $0 + $1.droppedByCamera }
            notSaved += views.reduce(0) { $0 + $1.droppedByRecorder }
        }
        let counted = m.cameras.compactMap(\.droppedFrames)
        if !counted.isEmpty && counted.count == m.cameras.count { camera = counted.reduce(0, +) }
        self.frames = frames
        droppedByCamera = camera
        self.notSaved = notSaved
    }

    init(athlete: String, foldedAthlete: String, created: String, status: SessionManifest.Status, firstProblem: String?,
         interruption: String?, notes: Int, stages: [Stage], frames: [ViewFrames], droppedByCamera: Int, notSaved: Int) {
        self.athlete = athlete
        self.foldedAthlete = foldedAthlete
        self.created = created
        self.status = status
        self.firstProblem = firstProblem
        self.interruption = interruption
        self.notes = notes
        self.stages = stages
        self.frames = frames
        self.droppedByCamera = droppedByCamera
        self.notSaved = notSaved
    }
}

/// The stage and frame lists as one text column each in the library cache: records separated by
/// U+001E, fields by U+001F (characters no stage kind or view name holds).
extension SessionSummary {
    static let recordSeparator: Character = "\u{1E}"
    static let fieldSeparator: Character = "\u{1F}"

    var stagesText: String {
        stages.map { s in
            [s.kind, "\(s.inclinePercent)", s.durationSeconds.map { "\($0)" } ?? ""].joined(separator: String(Self.fieldSeparator))
        }.joined(separator: String(Self.recordSeparator))
    }

    var framesText: String {
        frames.map { "\($0.view)\(Self.fieldSeparator)\($0.frames)" }.joined(separator: String(Self.recordSeparator))
    }

    /// The stages of `stagesText`; nil if it does not read back (the row is then read again).
    static func stages(_ text: String) -> [Stage]? {
        var out: [Stage] = []
        for record in text.split(separator: recordSeparator) {
            let f = record.split(separator: fieldSeparator, omittingEmptySubsequences: false)
            guard f.count == 3, let incline = Double(f[1]) else { return nil }
            out.append(Stage(kind: String(f[0]), inclinePercent: incline, durationSeconds: Double(f[2])))
        }
        return out
    }

    static func frames(_ text: String) -> [ViewFrames]? {
        var out: [ViewFrames] = []
        for record in text.split(separator: recordSeparator) {
            let f = record.split(separator: fieldSeparator, omittingEmptySubsequences: false)
            guard f.count == 2, let n = Int(f[1]) else { return nil }
            out.append(ViewFrames(view: String(f[0]), frames: n))
        }
        return out
    }
}
