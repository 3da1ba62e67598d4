/// A proposed labelling of one frame's blobs: which blob is which marker, and how plausible it is.
public struct LabelHypothesis: Sendable, Hashable {
    /// For each marker index of the view's set, the index into the blob list (nil = unassigned:
    /// no blob for it, or the body's shape cannot tell which blob it is).
    public var blobForMarker: [Int?]
    /// Lower is better; 0 is a body exactly of the expected proportions.
    public var cost: Double
    /// Side view only: +1 running toward image right, -1 toward image left, 0 unknown.
    public var forward: Double
    /// Why some markers are left unassigned though the frame has a labelling (nil when none is).
    public var unsure: LabellingFailure?

    public init(blobForMarker: [Int?], cost: Double, forward: Double, unsure: LabellingFailure? = nil) {
        self.blobForMarker = blobForMarker
        self.cost = cost
        self.forward = forward
        self.unsure = unsure
    }
}
