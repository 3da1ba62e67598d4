import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit

@Suite struct ScratchTests {
    static func trace(_ seed: UInt64, view: CameraView, frames: Range<Int>, runner given: PopulationRunner? = nil, onlyWrong: Bool = false) {
        let r = given ?? RunnerPopulation.runner(seed: seed)
        let runner = r.simulatedRunner()
        let cam = r.simulatedCamera(view, runner: runner)
        var tracker = ViewTracker(markerSet: .standard(for: view))
        let labels = MarkerSet.standard(for: view).labels
        print("trace \(r.summary)")
        var wrongBefore = false
        for i in 0..<frames.upperBound {
            let f = cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
            let out = tracker.process(f.luma)
            guard frames.contains(i) else { continue }
            let truth = f.truth!
            var line = "trace \(i) \(out.status.rawValue) \(out.reason.map { $0.describe(.rear) } ?? "") blobs \(out.blobCount) full \(out.fullScan):"
            for (m, mk) in out.markers.enumerated() {
                let t = truth.markers[m]!
                var s = " \(labels[m])"
                if let mk {
                    let d = mk.position.distance(to: t)
                    if d > 4 {
                        let near = truth.markers.enumerated().min { $0.1!.distance(to: mk.position) < $1.1!.distance(to: mk.position) }!
                        s += "=WRONG(\(labels[near.0]))"
                    } else { s += mk.source == .predicted ? "~" : "ok" }
                } else { s += "-" }
                line += s
            }
            line += " | truth " + truth.markers.map { String(format: "%.0f,%.0f", $0!.x, $0!.y) }.joined(separator: " ")
            line += " | got " + out.markers.map { $0.map { String(format: "%.0f,%.0f%@", $0.position.x, $0.position.y, $0.source == .predicted ? "p" : "") } ?? "-" }.joined(separator: " ")
            if !onlyWrong || line.contains("WRONG") || (i > 0 && wrongBefore) { print(line) }
            wrongBefore = line.contains("WRONG")
        }
    }

    @Test(arguments: [UInt64(82)])
    func scratchTrace(seed: UInt64) {
        ScratchTests.trace(seed, view: .rear, frames: 216..<228)
    }
}

extension ScratchTests {
    /// Single frames of true projected LEDs (merged when closer than 4 px) through a view's labeller.
    @Test(arguments: [9.0, 12.0])
    func scratchLabellerOnTruth(heelLine: Double) {
        var labeller = RearLabeller()
        labeller.ambiguityMargin = heelLine
        var full = 0, frames = 0, certainMarkers = 0, wrongMarkers = 0
        var acq: [Int] = []
        var bad: [String] = []
        for seed in UInt64(1)...100 {
            let r = RunnerPopulation.runner(seed: seed)
            let cam = r.camera(.rear)
            for start in 0..<3 {
                let m = r.model(startPhase: Double(start) / 3 + Double(seed % 7) / 21)
                var seen = [Bool](repeating: false, count: 8)
                var acquired = -1
                for i in 0..<120 {
                    let pts = m.pose(at: Double(i) / 120).markers(for: .rear).map { cam.project($0)! }
                    var blobsList: [(Point, [Int])] = []
                    for (k, p) in pts.enumerated() {
                        if let j = blobsList.firstIndex(where: { $0.0.distance(to: p) < 4 }) {
                            blobsList[j].0 = (blobsList[j].0 + p) * 0.5
                            blobsList[j].1.append(k)
                        } else { blobsList.append((p, [k])) }
                    }
                    let bl = blobsList.map { Blob(centroid: $0.0, area: 9, peak: 255, bounds: PixelRect(center: $0.0, radius: 1), mass: 2000 * Double($0.1.count)) }
                    frames += 1
                    guard let h = labeller.label(bl) else { continue }
                    var n = 0
                    for (mk, b) in h.blobForMarker.enumerated() {
                        guard let b else { continue }
                        n += 1
                        certainMarkers += 1
                        if !blobsList[b].1.contains(mk) {
                            wrongMarkers += 1
                            if bad.count < 20 { bad.append("seed \(seed) start \(start) frame \(i) marker \(mk) on \(blobsList[b].1)") }
                        } else { seen[mk] = true }
                    }
                    if n == 8 { full += 1 }
                    if acquired < 0 && !seen.contains(false) { acquired = i }
                }
                acq.append(acquired < 0 ? 999 : acquired)
            }
        }
        acq.sort()
        print("labeller \(heelLine): \(full)/\(frames) frames fully labelled, \(certainMarkers) markers labelled, \(wrongMarkers) wrong; every marker seen by frame: median \(acq[acq.count / 2]) 90% \(acq[acq.count * 9 / 10]) 99% \(acq[acq.count * 99 / 100]) max \(acq.last!); over 60: \(acq.filter { $0 > 60 }.count)")
        for b in bad.prefix(6) { print("labeller \(heelLine)   \(b)") }
    }
}

