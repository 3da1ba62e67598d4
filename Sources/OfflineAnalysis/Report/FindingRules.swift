import MarkerTracker
import CaptureKit
import SessionStore

/// Turns per-stage, per-side stride statistics into findings (docs/report.md, "Findings"):
///
/// 1. a flat stage's mean outside its level-running reference (`ReferenceValues`);
/// 2. a left/right difference larger than the metric's 2D smallest detectable difference;
/// 3. a change from flat to incline that differs between the sides by more than that SDD (a
///    change both sides share is the normal response to the grade: Vernillo 2017, Padulo 2012);
/// 4. over-striding when enough of its signs are present (`OverstridingSigns`).
///
/// Related facts are grouped: a pelvic drop finding carries the hip adduction of the same stance,
/// a dorsiflexion finding the peak knee flexion that comes with it, an over-striding finding the
/// extended knee at contact. Only means (at least `MetricSummary.minimumSteps` strides measured
/// from sure markers) are judged.
public struct FindingRules: Sendable {
    public var overstriding = OverstridingSigns()
    /// Greater trochanter to floor (centimetres), for the over-striding heel threshold.
    public var legLengthCm: Double?

    public init(legLengthCm: Double? = nil) {
        self.legLengthCm = legLengthCm
    }

    /// Whether a larger value of `metric` is the concerning direction (for which side a
    /// difference is attributed to).
    static func higherIsConcern(_ metric: StrideMetric) -> Bool {
        metric != .kneeFlexionAtContact && metric != .stepWidth
    }

    static func name(_ m: StrideMetric) -> String {
        switch m {
        case .pelvicDrop: "pelvic drop"
        case .hipAdduction: "hip adduction"
        case .peakAnkleDorsiflexion: "peak ankle dorsiflexion"
        case .ankleDorsiflexionAtContact: "ankle dorsiflexion at contact"
        case .peakKneeFlexion: "peak knee flexion"
        case .kneeFlexionAtContact: "knee flexion at contact"
        case .tibiaAngleAtContact: "tibia angle at contact"
        case .footAngleAtContact: "foot angle at contact"
        case .overstride: "heel ahead of the hip"
        case .stepWidth: "step width"
        default: m.title
        }
    }

    /// "pelvic drop in left stance (right side drops)" / "knee flexion at contact L": the metric
    /// with the side it belongs to, worded so whose stance and which side moves is plain.
    static func who(_ m: StrideMetric, _ side: BodySide) -> String {
        m == .pelvicDrop ? "\(name(m)) \(SideWording.long(m, side))" : "\(name(m)) \(side.letter)"
    }

    /// The other side as compared with: "in right stance (left side drops)" / "R".
    static func other(_ m: StrideMetric, _ side: BodySide) -> String {
        m == .pelvicDrop ? SideWording.long(m, side) : side.letter
    }

    public func evaluate(_ stages: [StageInput]) -> [Finding] {
        var out: [Finding] = []
        var lastFlat: StageInput?
        for st in stages {
            if st.isLevel { lastFlat = st }
            out += evaluate(stage: st, flat: st.isLevel ? nil : lastFlat ?? stages.first(where: \.isLevel))
        }
        out += inclineChanges(stages)
        return out
    }

    // MARK: - one stage

