public import MarkerTracker
public import SessionStore

extension MarkerTrust {
    /// Reads the markers of every frame of `view` (with corrections applied when given).
    public init(view: RecordedView, corrections: MarkerCorrections? = nil) {
        var bits = [UInt16](repeating: 0, count: view.frameCount)
        for n in 0..<view.frameCount {
            var markers = view.markers(at: n)
            if let c = corrections { markers = c.apply(markers, frame: n) }
            bits[n] = MarkerTrust.mask(markers)
        }
        self.init(masks: bits)
    }
}

extension MetricDependencies.EventFrames {
    /// A stride of a recorded stage (its recorded frame numbers).
    public init(_ r: StrideRecord) {
        self.init(contact: r.contactFrame, toeOff: r.toeOffFrame, midstance: r.midstanceFrame, nextContact: r.nextContactFrame)
    }
}