extension ScratchTests {
    @Test func scratchRearFeatures() throws {
        var feats: [String: [Double]] = [:]
        func add(_ k: String, _ v: Double) { feats[k, default: []].append(v) }
        func measure(_ pts: [Point]) {
            let lp = pts[0], rp = pts[1]
            let w = lp.distance(to: rp)
            add("pelvisAngle", atan2(rp.y - lp.y, rp.x - lp.x) * 180 / .pi)
            var s2: [Double] = []
            for leg in 0..<2 {
                let out: Double = leg == 0 ? -1 : 1
                let p = pts[leg], t = pts[2 + leg], k = pts[4 + leg], h = pts[6 + leg]
                let s = k.y - p.y
                s2.append(s)
                add("fT", (t.y - p.y) / s)
                add("latT", out * (t.x - p.x) / s)
                add("latK", out * (k.x - t.x) / s)
                add("hk", h.distance(to: k) / s)
                add("latH", out * (h.x - k.x) / s)
                add("hy", (h.y - k.y) / s)
                add("hAboveT", (t.y - h.y) / s)
                add("heelLine", out * (h.x - k.x - (k.x - p.x) / s * (h.y - k.y)) / s)
            }
            add("sRatio", log(s2[0] / s2[1]))
            add("wOverS", w / ((s2[0] + s2[1]) / 2))
            add("thiSep", (pts[3].x - pts[2].x) / ((s2[0] + s2[1]) / 2))
            add("kneSep", (pts[5].x - pts[4].x) / ((s2[0] + s2[1]) / 2))
        }
        for seed in UInt64(1)...300 {
            let r = RunnerPopulation.runner(seed: seed)
            let m = r.model()
            let cam = r.camera(.rear)
            let T = 1 / r.profile.strideFrequency
            for i in 0..<60 {
                measure(m.pose(at: Double(i) / 60 * T).markers(for: .rear).map { cam.project($0)! })
            }
        }
        for (k, v) in feats.sorted(by: { $0.key < $1.key }) {
            let s = v.sorted()
            func q(_ f: Double) -> String { String(format: "%.3f", s[min(s.count - 1, Int(f * Double(s.count)))]) }
            let mean = v.reduce(0, +) / Double(v.count)
            let sd = (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)).squareRoot()
            print("feature \(k): min \(q(0)) 1% \(q(0.01)) 10% \(q(0.1)) median \(q(0.5)) 90% \(q(0.9)) 99% \(q(0.99)) max \(s.last!) mean \(String(format: "%.3f", mean)) sd \(String(format: "%.3f", sd))")
        }
        // Real runners through the default rear camera
        for file in ["RBDS032runT35markers.txt", "subject04_run300_markers.trc"] {
            feats = [:]
            let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: RealMotionTests.root + file), clockOrigin: 0)
            let cam = VirtualCamera.rear(width: 640, height: 480)
            var t = 0.0
            while t < min(runner.duration, 10) {
                let mk = runner.markers(.rear, at: t)
                if mk.allSatisfy({ $0 != nil }) { measure(mk.map { cam.project($0!)! }) }
                t += 1 / 60
            }
            for (k, v) in feats.sorted(by: { $0.key < $1.key }) {
                let s = v.sorted()
                print("real \(file) \(k): min \(String(format: "%.3f", s.first!)) median \(String(format: "%.3f", s[s.count / 2])) max \(String(format: "%.3f", s.last!))")
            }
        }
    }
}

extension ScratchTests {
    @Test(arguments: [(UInt64(1), 6), (12, 1), (19, 0), (2, 46), (8, 43)])
    func scratchItemize(seed: UInt64, frame: Int) {
        let r = RunnerPopulation.runner(seed: seed)
        let m = r.model(startPhase: Double(seed % 7) / 7)
        let cam = r.camera(.rear)
        let pts = m.pose(at: Double(frame) / 120).markers(for: .rear).map { cam.project($0)! }
        let bl = pts.map { Blob(centroid: $0, area: 9, peak: 255, bounds: PixelRect(center: $0, radius: 1), mass: 2000) }
        let h = RearLabeller().attempt(bl)
        print("itemize seed \(seed) frame \(frame): \(h)")
        print("itemize   truth: \("-")")
        if let hh = h.hypothesis {
            print("itemize   chosen: \("-")")
        }
    }
}

