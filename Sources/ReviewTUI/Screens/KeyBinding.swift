/// One key of a console screen: what the user presses, how the help and the footer name it, and
/// the command it stands for. A screen's table of these is the one place its keys are written:
/// the key handling, the footer, the help overlay and the docs all read it.
public struct KeyBinding<Command: Sendable & Equatable>: Sendable {
    /// The keys of this line of the help and the command each gives ("left / right" is two).
    public var keys: [(key: Key, command: Command)]
    /// The keys as the help overlay names them ("left / right").
    public var names: String
    /// What the command does, for the help overlay and the docs.
    public var help: String
    /// The footer's short form in UTF-8 and in ASCII ("←/→ frame", "left/right frame"); nil when
    /// the key is only in the help.
    public var footer: (utf8: String, ascii: String)?

    public init(_ keys: [(key: Key, command: Command)], _ names: String, _ help: String,
                footer: (utf8: String, ascii: String)? = nil) {
        self.keys = keys
        self.names = names
        self.help = help
        self.footer = footer
    }

    /// One key, one command; the footer the same in UTF-8 and ASCII.
    public init(_ key: Key, _ command: Command, _ names: String, _ help: String, footer: String? = nil) {
        self.init([(key, command)], names, help, footer: footer.map { ($0, $0) })
    }
}

/// Lookups and renderings of a screen's key table.
public enum KeyTable {
    /// The command `key` gives, if any.
    public static func command<C>(for key: Key, in table: [KeyBinding<C>]) -> C? {
        for b in table { if let k = b.keys.first(where: { $0.key == key }) { return k.command } }
        return nil
    }

    /// The footer line: each binding's short form, two spaces apart. Within `width` columns the
    /// last two (help and quit) are always kept, and the others from the left as far as they fit.
    public static func footer<C>(_ table: [KeyBinding<C>], utf8: Bool, width: Int = .max) -> String {
        let all = table.compactMap { b in b.footer.map { utf8 ? $0.utf8 : $0.ascii } }
        let full = " " + all.joined(separator: "  ")
        guard full.count > width, all.count > 2 else { return full }
        let kept = Array(all.suffix(2))
        var used = 1 + kept.joined(separator: "  ").count
        var front: [String] = []
        for f in all.dropLast(2) where used + f.count + 2 <= width {
            front.append(f)
            used += f.count + 2
        }
        return " " + (front + kept).joined(separator: "  ")
    }

    /// The help overlay's lines: the key names in a column, then what they do.
    public static func helpLines<C>(_ table: [KeyBinding<C>]) -> [String] {
        let width = (table.map(\.names.count).max() ?? 0) + 3
        return table.map { TextFormat.padded($0.names, width) + $0.help }
    }

    /// A Markdown table of the keys, as docs/ carry it.
    public static func markdown<C>(_ table: [KeyBinding<C>]) -> String {
        "| key | what it does |\n|---|---|\n" + table.map { "| \($0.names) | \($0.help) |" }.joined(separator: "\n") + "\n"
    }
}
