public import SessionStore

/// How many minutes of recording the disk still holds at the current rate, for the live header
/// (issue #15, item 6).
///
/// While recording, the rate is measured: bytes the recorder wrote over the last
/// `window` seconds of recording. Before recording, and until a few seconds were measured, it
/// is the expected rate (`LiveSession.expectedBytesPerMinute`, all cameras). Free space is
/// read with `statvfs(3)` (`FreeSpace.bytesAvailable`) at most once a second.
public struct RecordingRoom: Sendable {
    /// Seconds of recording the measured rate is taken over.
    public static let window = 10.0
    /// Seconds of recording needed before the measured rate replaces the expected one.
    public static let minimumMeasured = 2.0
    /// Below this many minutes the header shows the figure as a warning (the start check refuses
    /// to begin recording with less: `LiveSession.Options.minimumFreeMinutes`, 2 by default).
    public static let warningMinutes = 5.0

    public let directory: String
    public let expectedBytesPerMinute: Double
    /// (seconds recorded, bytes written) samples, oldest first, over the last `window` seconds.
    var samples: [(seconds: Double, bytes: UInt64)] = []
    var freeBytes: UInt64?
    var freeReadAt: UInt64?

    public init(directory: String, expectedBytesPerMinute: Double) {
        self.directory = directory
        self.expectedBytesPerMinute = expectedBytesPerMinute
    }

    /// Adds the recorder's byte count at `recordedSeconds` of recording.
    public mutating func add(recordedSeconds: Double, bytesWritten: UInt64) {
        if let last = samples.last, recordedSeconds <= last.seconds {
            if bytesWritten > last.bytes { samples[samples.count - 1].bytes = bytesWritten }
            return
        }
        samples.append((recordedSeconds, bytesWritten))
        while let first = samples.first, recordedSeconds - first.seconds > Self.window, samples.count > 2 {
            samples.removeFirst()
        }
    }

    /// Bytes per minute: measured over the recent recording, else expected.
    public var bytesPerMinute: Double {
        guard let a = samples.first, let b = samples.last, b.seconds - a.seconds >= Self.minimumMeasured,
              b.bytes > a.bytes else { return expectedBytesPerMinute }
        return Double(b.bytes - a.bytes) / (b.seconds - a.seconds) * 60
    }

    /// Reads the free space again if the last reading is older than a second (`now`: monotonic ns).
    public mutating func refreshFreeSpace(now: UInt64) {
        if let at = freeReadAt, now >= at, now - at < 1_000_000_000 { return }
        freeReadAt = now
        freeBytes = FreeSpace.bytesAvailable(at: directory)
    }

    /// Minutes of recording left at the current rate (nil when the disk cannot be read or
    /// nothing would be written).
    public var minutesLeft: Double? {
        guard let free = freeBytes, bytesPerMinute > 0 else { return nil }
        return Double(free) / bytesPerMinute
    }
}