extension ScratchTests {
    @Test func scratchCoupling() throws {
        var xs: [Double] = [], ys: [Double] = [], lower: [Double] = [], fMean: [Double] = []
        var perLeg: [(Double, Double)] = []
        func measure(_ p: [Point]) {
            let dL = p[4].y - p[0].y, dR = p[5].y - p[1].y
            let fL = (p[2].y - p[0].y) / dL, fR = (p[3].y - p[1].y) / dR
            let b = 2 * (dL - dR) / (dL + dR)
            xs.append(b); ys.append(fL - fR); fMean.append((fL + fR) / 2)
            lower.append(max((p[6].y - p[4].y) / dL, (p[7].y - p[5].y) / dR))
        }
        for seed in UInt64(1)...100 {
            let r = RunnerPopulation.runner(seed: seed)
            let m = r.model()
            let cam = r.camera(.rear)
            let T = 1 / r.profile.strideFrequency
            for i in 0..<60 { measure(m.pose(at: Double(i) / 60 * T).markers(for: .rear).map { cam.project($0)! }) }
            _ = perLeg
        }
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        let sxy = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +), sxx = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
        let k = sxy / sxx
        let res = zip(xs, ys).map { $1 - my - k * ($0 - mx) }
        let sdRes = (res.map { $0 * $0 }.reduce(0, +) / n).squareRoot()
        let sdY = (ys.map { ($0 - my) * ($0 - my) }.reduce(0, +) / n).squareRoot()
        print("coupling: fL-fR = \(my) + \(k) * b; sd of diff \(sdY), residual sd \(sdRes); residual range \(res.min()!) \(res.max()!)")
        let fm = fMean.sorted()
        print("coupling: mean f of both legs: min \(fm.first!) 1% \(fm[fm.count / 100]) median \(fm[fm.count / 2]) 99% \(fm[fm.count * 99 / 100]) max \(fm.last!)")
        let lo = lower.sorted()
        print("coupling: lower heel below its knee (drops): min \(lo.first!) 1% \(lo[lo.count / 100]) 10% \(lo[lo.count / 10]) median \(lo[lo.count / 2])")
        for file in ["RBDS032runT35markers.txt", "subject04_run300_markers.trc"] {
            xs = []; ys = []; lower = []; fMean = []
            let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: RealMotionTests.root + file), clockOrigin: 0)
            let cam = VirtualCamera.rear(width: 640, height: 480)
            var t = 0.0
            while t < min(runner.duration, 10) {
                let mk = runner.markers(.rear, at: t)
                if mk.allSatisfy({ $0 != nil }) { measure(mk.map { cam.project($0!)! }) }
                t += 1 / 60
            }
            let res = zip(xs, ys).map { $1 - my - k * ($0 - mx) }
            print("coupling real \(file): residual range \(res.min()!) \(res.max()!), lower heel min \(lower.min()!), mean f \(fMean.min()!)...\(fMean.max()!)")
        }
    }
}

extension ScratchTests {
    @Test(arguments: [UInt64(4), 5, 6, 22])
    func scratchGaps(seed: UInt64) {
        let r = RunnerPopulation.runner(seed: seed)
        let m = r.model(startPhase: Double(seed % 7) / 7)
        let cam = r.camera(.rear)
        var line = "gaps seed \(seed):"
        for i in 0..<120 {
            let pts = m.pose(at: Double(i) / 120).markers(for: .rear).map { cam.project($0)! }
            let bl = pts.map { Blob(centroid: $0, area: 9, peak: 255, bounds: PixelRect(center: $0, radius: 1), mass: 2000) }
            let a = RearLabeller().attempt(bl)
            switch a {
            case .labelled(let h): line += h.blobForMarker == (0..<8).map { $0 } ? " ok" : " WRONG(\(String(format: "%.1f", h.cost)))"
            case .failed(let f): line += " " + f.describe(.rear)
            }
            if seed == 22 && i == 19 { print("gaps truth 22/19: \(pts)") }
        }
        print(line)
    }
}

