import Foundation
import MarkerTracker
import SessionStore

/// `gaitlive report DIR --compare OTHER --format json`: both sessions, the rule, the findings
/// with their fates, and every row (before and after: mean, SD, strides; the change with its
/// threshold and verdict), keys sorted, numbers as measured.
public enum CompareJSON {
    public static let formatName = "gaitlive-compare"
    public static let schemaVersion = 1

    struct Document: Encodable {
        var format = CompareJSON.formatName
        var schemaVersion = CompareJSON.schemaVersion
        var rule: String
        var before: Session
        var after: Session
        var findings: [FindingChange]
        var rows: [Row]
    }

    struct Session: Encodable {
        var directory: String
        var athlete: String
        var created: String
    }

    struct FindingChange: Encodable {
        var fate: SessionComparison.FindingFate
        var kind: String
        var side: BodySide
        var stageKind: String
        var title: String
    }

    struct Figures: Encodable {
        var mean: Double?
        var standardDeviation: Double?
        var strides: Int
    }

    struct Row: Encodable {
        var stage: String
        var side: BodySide
        var metric: String
        var unit: String
        var before: Figures?
        var after: Figures?
        var change: RealChange?
    }

    public static func render(_ c: SessionComparison) throws -> String {
        func session(_ r: GaitReport) -> Session {
            Session(directory: r.directory, athlete: r.manifest.athlete.name, created: r.manifest.created)
        }
        func figures(_ s: MetricSummary?) -> Figures? {
            s.map { Figures(mean: $0.mean, standardDeviation: $0.standardDeviation, strides: $0.count) }
        }
        let doc = Document(
            rule: ProgressWording.rule, before: session(c.before), after: session(c.after),
            findings: c.findings.compactMap { f in
                guard let x = f.after ?? f.before else { return nil }
                return FindingChange(fate: f.fate, kind: x.kind.rawValue, side: x.side, stageKind: x.stageKind, title: x.title)
            },
            rows: c.rows.map { r in
                Row(stage: r.stage, side: r.side, metric: r.metric.column, unit: r.metric.unit.rawValue,
                    before: figures(r.before), after: figures(r.after), change: r.change)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(doc), as: UTF8.self) + "\n"
    }
}
