/// The camera cannot give the requested format: says what it does offer, in one line.
public struct NegotiationError: Error, Sendable, CustomStringConvertible {
    public var device: String
    public var problem: String
    public var formats: [FormatDescription]
    public var width: Int
    public var height: Int

    public init(device: String, problem: String, formats: [FormatDescription], width: Int, height: Int) {
        self.device = device
        self.problem = problem
        self.formats = formats
        self.width = width
        self.height = height
    }

    /// e.g. `/dev/video0: does not offer 800x600; it offers YUYV 640x480 (30, 15 fps), 1280x720 (10 fps); MJPG ...`
    public var description: String {
        var parts: [String] = []
        for f in formats {
            // At the asked size only its rates; otherwise every size with its fastest rate.
            let sizes = f.sizes.filter { $0.width == width && $0.height == height }
            let list = (sizes.isEmpty ? f.sizes : sizes).map { s in
                let rates = sizes.isEmpty ? (s.intervals.first.map { "\($0)" } ?? "?")
                    : s.intervals.map(\.description).joined(separator: ", ")
                return "\(s.width)x\(s.height) (\(rates) fps)"
            }
            parts.append("\(f.pixelFormat) " + list.joined(separator: ", "))
        }
        let offered = parts.isEmpty ? "no formats" : parts.joined(separator: "; ")
        return "\(device): \(problem); it offers \(offered)"
    }
}
