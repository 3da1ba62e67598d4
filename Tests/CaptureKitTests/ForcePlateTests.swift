import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import RunnerSimulation
@testable import OfflineAnalysis

/// The force-plate reference (RBDS0041, Fukuchi et al. 2017): reading the forces, and whether the
/// contacts it finds are sane against what the markers show. Prints `force plate` lines
/// (docs/accuracy.md, "Force-plate reference").
@Suite struct ForcePlateTests {
    @Test func readsTheForceFile() throws {
        let f = try ForcePlateFixture.load()
        #expect(f.trial.count == 9000)
        #expect(f.trial.firstSampleNumber == 1)
        // Two force samples per marker frame, both files 30 s long.
        #expect(f.trial.count == 2 * f.landmarks.times.count)
        #expect(f.trial.markerFrame(ofRow: 2) == 1)
        let fy = f.trial.verticalForce
        let mean = fy.reduce(0, +) / Double(fy.count)
        print("force plate file: \(f.trial.count) samples, mean vertical force \(String(format: "%.1f", mean)) N, "
              + "largest \(String(format: "%.0f", fy.max()!)) N")
        // The mean vertical force on a treadmill is the body weight: an adult (50-110 kg).
        #expect((490...1080).contains(mean))
        #expect(fy.max()! > 2 * mean && fy.max()! < 4 * mean)
        // The centre of pressure lies on the belt, between the feet.
        let cop = f.trial.centreOfPressure.compactMap { $0 }
        #expect(cop.count == f.trial.count)
        #expect(cop.allSatisfy { abs($0.y) < 0.01 })
        #expect(f.trial.freeMoment?.count == f.trial.count)
    }

