public import MarkerTracker
public import SessionStore

/// One recorded view of a stage with the clinician's marker corrections applied: what every
/// export writes, the same truth the report uses. Corrected frames get the corrected markers
/// (source `manual`) and the angles measured from them on the one analysis path
/// (`RecordedAnalysis`), and the view's events and strides are measured again only where they
/// touch a corrected frame (`CorrectionScope`, as review and the report do; the whole view when
/// the session has no strides table); a view without corrections is exported as recorded.
public struct CorrectedView {
    public let recorded: RecordedView
    /// The view's corrections (nil: none).
    public let corrections: MarkerCorrections?
    /// The view measured again with its corrections (nil: none).
    public let analysis: RecordedAnalysis?

    /// The events and strides of the view with its corrections merged in (nil: none).
    public let scope: CorrectionScope?

    /// `recorded`, a view of `stage` of a session in `stageDirectory`, with its corrections.
    public init(_ recorded: RecordedView, stageDirectory: String, manifest: SessionManifest, stage: RecordedSession.Stage) throws {
        let c = try MarkerCorrections(stageDirectory: stageDirectory, view: recorded.view)
        let corrections = c.isEmpty ? nil : c
        let analysis = corrections.map { RecordedAnalysis(view: recorded, corrections: $0, manifest: manifest, stage: stage.info) }
        let table = analysis == nil ? nil : try StrideFile.read(stageDirectory: stageDirectory)
        self.init(recorded, corrections: corrections, analysis: analysis,
                  recordedEvents: stage.events.filter { $0.view == recorded.view },
                  recordedStrides: table?.filter { $0.view == recorded.view })
    }

    /// A view with corrections already loaded and measured (`analysis` nil: none); the recorded
    /// events and strides of the view (`recordedStrides` nil: the session has no strides table,
    /// the whole view is measured again).
    public init(_ recorded: RecordedView, corrections: MarkerCorrections?, analysis: RecordedAnalysis?,
                recordedEvents: [GaitEvent], recordedStrides: [StrideRecord]?) {
        self.recorded = recorded
        self.corrections = corrections
        self.analysis = analysis
        if let analysis, let corrections, let recordedStrides {
            scope = CorrectionScope(view: recorded, corrections: corrections, recordedEvents: recordedEvents,
                                    recordedStrides: recordedStrides, analysis: analysis)
        } else {
            scope = nil
        }
    }

    /// The view's events with the corrections merged in (nil: not corrected).
    public var events: [GaitEvent]? { scope?.events ?? analysis?.events }
    /// The view's strides with the corrections merged in (nil: not corrected).
    public var strides: [StrideRecord]? { scope?.records ?? analysis?.strides }

    public var isCorrected: Bool { corrections != nil }

    /// Whether frame `n` was corrected.
    public func corrects(_ n: Int) -> Bool { corrections?.byFrame[n] != nil }

    /// The markers of frame `n` given the stored ones.
    public func markers(_ stored: MarkerFrame, frame n: Int) -> MarkerFrame {
        corrections?.apply(stored, frame: n) ?? stored
    }

    /// The angles of frame `n` given the stored ones.
    public func angles(_ stored: AngleSet, frame n: Int) -> AngleSet {
        analysis?.correctedAngles[n] ?? stored
    }
}
