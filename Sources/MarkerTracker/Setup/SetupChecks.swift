/// The setup screen's picture checks of one camera frame, in the screen's order: LEDs, exposure,
/// geometry, placement (the frame-rate check needs the camera's statistics: `FrameRateCheck`).
public enum SetupChecks {
    /// LED-like spots in `image` (the tracker's own blob detector and levels): their centres.
    public static func spots(in image: LumaImage) -> [Point] {
        var detector = BlobDetector()
        return detector.detect(in: image, levels: ExposureLevels.estimate(image)).map(\.centroid)
    }

    /// The checks of one frame of `view` whose tracked markers are `markers`.
    public static func frame(view: CameraView, image: LumaImage, markers: MarkerFrame, side: BodySide = .right) -> [SetupFinding] {
        [
            LEDCheck.check(view: view, markers: markers, spots: spots(in: image), width: image.width, height: image.height,
                           side: side),
            ExposureCheck.check(view: view, image: image, markers: markers),
            GeometryCheck.check(view: view, markers: markers, width: image.width, height: image.height),
            PlacementCheck.check(view: view, markers: markers, side: side),
        ]
    }
}
