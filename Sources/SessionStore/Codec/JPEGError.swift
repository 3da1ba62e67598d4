/// A picture libjpeg-turbo could not encode or decode: what was being done and TurboJPEG's own
/// message (`tjGetErrorStr2`), e.g. `JPEG decode: Not a JPEG file: starts with 0x00 0x01`.
public struct JPEGError: Error, Sendable, CustomStringConvertible, Equatable {
    /// "JPEG encode", "JPEG decode", ...
    public var operation: String
    public var message: String

    public init(_ operation: String, _ message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(operation): \(message)" }
}
