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

    /// The status with its reason, for the console: "searching: LHEE or LKNE?".
    public func statusLine(_ markerSet: MarkerSet) -> String {
        guard let reason, status == .searching || status == .partial else { return status.display }
        return "\(status.display): \(reason.describe(markerSet))"
    }
}
