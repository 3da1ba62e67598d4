/// Setup check: the frame rate the camera granted and the frames it dropped lately.
public enum FrameRateCheck {
    /// The tracker is checked at 120 fps; below 100 fast runners' markers can be mislabelled.
    public static let checkedFramesPerSecond = 100.0

    public static func check(view: CameraView, nominal: Double, measured: Double, droppedRecently: Int,
                             seconds: Double) -> SetupFinding {
        let rate = "\(Int(measured.rounded())) fps (asked \(Int(nominal.rounded())))"
        if measured <= 0 {
            return SetupFinding(view: view, check: "frame rate", verdict: .fail, advice: "no frames yet: is the camera streaming?")
        }
        if droppedRecently > 0 {
            return SetupFinding(view: view, check: "frame rate", verdict: .warn,
                                advice: rate + ", \(droppedRecently) dropped in the last \(Int(seconds.rounded())) s: "
                                    + "another USB controller, MJPEG or a smaller frame size")
        }
        if measured < checkedFramesPerSecond {
            return SetupFinding(view: view, check: "frame rate", verdict: .warn,
                                advice: rate + ": run the camera at 120 fps (tracking is checked at 120)")
        }
        return SetupFinding(view: view, check: "frame rate", verdict: .pass, advice: rate + ", no drops")
    }
}
