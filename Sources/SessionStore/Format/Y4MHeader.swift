/// The stream header of a YUV4MPEG2 (Y4M) file: picture size, frame rate, colour layout.
///
/// Y4M is a plain header line followed by `FRAME` + raw planes per picture, so ffmpeg, mpv and
/// VLC read it and a crash leaves every whole frame readable. gaitlive writes `Cmono` (luma only)
/// or `C420jpeg`, progressive, square pixels; it reads mono and the 4:2:0 variants.
public struct Y4MHeader: Sendable, Equatable {
    /// How the planes of one frame are laid out.
    public enum Colour: String, Sendable, Equatable {
        case mono = "mono"
        case c420jpeg = "420jpeg"
        case c420paldv = "420paldv"
        case c420mpeg2 = "420mpeg2"
        case c420 = "420"

        public var hasChroma: Bool { self != .mono }
    }

    public var width: Int
    public var height: Int
    public var rateNumerator: Int
    public var rateDenominator: Int
    public var colour: Colour
    /// `X` comment parameters (e.g. `XGAITLIVE_VIEW=side`), without the X.
    public var comments: [String]

    public init(width: Int, height: Int, rateNumerator: Int, rateDenominator: Int, colour: Colour,
                comments: [String] = []) {
        self.width = width
        self.height = height
        self.rateNumerator = rateNumerator
        self.rateDenominator = rateDenominator
        self.colour = colour
        self.comments = comments
    }

    /// A header for `fps` frames per second, as an exact fraction where the rate is a common one.
    public init(width: Int, height: Int, framesPerSecond fps: Double, colour: Colour, comments: [String] = []) {
        let (n, d) = Y4MHeader.fraction(fps)
        self.init(width: width, height: height, rateNumerator: n, rateDenominator: d, colour: colour, comments: comments)
    }

    static func fraction(_ fps: Double) -> (Int, Int) {
        if abs(fps - fps.rounded()) < 1e-9 { return (Int(fps.rounded()), 1) }
        for base in [24.0, 30.0, 60.0, 120.0, 240.0] where abs(fps - base * 1000 / 1001) < 1e-3 {
            return (Int(base) * 1000, 1001)
        }
        return (Int((fps * 1000).rounded()), 1000)
    }

    public var framesPerSecond: Double { Double(rateNumerator) / Double(rateDenominator) }

    /// Bytes of picture data per frame (after the `FRAME` line).
    public var frameBytes: Int {
        let luma = width * height
        guard colour.hasChroma else { return luma }
        let c = ((width + 1) / 2) * ((height + 1) / 2)
        return luma + 2 * c
    }

    /// The header line including its newline.
    public var line: String {
        var s = "YUV4MPEG2 W\(width) H\(height) F\(rateNumerator):\(rateDenominator) Ip A1:1 C\(colour.rawValue)"
        for c in comments { s += " X\(c)" }
        return s + "\n"
    }

    /// Why a header line could not be used.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case notY4M
        case missing(String)
        case unsupported(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .notY4M: "not a YUV4MPEG2 file (no YUV4MPEG2 signature)"
            case .missing(let what): "Y4M header has no \(what)"
            case .unsupported(let what): "unsupported Y4M \(what)"
            case .invalid(let what): "invalid Y4M \(what)"
            }
        }
    }

    /// Parses a header line (without the newline).
    public init(parsing line: String) throws(ParseError) {
        var words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard words.first == "YUV4MPEG2" else { throw .notY4M }
        words.removeFirst()
        var w: Int?, h: Int?, num = 25, den = 1
        var colour = Colour.c420jpeg
        var comments: [String] = []
        for word in words {
            let tag = word.first!
            let value = word.dropFirst()
            switch tag {
            case "W":
                guard let v = Int(value), v > 0, v <= 16384 else { throw .invalid("width '\(value)'") }
                w = v
            case "H":
                guard let v = Int(value), v > 0, v <= 16384 else { throw .invalid("height '\(value)'") }
                h = v
            case "F":
                let parts = value.split(separator: ":")
                guard parts.count == 2, let n = Int(parts[0]), let d = Int(parts[1]), n > 0, d > 0 else {
                    throw .invalid("frame rate '\(value)'")
                }
                num = n
                den = d
            case "C":
                let name = String(value)
                if name == "mono" || name == "mono8" {
                    colour = .mono
                } else if let c = Colour(rawValue: name) {
                    colour = c
                } else {
                    throw .unsupported("colour space C\(name) (gaitlive reads mono and 4:2:0)")
                }
            case "I":
                guard value == "p" || value == "?" else { throw .unsupported("interlacing I\(value) (progressive only)") }
            case "X":
                comments.append(String(value))
            case "A":
                break
            default:
                break
            }
        }
        guard let w else { throw .missing("width (W)") }
        guard let h else { throw .missing("height (H)") }
        self.init(width: w, height: h, rateNumerator: num, rateDenominator: den, colour: colour, comments: comments)
    }
}
