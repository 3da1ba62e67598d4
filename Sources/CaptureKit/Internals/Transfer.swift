/// Moves a non-Sendable value (a frame source) into the one thread that will own it.
///
/// The value is taken exactly once; the box is `@unchecked Sendable` because ownership passes
/// from the creating thread to the capture thread and never back.
public final class Transfer<Value>: @unchecked Sendable {
    private var value: Value?

    public init(_ value: Value) { self.value = value }

    /// The value; must be called once, by the receiving thread.
    public func take() -> Value {
        guard let v = value else { preconditionFailure("Transfer.take() called twice") }
        value = nil
        return v
    }
}