extension ScratchTests {
    @Test func scratchHeelCues() throws {
        // Per frame, the heel term of each cue for the true heels and for the swapped heels.
        var cues: [String: [(Double, Double)]] = [:]   // (true residuals, swapped residuals) per leg pair, in drops
        func add(_ k: String, _ t: [Double], _ s: [Double]) {
            for i in 0..<2 { cues[k, default: []].append((t[i], s[i])) }
        }
        for seed in UInt64(1)...100 {
            let r = RunnerPopulation.runner(seed: seed)
            let m = r.model()
            let cam = r.camera(.rear)
            let T = 1 / r.profile.strideFrequency
            for i in 0..<60 {
                let p = m.pose(at: Double(i) / 60 * T).markers(for: .rear).map { cam.project($0)! }
                func res(_ heels: [Point]) -> [String: [Double]] {
                    var out: [String: [Double]] = [:]
                    for leg in 0..<2 {
                        let o: Double = leg == 0 ? -1 : 1
                        let P = p[leg], Tq = p[2 + leg], K = p[4 + leg], H = heels[leg]
                        let drop = K.y - P.y
                        out["knee", default: []].append(o * (H.x - K.x) / drop)
                        out["thigh", default: []].append(o * (H.x - Tq.x) / drop)
                        let predPK = K.x + (K.x - P.x) / (K.y - P.y) * (H.y - K.y)
                        out["lineP", default: []].append(o * (H.x - predPK) / drop)
                        let predTK = K.x + (K.x - Tq.x) / (K.y - Tq.y) * (H.y - K.y)
                        out["lineT", default: []].append(o * (H.x - predTK) / drop)
                        out["psi", default: []].append(o * (H.x - P.x) / drop)
                    }
                    return out
                }
                let t = res([p[6], p[7]]), s = res([p[7], p[6]])
                for k in t.keys { add(k, t[k]!, s[k]!) }
            }
        }
        for (k, v) in cues.sorted(by: { $0.key < $1.key }) {
            let tv = v.map(\.0)
            let mean = tv.reduce(0, +) / Double(tv.count)
            let sd = (tv.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(tv.count)).squareRoot()
            // advantage of truth over swap per frame (pairs of legs)
            var clear = 0, wrongWay = 0, n = 0
            var i = 0
            while i + 1 < v.count {
                func c(_ x: Double) -> Double { ((x - mean) / sd) * ((x - mean) / sd) }
                let dt = c(v[i].0) + c(v[i + 1].0), ds = c(v[i].1) + c(v[i + 1].1)
                if ds - dt >= 4 { clear += 1 } else if dt - ds >= 4 { wrongWay += 1 }
                n += 1
                i += 2
            }
            print("heelcue \(k): mean \(String(format: "%.3f", mean)) sd \(String(format: "%.3f", sd)); truth clearly better in \(clear)/\(n) frames, swap clearly better in \(wrongWay)")
        }
    }
}

extension ScratchTests {
    @Test func scratchSeed7() {
        let r = RunnerPopulation.runner(seed: 7)
        print("seed7 \(r.summary)")
        let cam = r.camera(.rear)
        let m = r.model(startPhase: Double(7 % 7) / 21)
        for i in [15, 17, 19] {
            let pts = m.pose(at: Double(i) / 120).markers(for: .rear).map { cam.project($0)! }
            let bl = pts.map { Blob(centroid: $0, area: 9, peak: 255, bounds: PixelRect(center: $0, radius: 1), mass: 2000) }
            let h = RearLabeller().attempt(bl)
            print("seed7 \(i) pts \(pts.map { String(format: "(%.0f,%.0f)", $0.x, $0.y) }) -> \(h.hypothesis?.blobForMarker.map { $0.map(String.init) ?? "-" } ?? []) cost \(h.hypothesis?.cost ?? -1) \(String(describing: h.hypothesis?.unsure))")
            var swapped = pts
            swapped.swapAt(4, 6)
            let g = RearGeometry()
            for (name, p) in [("truth", pts), ("swap", swapped)] {
                let legL = g.legCost(psi: p[0], thigh: p[2], knee: p[4], outward: -1)
                let legR = g.legCost(psi: p[1], thigh: p[3], knee: p[5], outward: 1)
                let legs = g.legsCost(left: (p[0], p[2], p[4]), right: (p[1], p[3], p[5]))
                let hL = g.heelCost(psi: p[0], knee: p[4], heel: p[6], outward: -1)
                let hR = g.heelCost(psi: p[1], knee: p[5], heel: p[7], outward: 1)
                print("seed7   \(name): pelvis \(g.pelvisCost(p[0], p[1]) ?? -1) legL \(legL ?? -1) legR \(legR ?? -1) legs \(legs ?? -1) heelL \(hL ?? -1) heelR \(hR ?? -1) oneFoot \(g.oneFootDown(left: (p[0], p[4], p[6]), right: (p[1], p[5], p[7])))")
            }
        }
    }
}

