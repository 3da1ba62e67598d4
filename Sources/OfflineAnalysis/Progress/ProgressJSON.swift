import Foundation
import MarkerTracker

/// `gaitlive progress --format json`: the sessions, the rule, and every series with its points
/// (mean, SD, strides, and the changes with their thresholds and verdicts), keys sorted, numbers
/// as measured.
public enum ProgressJSON {
    public static let formatName = "gaitlive-progress"
    public static let schemaVersion = 1

    struct Document: Encodable {
        var format = ProgressJSON.formatName
        var schemaVersion = ProgressJSON.schemaVersion
        var athlete: String
        var rule: String
        var sessions: [Session]
        var skipped: [Skipped]
        var series: [Series]
    }

    struct Session: Encodable {
        var directory: String
        var created: String
    }

    struct Skipped: Encodable {
        var directory: String
        var reason: String
    }

    struct Series: Encodable {
        var stage: String
        var side: BodySide
        var metric: String
        var unit: String
        var sdd: Double?
        var points: [Point]
        var overall: RealChange?
    }

    struct Point: Encodable {
        /// Index into `sessions`.
        var session: Int
        var mean: Double?
        var standardDeviation: Double?
        var strides: Int
        var fromFirst: RealChange?
        var fromPrevious: RealChange?
    }

    public static func render(_ p: AthleteProgress) throws -> String {
        let doc = Document(
            athlete: p.athlete, rule: ProgressWording.rule,
            sessions: p.sessions.map { Session(directory: $0.directory, created: $0.created) },
            skipped: p.skipped.map { Skipped(directory: $0.directory, reason: $0.reason) },
            series: p.series.map { s in
                Series(stage: s.stage, side: s.side, metric: s.metric.column, unit: s.metric.unit.rawValue,
                       sdd: SmallestDetectableDifference.of(s.metric)?.value,
                       points: s.points.map { pt in
                           Point(session: pt.session, mean: pt.summary.mean, standardDeviation: pt.summary.standardDeviation,
                                 strides: pt.summary.count, fromFirst: pt.fromFirst, fromPrevious: pt.fromPrevious)
                       }, overall: s.overall)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(doc), as: UTF8.self) + "\n"
    }
}
