import Foundation
import MarkerTracker
import Testing
@testable import RunnerSimulation

/// Are the forces and the markers of RBDS0041 on one clock? The file says force sample `n` is at
/// marker frame `(n - 1) / 2`; three checks from outside the reference's own code: physics (the
/// body's vertical acceleration is the vertical force over the mass, minus gravity), the heel's
/// impact, and the dataset's own processed knee curve (which starts at its force-plate contact).
/// Prints `force plate alignment` lines (docs/accuracy.md).
@Suite struct ForcePlateAlignmentTests {
    /// Body segment masses and centres (Dempster, in Winter's table): head, arms and trunk 0.678
    /// carried on the pelvis; thigh 0.100 and shank 0.0465 at 0.433 of their length from the
    /// proximal joint; foot 0.0145.
    static func lowerBodyCentreOfMassHeight(_ f: ForcePlateFixture) throws -> [Double] {
        let run = try TabularMarkerFile.read(path: ForcePlateFixture.markerPath)
        let pelvisNames = ["R.ASIS", "L.ASIS", "R.PSIS", "L.PSIS"]
        var out: [Double] = []
        for i in 0..<run.count {
            let pelvis = pelvisNames.compactMap { run[$0]?[i] }
            guard pelvis.count == 4 else { out.append(.nan); continue }
            var y = 0.678 * pelvis.reduce(0) { $0 + $1.y } / 4
            for leg in [f.landmarks.left[i], f.landmarks.right[i]] {
                guard let hip = leg.hipCentre, let knee = leg.kneeCentre, let ankle = leg.ankleCentre, let heel = leg.heel,
                      let mt5 = leg.fifthMetatarsal else { y = .nan; break }
                y += 0.100 * (hip.y + 0.433 * (knee.y - hip.y)) + 0.0465 * (knee.y + 0.433 * (ankle.y - knee.y))
                    + 0.0145 * (heel.y + mt5.y) / 2
            }
            out.append(y)
        }
        return out
    }

    /// The vertical acceleration of the body's centre of mass from the markers (pelvis, legs)
    /// against the force's, (Fy - unloaded) / m - g: the lag of the markers behind the forces that
    /// correlates best. Both low-passed at 10 Hz by the same zero-lag filter.
    @Test func bodyAccelerationFollowsTheForce() throws {
        let f = try ForcePlateFixture.load()
        let rate = f.landmarks.frameRate, g = 9.81, cutoff = 10.0
        let height = try Self.lowerBodyCentreOfMassHeight(f)
        #expect(height.allSatisfy { $0.isFinite })
        var scratch: [Double] = []
        let y = ZeroLagLowPass(cutoffHz: cutoff, sampleRateHz: rate, isAngle: false).filter(height, scratch: &scratch)
        var markerAcc = [Double](repeating: .nan, count: y.count)
        for i in 1..<(y.count - 1) { markerAcc[i] = (y[i + 1] - 2 * y[i] + y[i - 1]) * rate * rate }
        let mass = f.reference.bodyWeightNewtons / g
        let force = f.trial.verticalForce.map { ($0 - f.reference.unloadedNewtons) / mass - g }
        let forceAcc = ZeroLagLowPass(cutoffHz: cutoff, sampleRateHz: f.trial.samplesPerSecond, isAngle: false)
            .filter(force, scratch: &scratch)
        func forceAt(row: Double) -> Double {
            let i = min(forceAcc.count - 2, max(0, Int(row.rounded(.down))))
            let w = row - Double(i)
            return forceAcc[i] * (1 - w) + forceAcc[i + 1] * w
        }
        let frames = Array(Int(2 * rate)..<(y.count - Int(2 * rate)))
        func correlation(lagSeconds lag: Double) -> Double {
            let a = frames.map { markerAcc[$0] }
            let b = frames.map { forceAt(row: f.trial.row(atMarkerFrame: Double($0) - lag * rate)) }
            let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
            var sab = 0.0, saa = 0.0, sbb = 0.0
            for (p, q) in zip(a, b) { sab += (p - ma) * (q - mb); saa += (p - ma) * (p - ma); sbb += (q - mb) * (q - mb) }
            return sab / (saa * sbb).squareRoot()
        }
        let lags = stride(from: -0.02, through: 0.02, by: 0.00025).map { $0 }
        let r = lags.map(correlation)
        let best = r.indices.max { r[$0] < r[$1] }!
        print("force plate alignment, body acceleration: markers trail the forces by \(String(format: "%.2f", 1000 * lags[best])) ms "
              + "at best (r = \(String(format: "%.4f", r[best]))); r = \(String(format: "%.4f", correlation(lagSeconds: 0))) at 0")
        #expect(r[best] > 0.95)
        // Within one marker frame either way.
        #expect(abs(lags[best]) < 1 / rate)
    }