extension ScratchTests {
    @Test(arguments: [4.0, 6.0, 9.0])
    func scratchHeelsWithFixed(margin: Double) {
        var labeller = RearLabeller()
        labeller.ambiguityMargin = margin
        var acq: [Int] = [], wrong = 0, bad: [String] = []
        for seed in UInt64(1)...100 {
            let r = RunnerPopulation.runner(seed: seed)
            let cam = r.camera(.rear)
            for start in 0..<3 {
                let m = r.model(startPhase: Double(start) / 3 + Double(seed % 7) / 21)
                var seen = [false, false], acquired = -1
                for i in 0..<120 {
                    let pts = m.pose(at: Double(i) / 120).markers(for: .rear).map { cam.project($0)! }
                    // merge close LEDs
                    var blobsList: [(Point, [Int])] = []
                    for (k, p) in pts.enumerated() {
                        if let j = blobsList.firstIndex(where: { $0.0.distance(to: p) < 4 }) {
                            blobsList[j].0 = (blobsList[j].0 + p) * 0.5
                            blobsList[j].1.append(k)
                        } else { blobsList.append((p, [k])) }
                    }
                    let bl = blobsList.map { Blob(centroid: $0.0, area: 9, peak: 255, bounds: PixelRect(center: $0.0, radius: 1), mass: 2000 * Double($0.1.count)) }
                    var fixed = [Int?](repeating: nil, count: 8)
                    for mk in 0..<6 { fixed[mk] = blobsList.firstIndex { $0.1 == [mk] } }
                    guard let h = labeller.label(bl, fixed: fixed) else { continue }
                    for mk in 6..<8 {
                        guard let b = h.blobForMarker[mk] else { continue }
                        if blobsList[b].1.contains(mk) { seen[mk - 6] = true } else {
                            wrong += 1
                            if bad.count < 6 { bad.append("seed \(seed) start \(start) frame \(i) marker \(mk) on \(blobsList[b].1)") }
                        }
                    }
                    if acquired < 0 && seen[0] && seen[1] { acquired = i }
                }
                acq.append(acquired < 0 ? 999 : acquired)
            }
        }
        acq.sort()
        print("heelsfixed \(margin): wrong \(wrong); both heels by frame: median \(acq[acq.count / 2]) 90% \(acq[acq.count * 9 / 10]) 99% \(acq[acq.count * 99 / 100]) max \(acq.last!); over 60: \(acq.filter { $0 > 60 }.count)")
        for b in bad { print("heelsfixed \(margin)   \(b)") }
    }
}

extension ScratchTests {
    @Test(arguments: [(8.0, 0.0), (8.0, 0.5), (8.0, 0.3)])
    func scratchVote(decide: Double, swingRise: Double) {
        let lineWeight = 1.0
        let wide = 6.0, minFrames = 48.0, early = 8.0
        let candidateMargin = 16.0
        var g = RearGeometry()
        _ = lineWeight
        var labeller = RearLabeller()
        labeller.geometry = g
        var times: [Int] = [], wrong = 0, undecided = 0, bad: [String] = []
        for seed in UInt64(1)...300 {
            let r = RunnerPopulation.runner(seed: seed)
            let cam = r.camera(.rear)
            for start in 0..<3 {
                let m = r.model(startPhase: Double(start) / 3 + Double(seed % 7) / 21)
                func pts(_ i: Int) -> [Point] { m.pose(at: Double(i) / 120).markers(for: .rear).map { cam.project($0)! } }
                var frameA = -1
                var cands: [LabelHypothesis] = []
                for i in 0..<120 {
                    let p = pts(i)
                    var minD = Double.infinity
                    for a in 0..<8 { for b in (a + 1)..<8 { minD = min(minD, p[a].distance(to: p[b])) } }
                    guard minD >= 4 else { continue }
                    let bl = p.map { Blob(centroid: $0, area: 9, peak: 255, bounds: PixelRect(center: $0, radius: 1), mass: 2000) }
                    cands = labeller.candidates(bl, margin: candidateMargin)
                    if !cands.isEmpty { frameA = i; break }
                }
                guard frameA >= 0 else { undecided += 1; times.append(999); continue }
                let best = cands[0].blobForMarker.map { $0! }   // track k follows true LED best[k]
                var hyps: [[Int]] = []
                for c in cands {
                    let perm = c.blobForMarker.map { b in best.firstIndex(of: b!) }
                    if perm.allSatisfy({ $0 != nil }) { hyps.append(perm.map { $0! }) }
                }
                var totals = [Double](repeating: 0, count: hyps.count)
                var decided = -1, winner = -1
                var lowest = [Double](repeating: -1e9, count: 8), highest = [Double](repeating: 1e9, count: 8), rose = [Bool](repeating: false, count: 8)
                let heelTracks = (0..<8).filter { k in hyps.contains { $0[6] == k || $0[7] == k } }
                for i in frameA..<(frameA + 180) {
                    let p = pts(i)
                    let drop = (p[4].y - p[0].y + p[5].y - p[1].y) / 2
                    for k in heelTracks {
                        let y = p[best[k]].y
                        lowest[k] = max(lowest[k], y)
                        highest[k] = min(highest[k], y)
                        if lowest[k] - highest[k] >= swingRise * drop { rose[k] = true }
                    }
                    let leader = totals.indices.min { totals[$0] < totals[$1] } ?? 0
                    let swungAll = swingRise == 0 || (rose[hyps[leader][6]] && rose[hyps[leader][7]])
                    for (h, perm) in hyps.enumerated() {
                        let q = (0..<8).map { p[best[perm[$0]]] }
                        totals[h] += g.cost(q) ?? 25
                    }
                    let order = totals.indices.sorted { totals[$0] < totals[$1] }
                    let lead = order.count > 1 ? totals[order[1]] - totals[order[0]] : .infinity
                    let n = Double(i - frameA + 1)
                    if order.count == 1 || (n >= minFrames && lead >= decide && swungAll) || (early > 0 && n >= wide && lead >= early * n) {
                        decided = i; winner = order[0]; break
                    }
                }
                if decided < 0 { undecided += 1; times.append(999); continue }
                let assigned = (0..<8).map { best[hyps[winner][$0]] }
                if assigned != Array(0..<8) {
                    wrong += 1
                    if bad.count < 8 { bad.append("seed \(seed) start \(start) A \(frameA) decided \(decided) \(assigned) of \(hyps.count) \(r.summary)") }
                }
                times.append(decided)
            }
        }
        times.sort()
        print("vote \(decide)/\(swingRise): wrong \(wrong), undecided \(undecided); decided by frame median \(times[times.count / 2]) 90% \(times[times.count * 9 / 10]) 99% \(times[times.count * 99 / 100]) max \(times.last!); over 60: \(times.filter { $0 > 60 }.count)")
        for b in bad { print("vote \(decide)/\(swingRise)   \(b)") }
    }
}