    /// The findings of one stage; `flat` is the level stage an incline stage is compared with.
    func evaluate(stage st: StageInput, flat: StageInput? = nil) -> [Finding] {
        let name = st.info.directory
        var refs = referenceEvidence(st)
        var lr = leftRightEvidence(st)
        var out: [Finding] = []

        func finding(_ kind: Finding.Kind, _ side: BodySide, _ title: String, _ metric: StrideMetric, _ evidence: [Evidence]) {
            let value = st.mean(metric, side)?.mean ?? evidence.first?.value ?? 0
            out.append(Finding(kind: kind, stage: name, stageKind: st.info.kind, side: side, title: title, metric: metric,
                               value: value, evidence: evidence))
        }
        func takeLR(_ m: StrideMetric, _ side: BodySide) -> Evidence? {
            guard let e = lr[m], e.side == side else { return nil }
            lr[m] = nil
            return e
        }
        func takeRef(_ m: StrideMetric, _ side: BodySide) -> Evidence? {
            refs[side]?.removeValue(forKey: m)
        }

        for side in BodySide.allCases {
            // Pelvic drop in this leg's stance.
            let drop = [takeLR(.pelvicDrop, side), takeRef(.pelvicDrop, side)].compactMap { $0 }
            if !drop.isEmpty {
                var ev = drop
                if let l = st.mean(.hipAdduction, .left), let r = st.mean(.hipAdduction, .right) {
                    ev.append(Evidence(rule: .context, metric: .hipAdduction, side: side, stage: name,
                                       value: side == .left ? l.mean : r.mean, comparedWith: side == .left ? r.mean : l.mean,
                                       strides: side == .left ? l.count : r.count, otherStrides: side == .left ? r.count : l.count,
                                       text: "hip adduction in left stance \(ReportNumber.value(l.mean, .hipAdduction)) vs in right stance "
                                           + "\(ReportNumber.value(r.mean, .hipAdduction)) (about 13 deg healthy; no 2D SDD, not judged)",
                                       sources: [.bramah2018]))
                }
                let v = st.mean(.pelvicDrop, side)?.mean ?? 0
                finding(.pelvicDrop, side, "Pelvic drop in \(side.rawValue) stance: the \(side.opposite.rawValue) side of the pelvis "
                        + "drops \(ReportNumber.value(v, .pelvicDrop))", .pelvicDrop, ev)
            }

            // Ankle dorsiflexion.
            let ankle = [takeLR(.peakAnkleDorsiflexion, side), takeLR(.ankleDorsiflexionAtContact, side),
                         takeRef(.peakAnkleDorsiflexion, side)].compactMap { $0 }
            if !ankle.isEmpty {
                var ev = ankle
                if let knee = takeRef(.peakKneeFlexion, side) {
                    ev.append(Evidence(rule: .context, metric: .peakKneeFlexion, side: side, stage: name, value: knee.value,
                                       comparedWith: knee.comparedWith, strides: knee.strides,
                                       text: knee.text + " (the tibia travels further over the foot)", sources: knee.sources))
                }
                let metric: StrideMetric = ankle.contains { $0.metric == StrideMetric.ankleDorsiflexionAtContact.column }
                    && !ankle.contains { $0.metric == StrideMetric.peakAnkleDorsiflexion.column }
                    ? .ankleDorsiflexionAtContact : .peakAnkleDorsiflexion
                let v = st.mean(metric, side)?.mean ?? 0
                finding(.ankleDorsiflexion, side, "More ankle dorsiflexion in \(side.rawValue) stance: "
                        + "\(ReportNumber.value(v, metric)) at its peak", metric, ev)
            }

            // Over-striding: judged on every stage. Its thresholds come from level running and the
            // grade itself moves the signs, so on an incline it is a finding when the flat stage
            // over-strides too and the incline lands the heel further ahead still.
            if let ev = overstridingEvidence(st, side), let worse = inclineOverstriding(st, flat: flat, side) {
                var all = ev + worse
                if let knee = takeRef(.kneeFlexionAtContact, side),
                   !ev.contains(where: { $0.rule == .sign && $0.metric == knee.metric }) {
                    all.append(Evidence(rule: .context, metric: .kneeFlexionAtContact, side: side, stage: name, value: knee.value,
                                        comparedWith: knee.comparedWith, strides: knee.strides, text: knee.text,
                                        sources: knee.sources))
                }
                let metric: StrideMetric = st.mean(.overstride, side) != nil ? .overstride : .tibiaAngleAtContact
                let v = st.mean(metric, side)?.mean ?? 0
                let flatValue = st.isLevel ? nil : flat?.mean(metric, side)?.mean
                finding(.overstriding, side, "Over-striding (\(side.rawValue) leg)" + (st.isLevel ? "" : " on the incline")
                        + ": the heel lands \(ReportNumber.value(v, metric)) ahead of the hip"
                        + (flatValue.map { " (flat: \(ReportNumber.value($0, metric)))" } ?? ""), metric, all)
            }
        }

        // What is left stands alone.
        for side in BodySide.allCases {
            for (m, e) in (refs[side] ?? [:]).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                switch m {
                case .peakKneeFlexion:
                    finding(.kneeFlexionInStance, side, "Peak knee flexion in \(side.rawValue) stance outside the usual range: "
                            + ReportNumber.value(e.value, m), m, [e])
                case .kneeFlexionAtContact:
                    finding(.kneeExtendedAtContact, side, "The \(side.rawValue) knee lands nearly straight: "
                            + ReportNumber.value(e.value, m), m, [e])
                case .stepWidth:
                    finding(.crossover, side, "Crossover: the feet cross the midline at \(side.rawValue) contact", m, [e])
                default:
                    finding(.asymmetry, side, "\(FindingRules.name(m).capitalizedFirst) (\(side.rawValue)) outside its reference",
                            m, [e])
                }
            }
        }
        for (m, e) in lr.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            finding(.asymmetry, e.side, "\(FindingRules.name(m).capitalizedFirst): \(e.side.rawValue) differs from \(e.side.opposite.rawValue)",
                    m, [e])
        }
        return out
    }

    /// Means outside the level-running reference (level stages only).
    func referenceEvidence(_ st: StageInput) -> [BodySide: [StrideMetric: Evidence]] {
        guard st.isLevel else { return [:] }
        var out: [BodySide: [StrideMetric: Evidence]] = [:]
        for side in BodySide.allCases {
            for m in StrideMetric.allCases {
                let ref = ReferenceValues.of(m)
                guard let (v, n) = st.mean(m, side), let excess = ref.excess(v), let limits = ref.limits else { continue }
                let limit = excess < 0 ? limits.low! : limits.high!
                let text = "\(FindingRules.who(m, side)) \(ReportNumber.value(v, m)) (\(n) strides), "
                    + (excess < 0 ? "below " : "above ") + ReportNumber.value(limit, m) + ": " + ref.rule
                out[side, default: [:]][m] = Evidence(rule: .reference, metric: m, side: side, stage: st.info.directory, value: v,
                                                      comparedWith: limit, strides: n, text: text, sources: ref.sources)
            }
        }
        return out
    }

    /// Left/right differences beyond the SDD, attributed to the side in the concerning direction.
    func leftRightEvidence(_ st: StageInput) -> [StrideMetric: Evidence] {
        var out: [StrideMetric: Evidence] = [:]
        for m in StrideMetric.allCases {
            guard let sdd = SmallestDetectableDifference.of(m), let (l, nl) = st.mean(m, .left),
                  let (r, nr) = st.mean(m, .right), abs(l - r) > sdd.value else { continue }
            let higher: BodySide = l > r ? .left : .right
            let side = FindingRules.higherIsConcern(m) ? higher : higher.opposite
            let (mine, theirs, n, on) = side == .left ? (l, r, nl, nr) : (r, l, nr, nl)
            let text = "\(FindingRules.who(m, side)) \(ReportNumber.value(mine, m)) (\(n) strides) vs "
                + "\(FindingRules.other(m, side.opposite)) \(ReportNumber.value(theirs, m)) (\(on)): difference "
                + "\(ReportNumber.plain(abs(l - r), m)) > SDD \(ReportNumber.plain(sdd.value, m)) (\(sdd.reported))"
            out[m] = Evidence(rule: .leftRight, metric: m, side: side, stage: st.info.directory, value: mine, comparedWith: theirs,
                              threshold: sdd.value, strides: n, otherStrides: on, text: text, sources: sdd.sources)
        }
        return out
    }

    /// On a level stage, no extra condition (an empty list). On an incline: the flat stage's
    /// over-striding for the same leg and the heel landing further ahead than on flat, as
    /// evidence; nil when either is missing (the grade alone moves the signs).
    func inclineOverstriding(_ st: StageInput, flat: StageInput?, _ side: BodySide) -> [Evidence]? {
        if st.isLevel { return [] }
        guard let flat, overstridingEvidence(flat, side) != nil else { return nil }
        let metric: StrideMetric = st.mean(.overstride, side) != nil && flat.mean(.overstride, side) != nil
            ? .overstride : .tibiaAngleAtContact
        guard let (v, n) = st.mean(metric, side), let (f, fn) = flat.mean(metric, side), v > f else { return nil }
        let text = "\(FindingRules.who(metric, side)) \(ReportNumber.value(v, metric)) (\(n) strides) on \(st.info.directory) "
            + "vs \(ReportNumber.value(f, metric)) (\(fn)) on \(flat.info.directory): over-striding on flat, and further on the incline"
        return [Evidence(rule: .stageChange, metric: metric, side: side, stage: st.info.directory, value: v, comparedWith: f,
                         strides: n, otherStrides: fn, text: text, sources: [.wille2014, .souza2016])]
    }

    /// Over-striding's signs for one leg, when at least `required` of them are present.
    func overstridingEvidence(_ st: StageInput, _ side: BodySide) -> [Evidence]? {
        var present: [Evidence] = [], absent: [Evidence] = []
        for (m, threshold, above) in overstriding.signs(legLengthCm: legLengthCm) {
            guard let (v, n) = st.mean(m, side) else { continue }
            let on = above ? v > threshold : v < threshold
            let text = "\(FindingRules.name(m)) \(side.letter) \(ReportNumber.value(v, m)) (\(n) strides), "
                + (on ? "" : "not ") + (above ? "above " : "below ") + ReportNumber.value(threshold, m)
            let e = Evidence(rule: on ? .sign : .context, metric: m, side: side, stage: st.info.directory, value: v,
                             comparedWith: threshold, threshold: threshold, strides: n, text: text,
                             sources: m == .overstride ? [.wille2014, .souza2016] : [.souza2016, .dingenen2018])
            if on { present.append(e) } else { absent.append(e) }
        }
        guard present.count >= overstriding.required else { return nil }
        return present + absent
    }

    // MARK: - flat to incline

    /// Changes from each incline stage's preceding flat stage that differ between the sides.
    func inclineChanges(_ stages: [StageInput]) -> [Finding] {
        var out: [Finding] = []
        var lastFlat: StageInput?
        for st in stages {
            if st.isLevel { lastFlat = st; continue }
            guard let flat = lastFlat ?? stages.first(where: \.isLevel) else { continue }
            for m in StrideMetric.allCases {
                guard let sdd = SmallestDetectableDifference.of(m),
                      let fl = flat.mean(m, .left), let fr = flat.mean(m, .right),
                      let il = st.mean(m, .left), let ir = st.mean(m, .right) else { continue }
                let dl = il.mean - fl.mean, dr = ir.mean - fr.mean
                guard abs(dl - dr) > sdd.value else { continue }
                let higher: BodySide = dl > dr ? .left : .right
                let side = FindingRules.higherIsConcern(m) ? higher : higher.opposite
                let (mine, theirs) = side == .left ? (dl, dr) : (dr, dl)
                let (before, after) = side == .left ? (fl.mean, il.mean) : (fr.mean, ir.mean)
                let text = "\(FindingRules.who(m, side)) \(ReportNumber.value(before, m)) on \(flat.info.directory) -> "
                    + "\(ReportNumber.value(after, m)) on \(st.info.directory) (\(ReportNumber.signed(mine, m))) while "
                    + "\(FindingRules.other(m, side.opposite)) changes \(ReportNumber.signed(theirs, m)): difference "
                    + "\(ReportNumber.plain(abs(dl - dr), m)) > SDD \(ReportNumber.plain(sdd.value, m))"
                let n = side == .left ? il.count : ir.count
                let e = Evidence(rule: .stageChange, metric: m, side: side, stage: st.info.directory, value: mine, comparedWith: theirs,
                                 threshold: sdd.value, strides: n, text: text, sources: sdd.sources + [.vernillo2017])
                out.append(Finding(kind: .inclineChange, stage: st.info.directory, stageKind: st.info.kind, side: side,
                                   title: "\(FindingRules.name(m).capitalizedFirst) changes on the incline on the \(side.rawValue) side only",
                                   metric: m, value: after, evidence: [e]))
            }
        }
        return out
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
