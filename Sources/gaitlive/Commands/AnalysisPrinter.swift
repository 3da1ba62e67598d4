import Foundation
import MarkerTracker
import OfflineAnalysis
import SessionStore

/// Prints a `VideoAnalysis` as CSV tables or JSON on standard output (docs/analyze-format.md).
struct AnalysisPrinter {
    let analysis: VideoAnalysis
    let source: String
    let width: Int
    let height: Int

    var markerSet: MarkerSet { .standard(for: analysis.view) }
    var angleKinds: [AngleKind] { AngleKind.kinds(for: analysis.view) }

    // MARK: - CSV

    /// Five tables, each with one header row, separated by an empty line: frames, events,
    /// strides, summary, strides left out.
    func writeCSV() {
        var out = Output()
        var h = "frame,time_s,status"
        for l in markerSet.labels { h += ",\(l)_x,\(l)_y,\(l)_conf,\(l)_src" }
        h += "," + angleKinds.map(\.column).joined(separator: ",")
        h += "," + angleKinds.map { "raw_" + $0.column }.joined(separator: ",")
        out.write(h + "\n")
        for f in analysis.frames {
            var r = CSVRow()
            r.add(f.frame)
            r.add(f.time, decimals: 6)
            r.add(f.status.rawValue)
            for m in f.markers {
                if let m {
                    r.add(m.position.x, decimals: 3)
                    r.add(m.position.y, decimals: 3)
                    r.add(m.confidence, decimals: 2)
                    r.add(m.source.rawValue)
                } else {
                    r.addEmpty(); r.addEmpty(); r.addEmpty(); r.addEmpty()
                }
            }
            for k in angleKinds { r.add(f.angles[k], decimals: 2) }
            for k in angleKinds { r.add(f.rawAngles[k], decimals: 2) }
            out.write(r.finish())
        }
        out.write("\nevent,side,frame,time_s\n")
        for e in analysis.events.sorted(by: { $0.time < $1.time }) {
            var r = CSVRow()
            r.add(e.kind.rawValue)
            r.add(e.side.rawValue)
            r.add(e.frame)
            r.add(e.time, decimals: 6)
            out.write(r.finish())
        }
        // strides.csv's columns, with whose stance and which side moves named as in exports.
        out.write("\n" + StrideTable.columns.map { TableExport.strideColumnNames[$0] ?? $0 }.joined(separator: ",") + "\n")
        for s in analysis.strides { out.write(StrideTable.row(s)) }
        // `side` is the stance leg the stride belongs to; `moving_side` the side that moves (the
        // other one for pelvic drop: left stance, right side drops).
        out.write("\nmetric,unit,side,count,mean,sd,moving_side\n")
        for row in summaryRows() {
            var r = CSVRow()
            r.add(row.metric.column)
            r.add(row.metric.unit.rawValue)
            r.add(row.side.rawValue)
            r.add(row.count)
            r.add(row.mean, decimals: 2)
            r.add(row.sd, decimals: 2)
            r.add(SideWording.movingSide(row.metric, stance: row.side).rawValue)
            out.write(r.finish())
        }
        out.write("\nleft_out,side,contact_frame,next_contact_frame,next_contact_time_s,why\n")
        for l in analysis.leftOut {
            var r = CSVRow()
            r.add(l.reason.rawValue)
            r.add(l.side.rawValue)
            if let c = l.contact { r.add(c.frame) } else { r.addEmpty() }
            r.add(l.nextContact.frame)
            r.add(l.nextContact.time, decimals: 6)
            r.add(l.reason.explanation)
            out.write(r.finish())
        }
        out.flush()
    }

    struct SummaryRow {
        var metric: StrideMetric
        var side: BodySide
        var count: Int
        var mean: Double?
        var sd: Double?
    }

    /// Every metric and side with at least one stride; mean and SD only from `minimumSteps` on.
    func summaryRows() -> [SummaryRow] {
        let summary = analysis.summary
        var rows: [SummaryRow] = []
        for m in StrideMetric.metrics(for: analysis.view) {
            for side in BodySide.allCases {
                let st = summary.stats(m, side)
                guard st.count > 0 else { continue }
                rows.append(SummaryRow(metric: m, side: side, count: st.count, mean: summary.mean(m, side),
                                       sd: summary.standardDeviation(m, side)))
            }
        }
        return rows
    }

    // MARK: - JSON

    struct Document: Encodable {
        var format = "gaitlive-analysis"
        var schemaVersion = 1
        var file: String
        var view: String
        var width: Int
        var height: Int
        var framesPerSecond: Double
        var frameCount: Int
        var markerSide: String?
        var markerLabels: [String]
        var minimumStepsForMean = StageSummary.minimumSteps
        var frames: [FrameJSON]
        var events: [EventJSON]
        var strides: [StrideJSON]
        var summary: [SummaryJSON]
        var leftOut: [LeftOutJSON]
    }

