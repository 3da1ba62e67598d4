public import MarkerTracker
public import SessionStore

/// One recorded stage measured as the report measures it, in one place for the report and the
/// review console: the clinician's corrections, every view's stored markers run once through the
/// one analysis path (`RecordedAnalysis`: the strides it left out and why), the strides (as
/// recorded; around a corrected frame measured again, `CorrectionScope`; all measured from the
/// stored markers for a session without a strides table), the markers' trust, and the strides that count (`StageStrides`, with the
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
    /// The stage's strides table as recorded (nil: an older session without one).
    let table: [StrideRecord]?
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
        // Calibrated again after the recording: the recorded strides hold the old calibration's
        // numbers, so every stride is measured again from the stored markers.
        var records = manifest.calibration.recalibrated ? nil : try StrideFile.read(stageDirectory: stageDir)
        table = records
        measuredAgain = records == nil || !corrections.isEmpty
        if let table = records, !corrections.isEmpty {
            // Markers corrected since: only the strides touching a corrected frame are measured
            // again (`CorrectionScope`, as review does); the rest, and uncorrected views, as recorded.
            records = CameraView.allCases.flatMap { view -> [StrideRecord] in
                let mine = table.filter { $0.view == view }
                guard let c = corrections[view], let a = analyses[view], let rv = recorded.views[view] else { return mine }
                return CorrectionScope(view: rv, corrections: c, recordedEvents: recorded.events.filter { $0.view == view },
                                       recordedStrides: mine, analysis: a).records
            }
        } else if records == nil {
            // No table (an older session): measure every view from the stored markers.
            records = CameraView.allCases.compactMap { analyses[$0] }.flatMap(\.strides)
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
            CorrectedView(rv, corrections: corrections[rv.view], analysis: corrections[rv.view] == nil ? nil : analyses[rv.view],
                          recordedEvents: recorded.events.filter { $0.view == rv.view },
                          recordedStrides: table?.filter { $0.view == rv.view })
        }
    }
}