    @Test func badForceFilesAreNamed() throws {
        #expect(throws: MarkerFileError(path: "/nonexistent-forces.txt", problem: "no such file")) {
            try ForcePlateTrial.read(path: "/nonexistent-forces.txt")
        }
        let dir = TestDirectory()
        let header = "Time\tFx\tFy\tFz\tCOPx\tCOPy\tCOPz\tTy\n"
        let cases: [(String, String, String)] = [
            ("markers.txt", "Time\tR.ASISX\tR.ASISY\tR.ASISZ\n0.0\t1\t2\t3\n", "not a force table (no Fx column"),
            ("gap.txt", header + "1\t0\t700\t0\t2000\t0\t1500\t0\n2\t0\t700\t0\t2000\t0\t1500\t0\n4\t0\t700\t0\t2000\t0\t1500\t0\n",
             "line 4: sample 4 where 3 was due"),
            ("text.txt", header + "1\t0\t700\t0\t2000\t0\t1500\t0\n2\t0\tlots\t0\t2000\t0\t1500\t0\n", "line 3: Fy is not a number"),
            ("short.txt", header + "1\t0\t700\t0\t2000\t0\t1500\t0\n", "fewer than two samples"),
            ("empty.txt", "", "empty file"),
        ]
        for (name, text, problem) in cases {
            dir.write(name, text)
            do {
                _ = try ForcePlateTrial.read(path: dir.file(name))
                Issue.record("\(name) was read")
            } catch {
                #expect(error.path == dir.file(name))
                #expect(error.problem.hasPrefix(problem), "\(error)")
            }
        }
    }

    /// The reference against what the markers show, independently of the force: as many
    /// contacts as 30 s holds at the cadence of the pelvis's bounce, each on the foot under the
    /// centre of pressure, sides alternating, contact and flight times of a 2.5 m/s runner.
    @Test func theReferenceIsSane() throws {
        let f = try ForcePlateFixture.load()
        let ref = f.reference
        let contacts = ref.contacts
        // Step period from the markers alone: the pelvis bounces once per step.
        let pelvis = f.landmarks.left.indices.map { i -> Double? in
            guard let l = f.landmarks.left[i].spine, let r = f.landmarks.right[i].spine else { return nil }
            return (l.y + r.y) / 2
        }
        let period = try #require(Self.dominantPeriod(pelvis, rate: f.landmarks.frameRate, within: 0.25...0.6))
        let duration = Double(f.landmarks.times.count) / f.landmarks.frameRate
        let contactTimes = contacts.compactMap { c in c.initialContact.flatMap { a in c.toeOff.map { $0.time - a.time } } }
        let flights = zip(contacts, contacts.dropFirst()).compactMap { a, b in a.toeOff.flatMap { t in b.initialContact.map { $0.time - t.time } } }
        let own = contacts.compactMap { c in c.side.flatMap { c.footDistance[$0] } }
        let other = contacts.compactMap { c in c.side.flatMap { c.footDistance[$0.opposite] } }
        let peaks = contacts.map { $0.peakNewtons / ref.bodyWeightNewtons }
        func ms(_ x: [Double]) -> String {
            String(format: "%.0f-%.0f ms (mean %.1f)", 1000 * x.min()!, 1000 * x.max()!, 1000 * x.reduce(0, +) / Double(x.count))
        }
        print("force plate reference: \(contacts.count) contacts in \(String(format: "%.1f", duration)) s, pelvis step period "
              + "\(String(format: "%.3f", period)) s (\(String(format: "%.1f", duration / period)) steps); unloaded reading "
              + "\(String(format: "%.1f", ref.unloadedNewtons)) N, body weight \(String(format: "%.0f", ref.bodyWeightNewtons)) N, "
              + "peaks \(String(format: "%.2f-%.2f", peaks.min()!, peaks.max()!)) body weights; "
              + "contact \(ms(contactTimes)), flight \(ms(flights)); centre of pressure to its foot <= "
              + "\(String(format: "%.0f", 1000 * own.max()!)) mm, to the other >= \(String(format: "%.0f", 1000 * other.min()!)) mm; "
              + "sides " + contacts.map { $0.side?.letter ?? "?" }.joined())
        #expect(abs(Double(contacts.count) - duration / period) <= 1.5)
        #expect(ref.sidesAlternate)
        #expect(own.count == contacts.count && own.allSatisfy { $0 < 0.08 })
        #expect(other.allSatisfy { $0 > 0.15 })
        // Contact 200-400 ms and flight 30-150 ms at 2.5 m/s; every step has a flight.
        #expect(contactTimes.count >= contacts.count - 2 && contactTimes.allSatisfy { (0.2...0.4).contains($0) })
        #expect(flights.count == contacts.count - 1 && flights.allSatisfy { (0.03...0.15).contains($0) })
        // Only the first contact starts before the recording, and none is cut short at its end
        // but possibly the last.
        #expect(contacts.dropFirst().allSatisfy { $0.initialContact != nil })
        #expect(contacts.dropLast().allSatisfy { $0.toeOff != nil })
        #expect(contacts.allSatisfy { $0.peakNewtons > 1.5 * ref.bodyWeightNewtons && $0.peakNewtons < 4 * ref.bodyWeightNewtons })
    }

    /// Noise in flight makes no event: the plate's own flight noise stays far under the
    /// threshold, and added noise (Gaussian, 10 N SD, and single-sample spikes of 60 N) in every
    /// flight changes no contact.
    @Test func flightNoiseMakesNoEvent() throws {
        let f = try ForcePlateFixture.load()
        let ref = f.reference
        let fy = ForcePlateEvents.filteredVerticalForce(f.trial, cutoffHz: ref.settings.cutoffHz)
        // The filtered force between contacts, away from the crossings' slopes (20 ms).
        var highest = -Double.infinity
        for (a, b) in zip(ref.contacts, ref.contacts.dropFirst()) {
            guard let to = a.toeOff, let ic = b.initialContact else { continue }
            let from = Int(f.trial.row(atMarkerFrame: to.markerFrame)) + 6, to2 = Int(f.trial.row(atMarkerFrame: ic.markerFrame)) - 6
            if from < to2 { highest = max(highest, fy[from...to2].max()!) }
        }
        print("force plate flight noise: filtered force in flight at most \(String(format: "%.1f", highest - ref.unloadedNewtons)) N "
              + "above the unloaded reading (threshold \(ref.settings.thresholdNewtons) N)")
        #expect(highest - ref.unloadedNewtons < ref.settings.thresholdNewtons / 2)

        var noisy = f.trial
        var rng = SplitMix64(seed: 12)
        for (a, b) in zip(ref.contacts, ref.contacts.dropFirst()) {
            guard let to = a.toeOff, let ic = b.initialContact else { continue }
            let from = Int(f.trial.row(atMarkerFrame: to.markerFrame)) + 6, to2 = Int(f.trial.row(atMarkerFrame: ic.markerFrame)) - 6
            guard from < to2 else { continue }
            for i in from...to2 { noisy.force[i].y += 10 * rng.gaussian() }
            noisy.force[(from + to2) / 2].y += 60
        }
        let again = ForcePlateEvents(trial: noisy, landmarks: f.landmarks)
        #expect(again.contacts.count == ref.contacts.count)
        var moved = 0.0
        for (x, y) in zip(again.contacts, ref.contacts) {
            #expect(x.side == y.side)
            if let p = x.initialContact, let q = y.initialContact { moved = max(moved, abs(p.time - q.time)) }
            if let p = x.toeOff, let q = y.toeOff { moved = max(moved, abs(p.time - q.time)) }
        }
        print("force plate flight noise added: \(again.contacts.count) contacts (\(ref.contacts.count) before), events moved "
              + "by at most \(String(format: "%.1f", 1000 * moved)) ms (noise reaches to 20 ms from the crossings)")
        // Noise near a crossing nudges it (through the filter), by less than one force sample.
        #expect(moved < 1 / f.trial.samplesPerSecond)
    }

    /// How the reference's times move with its constants: the threshold over the published
    /// 20-50 N (above the plate's unloaded reading, and above zero as raw thresholds are), and the
    /// filter's cut-off. Prints `force plate sensitivity` lines.
    @Test func sensitivityToThresholdAndFilter() throws {
        let f = try ForcePlateFixture.load()
        let ref = f.reference
        func shifts(_ s: ForcePlateEvents.Settings) -> (ic: Double, to: Double, icSD: Double, toSD: Double, count: Int) {
            let e = ForcePlateEvents(trial: f.trial, landmarks: f.landmarks, settings: s)
            var ic: [Double] = [], to: [Double] = []
            for (x, y) in zip(e.contacts, ref.contacts) where e.contacts.count == ref.contacts.count {
                if let p = x.initialContact, let q = y.initialContact { ic.append(1000 * (p.time - q.time)) }
                if let p = x.toeOff, let q = y.toeOff { to.append(1000 * (p.time - q.time)) }
            }
            func mean(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }
            func sd(_ v: [Double]) -> Double {
                let m = mean(v)
                return v.count < 2 ? .nan : (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
            }
            return (mean(ic), mean(to), sd(ic), sd(to), e.contacts.count)
        }
        var icMeans: [Double] = [], toMeans: [Double] = []
        for above in [true, false] {
            for n in [20.0, 30, 40, 50] {
                let s = shifts(.init(thresholdNewtons: n, aboveUnloadedReading: above))
                print("force plate sensitivity: threshold \(Int(n)) N above \(above ? "the unloaded reading" : "zero"): \(s.count) contacts, "
                      + String(format: "IC %+.1f ms (SD %.1f), TO %+.1f ms (SD %.1f) from the reference", s.ic, s.icSD, s.to, s.toSD))
                #expect(s.count == ref.contacts.count)
                if above {
                    icMeans.append(s.ic)
                    toMeans.append(s.to)
                }
            }
        }
        for cut in [20.0, 30, 80] {
            let s = shifts(.init(cutoffHz: cut))
            print("force plate sensitivity: cut-off \(Int(cut)) Hz: "
                  + String(format: "IC %+.1f ms (SD %.1f), TO %+.1f ms (SD %.1f) from the reference (50 Hz)", s.ic, s.icSD, s.to, s.toSD))
            #expect(s.count == ref.contacts.count)
            #expect(abs(s.ic) < 1 && abs(s.to) < 1)
        }
        // Over 20-50 N above the unloaded reading contacts move by a few milliseconds, toe-offs
        // (a slow fall of the force) by about 12.
        #expect(icMeans.max()! - icMeans.min()! < 8)
        #expect(toMeans.max()! - toMeans.min()! < 16)
    }

    /// The scoring on made-up events: one to one, closest first, per leg (legs the reference does
    /// not cover are left out); missed and spurious counted inside the scored span only; within
    /// one frame by frames.
    @Test func timingScoreCountsPairsMissesAndSpuriousEvents() {
        func e(_ k: GaitEvent.Kind, _ s: BodySide, _ t: Double, fps: Double = 100) -> GaitEvent {
            GaitEvent(kind: k, side: s, view: .side, frame: Int((t * fps - 1e-9).rounded(.up)), time: t)
        }
        let reference = [e(.initialContact, .right, 1.000), e(.initialContact, .right, 1.701), e(.initialContact, .right, 2.400),
                         e(.initialContact, .right, 3.100), e(.toeOff, .right, 1.300), e(.initialContact, .right, 9.0)]
        let detected = [
            e(.initialContact, .right, 1.02),  // 2 frames late
            e(.initialContact, .right, 1.01),  // 1 frame late: the closer one wins
            e(.initialContact, .right, 1.71),  // frame 171 = the reference's frame
            e(.initialContact, .left, 2.40),   // a leg the reference does not cover: not scored
            e(.initialContact, .right, 2.60),  // 200 ms from any reference: spurious (and 2.4 missed)
            e(.toeOff, .right, 1.29),
            e(.initialContact, .right, 9.0),   // outside the span
        ]
        let score = EventTimingScore(detected: detected, reference: reference, framesPerSecond: 100, scored: 0.5...5,
                                     window: 0.1, view: .side)
        let ic = score[.initialContact]
        #expect(ic.references == 4)
        #expect(ic.pairs.map { $0.detected.time } == [1.01, 1.71])
        #expect(ic.missed == 2)
        #expect(ic.spurious == 2)  // 1.02 and 2.60; not 9.0, outside the span
        #expect(ic.withinOneFrame == 2 && abs(ic.withinOneFrameShare - 0.5) < 1e-12)
        #expect(abs(ic.biasMilliseconds! - 9.5) < 1e-6)
        #expect(abs(ic.sdMilliseconds! - 0.5.squareRoot()) < 1e-6)
        let to = score[.toeOff]
        #expect(to.references == 1 && to.pairs.count == 1 && to.missed == 0 && to.spurious == 0)
        #expect(abs(to.biasMilliseconds! + 10) < 1e-6)
        #expect(to.pairs[0].frameError == -1)
    }

    /// The step period of a periodic series: the lag of the highest autocorrelation in `within`
    /// seconds, refined by a parabola.
    static func dominantPeriod(_ series: [Double?], rate: Double, within: ClosedRange<Double>) -> Double? {
        let values = series.compactMap { $0 }
        guard values.count == series.count, values.count > 10 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let x = values.map { $0 - mean }
        let lags = Int((within.lowerBound * rate).rounded(.down))...Int((within.upperBound * rate).rounded(.up))
        let r = lags.map { lag in (0..<(x.count - lag)).reduce(0.0) { $0 + x[$1] * x[$1 + lag] } / Double(x.count - lag) }
        guard let m = (1..<(r.count - 1)).max(by: { r[$0] < r[$1] }) else { return nil }
        let c = r[m - 1] - 2 * r[m] + r[m + 1]
        let delta = c < 0 ? (r[m - 1] - r[m + 1]) / (2 * c) : 0
        return (Double(lags.lowerBound + m) + delta) / rate
    }
}
