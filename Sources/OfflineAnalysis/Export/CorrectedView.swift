public import MarkerTracker
public import SessionStore

/// One recorded view of a stage with the clinician's marker corrections applied: what every
/// export writes, the same truth the report uses. Corrected frames get the corrected markers
/// (source `manual`) and the angles measured from them on the one analysis path
/// (`RecordedAnalysis`), and the view's events and strides are measured again; a view without
/// corrections is exported as recorded.
public struct CorrectedView {
    public let recorded: RecordedView
    /// The view's corrections (nil: none).
    public let corrections: MarkerCorrections?
    /// The view measured again with its corrections (nil: none).
    public let analysis: RecordedAnalysis?

    public init(_ recorded: RecordedView, stageDirectory: String, manifest: SessionManifest, stage: SessionManifest.Stage) throws {
        self.recorded = recorded
        let c = try MarkerCorrections(stageDirectory: stageDirectory, view: recorded.view)
        corrections = c.isEmpty ? nil : c
        analysis = corrections.map { RecordedAnalysis(view: recorded, corrections: $0, manifest: manifest, stage: stage) }
    }

    /// A view with corrections already loaded and measured (`analysis` nil: none).
    public init(_ recorded: RecordedView, corrections: MarkerCorrections?, analysis: RecordedAnalysis?) {
        self.recorded = recorded
        self.corrections = corrections
        self.analysis = analysis
    }

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
