public import MarkerTracker
public import SessionStore

/// What a marker correction re-measures: only the strides of the corrected view that touch a
/// corrected frame, and that view's events in them. Every other stride keeps its recorded events,
/// metrics and number; the other camera's view is not touched.
///
/// A stride touches a frame when the frame lies between its contact and its next contact, widened
/// by `margin` (an event is decided from the frames around it). Where no stride touches a
/// corrected frame, the window is the frame's time widened by `margin`. Inside a window the events
/// and strides are those of the analysis over the corrected markers (`RecordedAnalysis`, the one
/// path); the strides found there take the recorded numbers of those they replace, in order (a
/// correction that adds a contact numbers the extra stride after the last one it replaced).
public struct CorrectionScope: Sendable {
    /// Seconds either side of a stride (or a lone frame) still taken to depend on it.
    public static let margin = 0.1

    /// The merged events of the view (recorded outside the windows, re-measured inside).
    public var events: [GaitEvent]
    /// The merged stride records of the view.
    public var records: [StrideRecord]
    /// The windows re-measured, session seconds.
    public var windows: [ClosedRange<Double>]

    /// The scope of `corrections` to recorded view `view`: the corrected frames' times taken from
    /// the view's frame times.
    public init(view: RecordedView, corrections: MarkerCorrections, recordedEvents: [GaitEvent],
                recordedStrides: [StrideRecord], analysis: RecordedAnalysis) {
        let times = view.times
        self.init(recordedEvents: recordedEvents, recordedStrides: recordedStrides, analysis: analysis,
                  correctedTimes: corrections.byFrame.keys.filter { $0 < times.count }.map { times[$0] })
    }

    /// Merges `analysis` (the view re-measured with every correction in effect) into the
    /// `recordedEvents` and `recordedStrides` of the same view, around `correctedTimes`.
    public init(recordedEvents: [GaitEvent], recordedStrides: [StrideRecord], analysis: RecordedAnalysis,
                correctedTimes: [Double]) {
        let m = CorrectionScope.margin
        var windows: [ClosedRange<Double>] = []
        for t in correctedTimes.sorted() {
            let touching = recordedStrides.filter { $0.contactTime - m <= t && t <= $0.nextContactTime + m }
            var w = (t - m)...(t + m)
            if let a = touching.map(\.contactTime).min(), let b = touching.map(\.nextContactTime).max() {
                w = min(a, t - m)...max(b, t + m)
            }
            if let last = windows.last, last.upperBound >= w.lowerBound {
                windows[windows.count - 1] = last.lowerBound...max(last.upperBound, w.upperBound)
            } else {
                windows.append(w)
            }
        }
        self.windows = windows
        // Events exactly on a window's edge belong to it: a re-measured contact may move a frame.
        let eps = 0.05
        func inside(_ t: Double) -> Bool { windows.contains { ($0.lowerBound - eps)...($0.upperBound + eps) ~= t } }
        func within(_ r: StrideRecord, _ w: ClosedRange<Double>) -> Bool {
            r.contactTime >= w.lowerBound - eps && r.nextContactTime <= w.upperBound + eps
        }
        func within(_ r: StrideRecord) -> Bool { windows.contains { within(r, $0) } }
        events = (recordedEvents.filter { !inside($0.time) } + analysis.events.filter { inside($0.time) })
            .sorted { $0.time < $1.time }
        var records = recordedStrides.filter { !within($0) }
        for side in BodySide.allCases {
            for w in windows {
                let replaced = recordedStrides.filter { $0.side == side && within($0, w) }.map(\.number).sorted()
                let found = analysis.strides.filter { $0.side == side && within($0, w) }
                    .sorted { $0.contactTime < $1.contactTime }
                for (i, var r) in found.enumerated() {
                    if i < replaced.count { r.number = replaced[i] } else { r.number = (replaced.last ?? 0) + i - replaced.count + 1 }
                    records.append(r)
                }
            }
        }
        self.records = records.sorted { $0.contactTime < $1.contactTime }
    }

    /// The strides re-measured in the window around time `t`.
    public func remeasured(around t: Double) -> [StrideRecord] {
        guard let w = windows.first(where: { $0.contains(t) }) else { return [] }
        return records.filter { $0.contactTime >= w.lowerBound - 0.05 && $0.nextContactTime <= w.upperBound + 0.05 }
    }
}