    struct LeftOutJSON: Encodable {
        var reason: String
        var why: String
        var side: String
        var contactFrame: Int?
        var nextContactFrame: Int
        var nextContactTime: Double
    }

    struct MarkerJSON: Encodable {
        var label: String
        var x: Double
        var y: Double
        var confidence: Double
        var source: String
    }

    struct FrameJSON: Encodable {
        var frame: Int
        var time: Double
        var status: String
        /// One entry per marker label, null when missing.
        var markers: [MarkerJSON?]
        var angles: [String: Double]
        var rawAngles: [String: Double]
        /// Why markers are missing, when the tracker knows ("LHEE or LKNE?"); absent otherwise.
        var reason: String?
    }

    struct EventJSON: Encodable {
        var event: String
        var side: String
        var frame: Int
        var time: Double
    }

    struct StrideJSON: Encodable {
        var side: String
        var stride: Int
        var contactFrame: Int
        var contactTime: Double
        var midstanceFrame: Int?
        var toeOffFrame: Int?
        var toeOffTime: Double?
        var nextContactFrame: Int
        var nextContactTime: Double
        var metrics: [String: Double]
    }

    struct SummaryJSON: Encodable {
        var metric: String
        var unit: String
        var side: String
        var count: Int
        var mean: Double?
        var sd: Double?
        /// The side that moves (pelvic drop: the other side, which drops).
        var movingSide: String
    }

    static func round(_ v: Double, _ decimals: Int) -> Double {
        let p = [1.0, 10, 100, 1000, 10000, 100_000, 1_000_000][decimals]
        return (v * p).rounded() / p
    }

    func angleDictionary(_ a: AngleSet) -> [String: Double] {
        var d: [String: Double] = [:]
        for k in angleKinds { if let v = a[k] { d[k.column] = Self.round(v, 2) } }
        return d
    }

    func writeJSON() throws {
        let labels = markerSet.labels
        let frames = analysis.frames.map { f in
            FrameJSON(frame: f.frame, time: Self.round(f.time, 6), status: f.status.rawValue,
                      markers: f.markers.enumerated().map { i, m in
                          m.map { MarkerJSON(label: labels[i], x: Self.round($0.position.x, 3), y: Self.round($0.position.y, 3),
                                             confidence: Self.round($0.confidence, 2), source: $0.source.rawValue) }
                      },
                      angles: angleDictionary(f.angles), rawAngles: angleDictionary(f.rawAngles),
                      reason: f.reason.map { $0.describe(markerSet) })
        }
        let events = analysis.events.sorted { $0.time < $1.time }.map {
            EventJSON(event: $0.kind.rawValue, side: $0.side.rawValue, frame: $0.frame, time: Self.round($0.time, 6))
        }
        let strides = analysis.strides.map { s in
            var metrics: [String: Double] = [:]
            for (m, v) in s.measured { metrics[m.column] = Self.round(v, 2) }
            return StrideJSON(side: s.side.rawValue, stride: s.number, contactFrame: s.contact.frame,
                              contactTime: Self.round(s.contact.time, 6), midstanceFrame: s.midstance?.frame,
                              toeOffFrame: s.toeOff?.frame, toeOffTime: s.toeOff.map { Self.round($0.time, 6) },
                              nextContactFrame: s.nextContact.frame, nextContactTime: Self.round(s.nextContact.time, 6),
                              metrics: metrics)
        }
        let summary = summaryRows().map {
            SummaryJSON(metric: $0.metric.column, unit: $0.metric.unit.rawValue, side: $0.side.rawValue, count: $0.count,
                        mean: $0.mean.map { Self.round($0, 2) }, sd: $0.sd.map { Self.round($0, 2) },
                        movingSide: SideWording.movingSide($0.metric, stance: $0.side).rawValue)
        }
        let doc = Document(file: source, view: analysis.view.rawValue, width: width, height: height,
                           framesPerSecond: analysis.framesPerSecond, frameCount: analysis.frames.count,
                           markerSide: analysis.markerSide?.rawValue, markerLabels: labels, frames: frames,
                           events: events, strides: strides, summary: summary,
                           leftOut: analysis.leftOut.map {
                               LeftOutJSON(reason: $0.reason.rawValue, why: $0.reason.explanation, side: $0.side.rawValue,
                                           contactFrame: $0.contact?.frame, nextContactFrame: $0.nextContact.frame,
                                           nextContactTime: Self.round($0.nextContact.time, 6))
                           })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var out = Output()
        out.write(Array(try encoder.encode(doc)))
        out.write("\n")
        out.flush()
    }

    /// Buffered standard output.
    struct Output {
        var buffer: [UInt8] = []

        mutating func write(_ s: String) { write(Array(s.utf8)) }

        mutating func write(_ bytes: [UInt8]) {
            buffer.append(contentsOf: bytes)
            if buffer.count > 1 << 16 { flush() }
        }

        mutating func flush() {
            FileHandle.standardOutput.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
