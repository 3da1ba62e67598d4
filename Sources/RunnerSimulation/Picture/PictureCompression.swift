public import MarkerTracker
import SessionStore

/// Sends a simulated picture through JPEG at one quality and back (`CameraPicture.jpegQuality`),
/// as an MJPEG camera's compression and the capture thread's decoder do. The luma plane is
/// coded as a grey JPEG: a colour JPEG codes its luma the same way (the same quantisation table
/// and blocks), and the tracker reads luma only.
final class PictureCompression {
    let quality: Int
    private let encoder: JPEGEncoder
    private let decoder: JPEGDecoder

    init(quality: Int) {
        self.quality = quality
        do {
            encoder = try JPEGEncoder(quality: quality)
            decoder = try JPEGDecoder()
        } catch {
            // Only an out-of-range quality (validated by every caller) or no memory get here.
            preconditionFailure("cannot set up JPEG at quality \(quality): \(error)")
        }
    }

    /// `image` after a JPEG round trip; a picture the codec refuses is returned as it was
    /// (not expected: the simulator's pictures are ordinary 8-bit planes).
    func roundTrip(_ image: LumaImage) -> LumaImage {
        do {
            return try decoder.luma(try encoder.encode(luma: image))
        } catch {
            return image
        }
    }
}