extension ScratchTests {
    @Test func scratchSwapOverStride() {
        for (seed, start) in [(UInt64(104), 0)] {
            let r = RunnerPopulation.runner(seed: seed)
            print("stride \(r.summary)")
            let cam = r.camera(.rear)
            let m = r.model(startPhase: Double(start) / 3 + Double(seed % 7) / 21)
            let g = RearGeometry()
            var line = "stride \(seed):"
            let g1 = RearGeometry()
            for i in stride(from: 0, to: 96, by: 3) {
                let p = m.pose(at: Double(i) / 120).markers(for: .rear).map { cam.project($0)! }
                var q = p; q.swapAt(6, 7)
                var k = p; k.swapAt(2, 6)
                let t = g.cost(p), s = g.cost(q), kk = g.cost(k)
                let hyL = (p[6].y - p[4].y) / (p[4].y - p[0].y), hyR = (p[7].y - p[5].y) / (p[5].y - p[1].y)
                let t1 = g1.cost(p), s1 = g1.cost(q)
                let kL = (p[4].x - p[0].x), hLx = p[6].x - p[4].x, hRx = p[7].x - p[5].x
                line += String(format: "\n  [%d t%.1f s%@ | line t%.1f s%@ | hy %.2f/%.2f heelx-knee L %.0f R %.0f knees %.0f..%.0f heels %.0f..%.0f]", i, t ?? -1, s.map { String(format: "%.1f", $0) } ?? "X", t1 ?? -1, s1.map { String(format: "%.1f", $0) } ?? "X", hyL, hyR, hLx, hRx, p[4].x, p[5].x, p[6].x, p[7].x)
                _ = kL
            }
            print(line)
        }
    }
}

extension ScratchTests {
    @Test(arguments: Array(UInt64(1)...24))
    func scratchTrack(seed: UInt64) throws {
        let r = RunnerPopulation.runner(seed: seed)
        let runner = r.simulatedRunner()
        var line = "scratch track \(seed) \(String(format: "%.1f", r.speed)) m/s:"
        for view in CameraView.allCases {
            let cam = r.simulatedCamera(view, runner: runner)
            var tracker = ViewTracker(markerSet: .standard(for: view))
            var score = TrackingScore(view: view)
            var first: Int? = nil
            var statuses = ""
            var reasons: [String: Int] = [:]
            for i in 0..<180 {
                let f = cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
                let out = tracker.process(f.luma)
                score.add(out, truth: f.truth!)
                if first == nil && out.status == .tracking { first = i }
                statuses += String(out.status.rawValue.prefix(1))
                if let r = out.reason { reasons[r.describe(.standard(for: view)), default: 0] += 1 }
            }
            line += " \(view) first \(first ?? -1) wrong \(score.wrong) det \(String(format: "%.3f", score.detectionRate)) \(statuses.prefix(70)) \(reasons.sorted { $0.value > $1.value }.prefix(3).map { "\($0.key) x\($0.value)" })"
        }
        print(line)
    }
}

