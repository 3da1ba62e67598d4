/// The tracker's answer for one frame of one view.
public struct TrackedFrame: Sendable, Hashable {
    /// Labelled markers, indexed like the view's `MarkerSet` (nil = missing).
    public var markers: MarkerFrame
    /// LED candidates seen (after rejection of shapes that cannot be LEDs).
    public var blobCount: Int
    public var status: TrackingStatus
    /// Side view running direction: +1 image right, -1 image left, 0 not known yet.
    public var forward: Double
    /// Whether the whole frame was scanned (acquisition or re-acquisition) rather than windows.
    public var fullScan: Bool
    /// LED-like spots that are not markers (lamps, reflections, a spare LED), counted at the
    /// latest whole-frame scan: worth removing from the scene when not 0.
    public var strayLights: Int
    /// Why markers are missing though LEDs are seen (`searching`, or `partial` while labels are
    /// being decided): the check that failed and on which marker. nil when nothing is missing for
    /// a reason the tracker knows. Shown on the status line, not stored in sessions.
    public var reason: LabellingFailure?

    public init(markers: MarkerFrame, blobCount: Int, status: TrackingStatus, forward: Double, fullScan: Bool,
                strayLights: Int = 0, reason: LabellingFailure? = nil) {
        self.markers = markers
        self.blobCount = blobCount
        self.status = status
        self.forward = forward
        self.fullScan = fullScan
        self.strayLights = strayLights
        self.reason = reason
    }

    /// The status for the console's status line: the status, the markers detected of the
    /// view's, and why markers are missing when the tracker knows ("searching 0/8: LHEE or
    /// LKNE?", "partial 6/8: no spot fits RHEE", "tracking 6/6").
    public func statusLine(_ markerSet: MarkerSet) -> String {
        var detected = 0
        for case let m? in markers where m.source == .detected { detected += 1 }
        var line = "\(status.display) \(detected)/\(markers.count)"
        if let reason, status == .searching || status == .partial { line += ": " + reason.describe(markerSet) }
        return line
    }
}
