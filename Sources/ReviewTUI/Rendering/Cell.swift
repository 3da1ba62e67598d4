/// One character cell of the console: a character, xterm-256 foreground and background colour
/// indices, and attributes.
///
/// The whole console is drawn into a grid of these first (testable without a terminal); the
/// curses layer copies the grid to the screen.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var foreground: UInt8
    public var background: UInt8
    public var attributes: Attributes

    /// Text attributes a cell may carry.
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1)
        public static let reverse = Attributes(rawValue: 2)
        public static let dim = Attributes(rawValue: 4)
    }

    public init(_ character: Character = " ", foreground: UInt8 = Palette.text, background: UInt8 = Palette.panel,
                attributes: Attributes = []) {
        self.character = character
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let blank = Cell()
}