    /// The heel's impact against the force-plate contacts: the heel marker's largest upward
    /// acceleration near each initial contact (heel height low-passed at 30 Hz), and its lowest
    /// point, in milliseconds after the force-plate contact.
    @Test func heelImpactMeetsTheForcePlateContact() throws {
        let f = try ForcePlateFixture.load()
        let rate = f.landmarks.frameRate
        var peaks: [Double] = [], lows: [Double] = []
        for side in BodySide.allCases {
            let legs = f.landmarks.legs(side)
            var scratch: [Double] = []
            let h = ZeroLagLowPass(cutoffHz: 30, sampleRateHz: rate, isAngle: false).filter(legs.map { $0.heel?.y ?? .nan }, scratch: &scratch)
            var acc = [Double](repeating: -.infinity, count: h.count)
            for i in 1..<(h.count - 1) { acc[i] = (h[i + 1] - 2 * h[i] + h[i - 1]) * rate * rate }
            // The heel's approach: height above its height at contact and vertical speed, 60, 40
            // and 20 ms before the force-plate contact (mean over contacts).
            var approach = [(height: Double, speed: Double)](repeating: (0, 0), count: 3), n = 0.0
            for c in f.reference.contacts where c.side == side {
                guard let ic = c.initialContact, ic.markerFrame > 20 else { continue }
                func at(_ x: Double) -> Double {
                    let i = Int(x.rounded(.down))
                    return h[i] + (h[i + 1] - h[i]) * (x - Double(i))
                }
                for (j, before) in [0.06, 0.04, 0.02].enumerated() {
                    let x = ic.markerFrame - before * rate
                    approach[j].height += at(x) - at(ic.markerFrame)
                    approach[j].speed += (at(x + 0.5) - at(x - 0.5)) * rate
                }
                n += 1
            }
            print("force plate alignment, \(side) heel before contact: "
                  + zip([60, 40, 20], approach).map { String(format: "%d ms before %.1f mm above, %+.2f m/s", $0, 1000 * $1.height / n, $1.speed / n) }
                      .joined(separator: "; "))
            for c in f.reference.contacts where c.side == side {
                guard let ic = c.initialContact else { continue }
                let k = Int(ic.markerFrame.rounded())
                guard k - 5 > 0, k + 6 < h.count - 1 else { continue }
                func extremum(_ v: [Double], _ sign: Double) -> Double {
                    let m = ((k - 4)...(k + 5)).max { sign * v[$0] < sign * v[$1] }!
                    let c2 = v[m - 1] - 2 * v[m] + v[m + 1]
                    let delta = c2 != 0 ? (v[m - 1] - v[m + 1]) / (2 * c2) : 0
                    return 1000 * (Double(m) + delta - ic.markerFrame) / rate
                }
                peaks.append(extremum(acc, 1))
                lows.append(extremum(h, -1))
            }
        }
        func stats(_ x: [Double]) -> (mean: Double, sd: Double) {
            let m = x.reduce(0, +) / Double(x.count)
            return (m, (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot())
        }
        let p = stats(peaks), l = stats(lows)
        print("force plate alignment, heel impact: the heel's peak deceleration \(String(format: "%+.1f", p.mean)) ms "
              + "(SD \(String(format: "%.1f", p.sd))) and its lowest point \(String(format: "%+.1f", l.mean)) ms "
              + "(SD \(String(format: "%.1f", l.sd))) after the force-plate contact, \(peaks.count) contacts")
        #expect(peaks.count >= 70)
        // The shoe stops as the force rises: its peak deceleration within one marker frame of
        // the force-plate contact. Its lowest point is flat (the heel rests while the foot
        // rolls): within two.
        #expect(abs(p.mean) < 1000 / rate)
        #expect(abs(l.mean) < 2000 / rate)
    }

    /// The dataset's own knee flexion curve at 2.5 m/s (0-100 % of the gait cycle from its
    /// force-plate contact) against the mean knee flexion of the replayed landmarks over the
    /// cycles between our force-plate contacts, shifted by `tau`: the shift that matches the
    /// shape best (gain and offset free, since the dataset's angle is 3D and its segments
    /// differ). The dataset's stance is also compared with ours (its ground reaction force ends
    /// earlier in the cycle), which limits what this check can resolve.
    @Test func processedKneeCurveMatchesTheForcePlateCycle() throws {
        let f = try ForcePlateFixture.load()
        let processed = try Self.readProcessed(ForcePlateFixture.processedPath)
        let rate = f.landmarks.frameRate
        for side in BodySide.allCases {
            let curve = try #require(processed["\(side.letter)kneeAngZ25"])
            let grf = try #require(processed["\(side.letter)grfY25"])
            let knee = f.landmarks.legs(side).map { leg -> Double in
                guard let gt = leg.trochanter, let kn = leg.lateralKnee, let an = leg.lateralAnkle else { return .nan }
                let u = (gt.x - kn.x, gt.y - kn.y), v = (an.x - kn.x, an.y - kn.y)
                return 180 - abs(atan2(u.0 * v.1 - u.1 * v.0, u.0 * v.0 + u.1 * v.1)) * 180 / .pi
            }
            let ics = f.reference.contacts.filter { $0.side == side }.compactMap { $0.initialContact?.markerFrame }
            func value(_ x: Double) -> Double {
                let i = min(knee.count - 2, max(0, Int(x.rounded(.down))))
                return knee[i] + (knee[i + 1] - knee[i]) * (x - Double(i))
            }
            func fit(_ tau: Double) -> Double {
                var mean = [Double](repeating: 0, count: 101)
                let cycles = zip(ics, ics.dropFirst())
                for (a, b) in cycles {
                    for p in 0...100 { mean[p] += value(a + (b - a) * Double(p) / 100 + tau * rate) }
                }
                mean = mean.map { $0 / Double(ics.count - 1) }
                // Least squares mean = gain * curve + offset; RMS of the rest.
                let n = 101.0, sx = curve.reduce(0, +), sy = mean.reduce(0, +)
                let sxx = curve.reduce(0) { $0 + $1 * $1 }, sxy = zip(curve, mean).reduce(0) { $0 + $1.0 * $1.1 }
                let gain = (n * sxy - sx * sy) / (n * sxx - sx * sx), offset = (sy - gain * sx) / n
                let rss = zip(curve, mean).reduce(0) { $0 + pow($1.1 - gain * $1.0 - offset, 2) }
                return (rss / n).squareRoot()
            }
            let taus = stride(from: -0.03, through: 0.03, by: 0.0005).map { $0 }
            let rms = taus.map(fit)
            let best = rms.indices.min { rms[$0] < rms[$1] }!
            // Stance share of the cycle: the dataset's force curve against ours.
            let theirs = Double((grf.firstIndex { !$0.isFinite } ?? 101) - 1)
            let ours = zip(ics, ics.dropFirst()).compactMap { a, b -> Double? in
                f.reference.contacts.first { $0.side == side && $0.initialContact?.markerFrame == a }?.toeOff.map { 100 * ($0.markerFrame - a) / (b - a) }
            }
            let oursMean = ours.reduce(0, +) / Double(ours.count)
            print("force plate alignment, processed knee curve, \(side) leg: best shift \(String(format: "%+.1f", 1000 * taus[best])) ms "
                  + "(RMS \(String(format: "%.2f", rms[best])) deg, \(String(format: "%.2f", fit(0))) at 0); "
                  + "stance \(String(format: "%.0f", theirs)) % of the cycle in the processed curves, \(String(format: "%.1f", oursMean)) % here")
            // A loose bound: the processed curves are not the same strides (their stance is
            // shorter), so they cannot check alignment to one frame; they rule out a gross offset.
            #expect(abs(taus[best]) <= 0.01)
        }
    }

    /// The processed file: a header row, then 101 rows of tab-separated numbers (empty cells where
    /// a curve has no value, as the force in swing).
    static func readProcessed(_ path: String) throws -> [String: [Double]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let header = lines[0].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var out: [String: [Double]] = [:]
        for (c, name) in header.enumerated() {
            out[name] = lines.dropFirst().map { c < $0.count ? Double($0[c].trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan : .nan }
        }
        #expect(out["PercGcycle"]?.count == 101)
        return out
    }
}