extension ScratchTests {
    @Test func scratchPelvisContinuity() {
        var worst: [(Double, UInt64, Double)] = []
        for seed in UInt64(1)...40 {
            let r = RunnerPopulation.runner(seed: seed)
            let m = r.model()
            var prev = m.pelvisHeight(at: 0), maxJump = 0.0, at = 0.0
            for i in 1..<3000 {
                let t = Double(i) / 2000
                let h = m.pelvisHeight(at: t)
                if abs(h - prev) > maxJump { maxJump = abs(h - prev); at = t }
                prev = h
            }
            worst.append((maxJump * 2000, seed, at))
        }
        worst.sort { $0.0 > $1.0 }
        print("pelvis max speed m/s: \(worst.prefix(8).map { String(format: "seed %d %.2f at %.4f", $0.1, $0.0, $0.2) })")
        let dm = RunnerModel(profile: .flat)
        var dprev = dm.pelvisHeight(at: 0), dmax = 0.0
        for i in 1..<3000 { let h = dm.pelvisHeight(at: Double(i) / 2000); dmax = max(dmax, abs(h - dprev) * 2000); dprev = h }
        print("pelvis default runner max speed \(dmax)")
        let r = RunnerPopulation.runner(seed: worst[0].1)
        print("pelvis \(r.summary)")
        let m = r.model()
        let t0 = worst[0].2
        for k in stride(from: -40, through: 40, by: 4) {
            let t = t0 + Double(k) / 2000
            let side: BodySide = m.isStance(.right, at: t) ? .right : .left
            let a = m.legAngles(side, phase: m.phase(of: side, at: t), at: t)
            print(String(format: "pelvis t %.4f h %.4f stance %@ phase %.3f thigh %.1f knee %.1f ankle %.1f", t, m.pelvisHeight(at: t), side.rawValue, m.phase(of: side, at: t), a.thigh, a.knee, a.ankle))
        }
        print("pelvis stance fraction \(r.profile.stanceFraction)")
    }
}

extension ScratchTests {
    @Test func scratchFrame81() {
        let pts = [Point(x: 280, y: 109), Point(x: 312, y: 106), Point(x: 275, y: 185), Point(x: 321, y: 187), Point(x: 281, y: 236), Point(x: 322, y: 201), Point(x: 285, y: 367), Point(x: 328, y: 254)]
        let bl = pts.map { Blob(centroid: $0, area: 9, peak: 255, bounds: PixelRect(center: $0, radius: 1), mass: 2000) }
        let g = RearGeometry()
        func show(_ name: String, _ p: [Point]) {
            let legL = g.legCost(psi: p[0], thigh: p[2], knee: p[4], outward: -1)
            let legR = g.legCost(psi: p[1], thigh: p[3], knee: p[5], outward: 1)
            let legs = g.legsCost(left: (p[0], p[2], p[4]), right: (p[1], p[3], p[5]))
            let hL = g.heelCost(psi: p[0], knee: p[4], heel: p[6], outward: -1)
            let hR = g.heelCost(psi: p[1], knee: p[5], heel: p[7], outward: 1)
            print("f81 \(name): total \(g.cost(p) ?? -1) legL \(legL ?? -1) legR \(legR ?? -1) legs \(legs ?? -1) heelL \(hL ?? -1) heelR \(hR ?? -1)")
        }
        show("truth", pts)
        var fixed = [Int?](repeating: nil, count: 8)
        for m in [0, 1, 2, 4, 6] { fixed[m] = m }
        let a = RearLabeller().attempt(bl, fixed: fixed)
        print("f81 attempt fixed 0,1,2,4,6: \(a)")
        let c = RearLabeller().candidates(bl, fixed: fixed, margin: 16)
        for h in c.prefix(6) { show("cand \(h.blobForMarker.map { $0! })", h.blobForMarker.map { pts[$0!] }) }
    }
}

