public import MarkerTracker
public import SessionStore

/// One recorded stage measured as the report measures it, in one place for the report and the
/// review console: the clinician's corrections, every view's stored markers run once through the
/// one analysis path (`RecordedAnalysis`: the strides it left out and why), the strides (as
/// recorded, or measured again for a view whose markers were corrected or a session without a
/// strides table), the markers' trust, and the strides that count (`StageStrides`, with the
/// stage's settle period: `StrideAcceptance`).
public struct StageMeasurement {
    public let corrections: [CameraView: MarkerCorrections]
    public let analyses: [CameraView: RecordedAnalysis]
    public let trust: [CameraView: MarkerTrust]
    public let framesPerSecond: [CameraView: Double]
    /// Every stride of the stage, before the acceptance rule.
    public let records: [StrideRecord]
    /// Whether the strides were measured again (no table, or markers corrected).
    public let measuredAgain: Bool
    /// The strides that count.
    public let strides: StageStrides

    /// Measures `recorded`, a stage of `session`.
    public init(session: RecordedSession, stage recorded: RecordedSession.Stage) throws {
        let manifest = session.manifest
        let stageDir = session.directory + "/" + recorded.info.directory
        var corrections: [CameraView: MarkerCorrections] = [:]
        for view in recorded.views.keys {
            if let c = try? MarkerCorrections(stageDirectory: stageDir, view: view), !c.isEmpty { corrections[view] = c }
        }
        let analyses = recorded.views.mapValues { rv in
            RecordedAnalysis(view: rv, corrections: corrections[rv.view], manifest: manifest, stage: recorded.info)
        }
        var records = try StrideFile.read(stageDirectory: stageDir)
        measuredAgain = records == nil || !corrections.isEmpty
        if measuredAgain {
            // No table (an older session): measure every view again. Markers corrected since:
            // measure again the views corrected; the others keep their recorded strides.
            records = (records ?? []).filter { records != nil && corrections[$0.view] == nil }
                + CameraView.allCases.filter { records == nil || corrections[$0] != nil }
                    .compactMap { analyses[$0] }.flatMap(\.strides)
        }
        var trust: [CameraView: MarkerTrust] = [:]
        var fps: [CameraView: Double] = [:]
        for (view, rv) in recorded.views {
            trust[view] = MarkerTrust(view: rv, corrections: corrections[view])
            fps[view] = manifest.camera(view).map { $0.measuredFps ?? $0.nominalFps } ?? 120
        }
        let settle = manifest.stages.firstIndex { $0.directory == recorded.info.directory }
            .flatMap { StageStrides.settlePeriod(manifest, stage: $0) }
        self.corrections = corrections
        self.analyses = analyses
        self.trust = trust
        framesPerSecond = fps
        self.records = records ?? []
        strides = StageStrides(records: records ?? [], trust: trust, framesPerSecond: fps, settle: settle)
    }

    /// The stage's views with their corrections, for pictures and exports.
    public func correctedViews(_ recorded: RecordedSession.Stage) -> [CameraView: CorrectedView] {
        recorded.views.mapValues { rv in
            CorrectedView(rv, corrections: corrections[rv.view], analysis: corrections[rv.view] == nil ? nil : analyses[rv.view])
        }
    }
}
