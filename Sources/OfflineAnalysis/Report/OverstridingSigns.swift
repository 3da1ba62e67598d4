public import MarkerTracker

/// The four signs of over-striding at initial contact, as 2D running analysis reads them (Souza
/// 2016): the tibia inclined forward (ankle ahead of the knee), the foot pitched up, the knee
/// nearly straight, and the heel far ahead of the hip (Wille 2014). The literature gives no
/// cut-offs; these working thresholds are documented in docs/report.md, and a finding needs
/// `required` of the four so that one borderline sign neither makes nor unmakes it.
public struct OverstridingSigns: Sendable, Equatable {
    /// Tibia angle at contact above this (degrees): forward of vertical by more than the 2D SDD.
    public var tibiaAbove = 4.8
    /// Foot angle at contact above this (degrees).
    public var footAbove = 10.0
    /// Knee flexion at contact below this (degrees): 21 in level running minus the knee SDD.
    public var kneeBelow = ReferenceValues.typicalKneeAtContact - 3.8
    /// Heel ahead of the greater trochanter above this fraction of the leg length (trochanter to floor).
    public var heelAheadLegFraction = 0.20
    /// Used when the leg length is not known (centimetres).
    public var heelAheadDefaultCm = 18.0
    /// Signs needed for a finding.
    public var required = 3

    public init() {}

    /// The heel threshold in centimetres for a leg of `legLengthCm`.
    public func heelAheadCm(legLengthCm: Double?) -> Double {
        legLengthCm.map { $0 * heelAheadLegFraction } ?? heelAheadDefaultCm
    }

    /// Each sign's metric, threshold and whether a mean above (true) or below (false) it counts.
    public func signs(legLengthCm: Double?) -> [(metric: StrideMetric, threshold: Double, above: Bool)] {
        [(.tibiaAngleAtContact, tibiaAbove, true), (.footAngleAtContact, footAbove, true),
         (.kneeFlexionAtContact, kneeBelow, false), (.overstride, heelAheadCm(legLengthCm: legLengthCm), true)]
    }
}
