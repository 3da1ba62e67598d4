public import MarkerTracker
public import SessionStore

/// One session's stride figures for the progress over sessions: per stage kind (flat, incline)
/// and side every metric's `MetricSummary`, taken from the session's `GaitReport` (the report's
/// own analysis path: `StageMeasurement`, `StageStrides`), never computed a second way.
public struct SessionFigures: Sendable, Equatable, Codable {
    /// One stage of the session.
    public struct Stage: Sendable, Equatable, Codable {
        /// "flat" or "incline".
        public var kind: String
        public var directory: String
        public var inclinePercent: Double
        public var summaries: [BodySide: [StrideMetric: MetricSummary]]
    }

    public var directory: String
    /// ISO 8601 UTC time the session was created.
    public var created: String
    public var athlete: String
    /// The first stage of each kind, in recording order (a later stage of a kind, `flat-2`, is
    /// not compared across sessions).
    public var stages: [Stage]

    public init(directory: String, created: String, athlete: String, stages: [Stage]) {
        self.directory = directory
        self.created = created
        self.athlete = athlete
        self.stages = stages
    }

    /// The figures of `report`.
    public init(report: GaitReport) {
        var stages: [Stage] = []
        for s in report.stages where !stages.contains(where: { $0.kind == s.info.kind }) {
            stages.append(Stage(kind: s.info.kind, directory: s.info.directory, inclinePercent: s.info.inclinePercent,
                                summaries: s.strides.summaries))
        }
        self.init(directory: report.directory, created: report.manifest.created, athlete: report.manifest.athlete.name,
                  stages: stages)
    }

    /// The summary of `metric` for `side` on the stage of `kind`.
    public func summary(_ kind: String, _ side: BodySide, _ metric: StrideMetric) -> MetricSummary? {
        stages.first { $0.kind == kind }?.summaries[side]?[metric]
    }

    /// The session's date as shown: "2026-12-03" of its creation time.
    public var date: String { String(created.prefix(10)) }
}