extension ScratchTests {
    @Test func scratchSide17() {
        for seed in [UInt64(17), 6] {
            let r = RunnerPopulation.runner(seed: seed)
            print("side17 \(r.summary)")
            let runner = r.simulatedRunner()
            let cam = r.simulatedCamera(.side, runner: runner)
            for i in [0, 10, 20, 30, 40] {
                let f = cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
                let p = f.truth!.markers.map { $0! }
                let thigh = p[1].distance(to: p[2])
                let ah = p[3].distance(to: p[4]) / thigh, am = p[3].distance(to: p[5]) / thigh, hm = p[4].distance(to: p[5]) / thigh
                let trunk = p[0].distance(to: p[1]) / thigh, shank = p[2].distance(to: p[3]) / thigh
                let c = SideLabeller().cost(p, forward: cam.camera.runningDirection)
                print(String(format: "side17 seed %d frame %d trunk %.2f shank %.2f ah %.2f am %.2f hm %.2f cost %@", seed, i, trunk, shank, ah, am, hm, c.map { String(format: "%.1f", $0) } ?? "nil"))
            }
        }
    }
}

extension ScratchTests {
    @Test func scratchFootRatios() {
        var amah: [Double] = [], hmam: [Double] = [], ah: [Double] = [], am: [Double] = [], hm: [Double] = [], sh: [Double] = [], tr: [Double] = []
        for seed in UInt64(1)...100 {
            let r = RunnerPopulation.runner(seed: seed)
            let m = r.model()
            let cam = r.camera(.side)
            let T = 1 / r.profile.strideFrequency
            for i in 0..<40 {
                let p = m.pose(at: Double(i) / 40 * T).markers(for: .side).map { cam.project($0)! }
                let thigh = p[1].distance(to: p[2])
                let a = p[3].distance(to: p[4]), b = p[3].distance(to: p[5]), c = p[4].distance(to: p[5])
                amah.append(b / a); hmam.append(c / b); ah.append(a / thigh); am.append(b / thigh); hm.append(c / thigh)
                sh.append(p[2].distance(to: p[3]) / thigh); tr.append(p[0].distance(to: p[1]) / thigh)
            }
        }
        func q(_ v: [Double]) -> String { let s = v.sorted(); return String(format: "min %.2f 1%% %.2f median %.2f 99%% %.2f max %.2f", s[0], s[s.count / 100], s[s.count / 2], s[s.count * 99 / 100], s.last!) }
        print("foot am/ah \(q(amah))"); print("foot hm/am \(q(hmam))")
        print("foot ah \(q(ah))"); print("foot am \(q(am))"); print("foot hm \(q(hm))"); print("foot shank \(q(sh))"); print("foot trunk \(q(tr))")
    }
}

extension ScratchTests {
    @Test func scratchStanding() {
        let truth = [Point(x: 300, y: 130), Point(x: 332, y: 130), Point(x: 296, y: 225), Point(x: 336, y: 225),
                     Point(x: 297, y: 290), Point(x: 335, y: 290), Point(x: 298, y: 430), Point(x: 334, y: 430)]
        let bl = truth.map { Blob(centroid: $0, area: 9, peak: 255, bounds: PixelRect(center: $0, radius: 1), mass: 2000) }
        print("standing \(RearLabeller().attempt(bl))")
        for c in RearLabeller().candidates(bl, margin: 16) { print("standing cand \(c.blobForMarker.map { $0! }) \(c.cost)") }
    }
}

extension ScratchTests {
    @Test func scratchHeelBalance() {
        var xs: [Double] = [], ys: [Double] = []
        for seed in UInt64(1)...200 {
            let r = RunnerPopulation.runner(seed: seed)
            let m = r.model()
            let cam = r.camera(.rear)
            let T = 1 / r.profile.strideFrequency
            for i in 0..<60 {
                let p = m.pose(at: Double(i) / 60 * T).markers(for: .rear).map { cam.project($0)! }
                let dL = p[4].y - p[0].y, dR = p[5].y - p[1].y
                let b = 2 * (dL - dR) / (dL + dR)
                let hh = 2 * ((p[6].y - p[0].y) - (p[7].y - p[1].y)) / (dL + dR)   // + left heel lower (relative to its spine)
                xs.append(b); ys.append(hh)
            }
        }
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        let sxy = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let sxx = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +), syy = ys.map { ($0 - my) * ($0 - my) }.reduce(0, +)
        print("heelbal corr \(sxy / (sxx * syy).squareRoot()), slope hh on b \(sxy / sxx)")
        // heel drop difference relative to its spine vs leg balance: swapped heels flip hh sign
        var agree = 0, disagree = 0
        for (b, h) in zip(xs, ys) where abs(h) > 0.3 { if b * h > 0 { agree += 1 } else { disagree += 1 } }
        print("heelbal |hh|>0.3: same sign \(agree), opposite \(disagree)")
        let k = sxy / sxx
        let res = zip(xs, ys).map { $1 - k * $0 }
        let sd = (res.map { $0 * $0 }.reduce(0, +) / n).squareRoot()
        print("heelbal residual sd \(sd), hh sd \((syy / n).squareRoot())")
    }
}
