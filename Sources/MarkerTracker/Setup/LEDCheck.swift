/// Setup check: the LEDs a camera finds against its marker set, each named by its landmark.
///
/// Missing ones are named ("no LED near the right knee"); bright spots that are not a labelled
/// LED are counted with where they are in the picture ("2 extra bright spots, upper left").
public enum LEDCheck {
    /// The landmark of marker `index` of `view` in words; `side` is the side camera's leg.
    public static func landmark(_ view: CameraView, _ index: Int, side: BodySide) -> String {
        switch view {
        case .side:
            let names = ["shoulder", "hip (greater trochanter)", "knee", "ankle", "heel", "little-toe joint (5th metatarsal)"]
            return index < names.count ? "\(side.rawValue) \(names[index])" : "marker \(index)"
        case .rear:
            let names = ["left PSIS", "right PSIS", "left thigh", "right thigh", "left knee", "right knee", "left heel", "right heel"]
            return index < names.count ? names[index] : "marker \(index)"
        }
    }

    /// Where a point lies in a picture, in words ("upper left", "centre").
    public static func place(_ p: Point, width: Int, height: Int) -> String {
        let col = min(2, max(0, Int(3 * p.x / Double(max(1, width)))))
        let row = min(2, max(0, Int(3 * p.y / Double(max(1, height)))))
        let v = ["upper", "middle", "lower"][row], h = ["left", "centre", "right"][col]
        if row == 1 && col == 1 { return "centre" }
        if row == 1 { return "middle \(h)" }
        return col == 1 ? "\(v) centre" : "\(v) \(h)"
    }

    /// The check on one frame: the labelled markers, and the LED-like spots found in the picture.
    public static func check(view: CameraView, markers: MarkerFrame, spots: [Point], width: Int, height: Int,
                             side: BodySide = .right) -> SetupFinding {
        let set = MarkerSet.standard(for: view)
        // A marker bridged over a gap (predicted) is not an LED seen.
        let found = (0..<set.count).filter { $0 < markers.count && markers[$0] != nil && markers[$0]?.source != .predicted }
        let missing = (0..<set.count).filter { !found.contains($0) }
        // A spot within 8 px of a labelled LED is that LED.
        let labelled = found.compactMap { markers[$0]?.position }
        let extra = spots.filter { s in !labelled.contains { $0.distance(to: s) <= 8 } }
        if found.isEmpty {
            return SetupFinding(view: view, check: "LEDs", verdict: .fail,
                                advice: "none of the \(set.count) LEDs labelled (\(spots.count) bright spots seen): "
                                    + "stand the athlete in view, every LED lit and facing the camera")
        }
        var advice = "\(found.count) of \(set.count) LEDs found"
        if !missing.isEmpty {
            advice += "; no LED near the " + missing.prefix(2).map { landmark(view, $0, side: side) }.joined(separator: " or the ")
            if missing.count > 2 { advice += " (and \(missing.count - 2) more)" }
        }
        if !extra.isEmpty {
            var places: [String: Int] = [:]
            for e in extra { places[place(e, width: width, height: height), default: 0] += 1 }
            let top = places.sorted { $0.value > $1.value }.first!.key
            advice += "; \(extra.count) extra bright spot\(extra.count == 1 ? "" : "s"), \(top): cover or remove"
        }
        let verdict: SetupFinding.Verdict = missing.isEmpty ? (extra.isEmpty ? .pass : .warn) : .fail
        if verdict == .fail { advice += ": check the LED is lit, on its landmark and not hidden by clothing" }
        return SetupFinding(view: view, check: "LEDs", verdict: verdict, advice: advice)
    }
}
