/// What the stride analyser keeps of one frame: its time, angles and the marker positions the
/// distance metrics need.
struct StrideSample: Sendable {
    var frame = -1
    var time = 0.0
    var angles = AngleSet()
    /// Side view: running direction, greater trochanter, heel, leg length in pixels (NaN if unknown).
    var forward = 0.0
    var gt: Point?
    var heel: Point?
    var legPixels = Double.nan
    /// Rear view: left and right heels.
    var leftHeel: Point?
    var rightHeel: Point?
}
