import Foundation
public import MarkerTracker
public import SessionStore

/// An athlete's stride metrics over their sessions (`gaitlive progress ATHLETE`): per stage kind
/// (flat, incline), side and metric, each session's mean ± SD in date order, the change from the
/// first session and from the previous one, and whether each change is real (`RealChange`).
///
/// A session's numbers are its report's (`SessionFigures(report:)`); a session with too few
/// strides on a side shows "too few" there and is skipped by the changes of that side (the
/// previous session is then the last one with a mean).
public struct AthleteProgress: Sendable {
    /// One session in one series.
    public struct Point: Sendable {
        /// Index into `sessions`.
        public var session: Int
        public var summary: MetricSummary
        /// From the series' first session with a mean (nil for that one, or without a mean).
        public var fromFirst: RealChange?
        /// From the last earlier session with a mean.
        public var fromPrevious: RealChange?
    }

    /// One metric of one side on one stage kind, over the sessions.
    public struct Series: Sendable {
        public var stage: String
        public var side: BodySide
        public var metric: StrideMetric
        public var points: [Point]

        /// The change from the first session with a mean to the last.
        public var overall: RealChange? { points.last { $0.fromFirst != nil }?.fromFirst }
    }

    /// A session that could not be read, and why.
    public struct Skipped: Sendable, Equatable {
        public var directory: String
        public var reason: String
    }

    public var athlete: String
    /// Oldest first.
    public var sessions: [SessionFigures]
    public var series: [Series]
    public var skipped: [Skipped] = []
    /// Sessions whose figures came from the library cache (not measured again).
    public var fromCache = 0

    /// Stage kinds in the order they are shown.
    public static let stageKinds = ["flat", "incline"]

    public init(athlete: String, sessions: [SessionFigures], skipped: [Skipped] = []) {
        self.athlete = athlete
        let ordered = sessions.sorted { ($0.created, $0.directory) < ($1.created, $1.directory) }
        self.sessions = ordered
        self.skipped = skipped
        var series: [Series] = []
        for stage in AthleteProgress.stageKinds {
            for side in BodySide.allCases {
                for metric in StrideMetric.allCases {
                    var points: [Point] = []
                    var first: MetricSummary?, previous: MetricSummary?
                    for (i, s) in ordered.enumerated() {
                        guard let summary = s.summary(stage, side, metric), summary.count > 0 else { continue }
                        var p = Point(session: i, summary: summary)
                        if summary.mean != nil {
                            if let first { p.fromFirst = RealChange.judge(metric, from: first, to: summary) }
                            if let previous { p.fromPrevious = RealChange.judge(metric, from: previous, to: summary) }
                            if first == nil { first = summary }
                            previous = summary
                        }
                        points.append(p)
                    }
                    if points.contains(where: { $0.summary.mean != nil }) {
                        series.append(Series(stage: stage, side: side, metric: metric, points: points))
                    }
                }
            }
        }
        self.series = series
    }

    /// The series of `metric` for `side` on `stage`.
    public func series(_ stage: String, _ side: BodySide, _ metric: StrideMetric) -> Series? {
        series.first { $0.stage == stage && $0.side == side && $0.metric == metric }
    }

    /// Every session of `athlete` under `root` (`SessionLibrary`: names compared folded), each
    /// measured by its report. Sessions being recorded or unreadable are skipped and listed.
    ///
    /// A session's figures are held in the library cache (`LibraryCache`, kind `figureKind`)
    /// with the stamp of every file of the session and of the program that measured them, and
    /// measured again when either changed; `cache: false` measures every session.
    public static func load(root: String, athlete: String, cache useCache: Bool = true) throws -> AthleteProgress {
        var figures: [SessionFigures] = [], skipped: [Skipped] = []
        var name = athlete
        let cache = useCache ? LibraryCache.open(root: root) : nil
        var held = 0
        for e in try SessionLibrary.list(root: root, athlete: athlete, cache: useCache) {
            guard let s = e.summary, !e.beingRecorded else {
                skipped.append(Skipped(directory: e.directory, reason: e.problem ?? "being recorded"))
                continue
            }
            name = s.athlete
            let tree = FileStamp.tree(e.directory)
            let stamp = tree.map { FileStamp.program + "\n" + $0.text }
            if let cache, let stamp, let bytes = cache.derived(e.relativePath, kind: figureKind, stamp: stamp),
               var f = try? JSONDecoder().decode(SessionFigures.self, from: Data(bytes)) {
                f.directory = e.directory // as this run names the root
                figures.append(f)
                held += 1
                continue
            }
            do {
                let f = try measure(e.directory)
                figures.append(f)
                // Held only if nothing changed while it was measured, and no later write can
                // share the stamp (`FileStamp.isSettled`).
                if let cache, let stamp, let tree, tree.isSettled, FileStamp.tree(e.directory) == tree,
                   let data = try? JSONEncoder().encode(f) {
                    cache.storeDerived(e.relativePath, kind: figureKind, stamp: stamp, data: [UInt8](data))
                }
            } catch {
                skipped.append(Skipped(directory: e.directory, reason: "\(error)"))
            }
        }
        var progress = AthleteProgress(athlete: name, sessions: figures, skipped: skipped)
        progress.fromCache = held
        return progress
    }

    /// The library cache's kind for a session's `SessionFigures` (JSON); a new layout of the
    /// figures gets a new kind.
    public static let figureKind = "progress-figures-1"

    /// One session's figures, by its report (no curves, no pictures).
    public static func measure(_ directory: String) throws -> SessionFigures {
        let session = try RecordedSession(directory: directory)
        let report = try GaitReport.build(session: session, library: .builtIn, options: .init(curves: false, keyFrames: false))
        return SessionFigures(report: report)
    }
}
