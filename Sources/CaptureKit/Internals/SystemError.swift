import Glibc

/// A failed system call or device request: what was being done, to which file or device, and
/// the errno it returned.
///
/// `description` is the one line the command line prints, e.g.
/// `/dev/video2: cannot open: Permission denied (add your user to the 'video' group)`.
public struct SystemError: Error, Sendable, CustomStringConvertible, Equatable {
    public var operation: String
    public var path: String
    public var errno: Int32
    /// Extra advice for the user, if any.
    public var hint: String?
    /// Whether `operation` already says what is wrong ("no such directory"), so the errno's own
    /// text would only repeat it ("no such directory: No such file or directory").
    public var statesProblem = false

    public init(_ operation: String, path: String, errno: Int32, hint: String? = nil) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.hint = hint
    }

    /// Captures the current `errno`.
    public static func current(_ operation: String, path: String, hint: String? = nil) -> SystemError {
        SystemError(operation, path: path, errno: Glibc.errno, hint: hint)
    }

    /// A problem stated in words (`"no such directory"`), printed without the errno's text.
    public static func problem(_ text: String, path: String, errno: Int32, hint: String? = nil) -> SystemError {
        var e = SystemError(text, path: path, errno: errno, hint: hint)
        e.statesProblem = true
        return e
    }

    public var message: String { String(cString: strerror(errno)) }

    public var description: String {
        var s = statesProblem ? "\(path): \(operation)" : "\(path): \(operation): \(message)"
        if let hint { s += " (\(hint))" }
        return s
    }
}
