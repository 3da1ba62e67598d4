public import ArgumentParser
import MarkerTracker

/// `--view side|rear` on the command line.
extension CameraView: ExpressibleByArgument {}
