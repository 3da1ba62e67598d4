public import MarkerTracker
public import CaptureKit
public import SessionStore

extension V4L2Camera {
    /// This camera as one camera of a `LiveSession`: its manifest entry (what was granted, where
    /// it is plugged), a recording format matching what it sends (4:2:0 colour, or mono for GREY),
    /// and its controls. The camera itself moves into the session's capture thread.
    public func sessionCamera(markerSide: BodySide?) -> LiveSession.Camera {
        let n = negotiated
        let fps = n.framesPerSecond ?? nominalFramesPerSecond
        let description = SessionManifest.Camera(
            view: view, device: path, card: self.description.card, width: n.width, height: n.height,
            pixelFormat: n.pixelFormat.description, nominalFps: fps, markerSide: view == .side ? markerSide : nil,
            driver: self.description.driver, busInfo: self.description.busInfo, serial: self.description.serial,
            bytesPerLine: n.bytesPerLine, timestampSource: kernelTimestamps ? "kernel-monotonic" : "dequeue")
        let format = Y4MHeader(width: n.width, height: n.height, framesPerSecond: fps,
                               colour: n.pixelFormat.hasColour ? .c420jpeg : .mono,
                               comments: ["GAITLIVE_VIEW=\(view.rawValue)"])
        return LiveSession.Camera(view: view, source: Transfer(self), description: description,
                                  recordingFormat: format, controls: controls)
    }
}
