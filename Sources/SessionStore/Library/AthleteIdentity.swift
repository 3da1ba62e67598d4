import Foundation

/// Who an athlete's name means: names are compared folded (Unicode canonical decomposition with
/// the combining marks dropped, case folded, spaces collapsed), so "ana ruíz" is "Ana Ruiz"; a
/// name within `nearDistance` edits of a known one, folded, is a near miss worth a warning
/// ("Ana Ruis: did you mean Ana Ruiz?").
public enum AthleteIdentity {
    /// Largest edit distance (insertions, deletions, substitutions of characters, folded names)
    /// still called a near miss.
    public static let nearDistance = 2

    /// What a typed name matches among the known names.
    public enum Match: Equatable, Sendable {
        /// The same athlete, as the library spells the name.
        case same(String)
        /// No such athlete; these are close (nearest first).
        case near([String])
        /// No such athlete and none close.
        case unknown
    }

    /// The name as compared: NFD, combining marks dropped, lowercased, runs of white space as one
    /// space, trimmed.
    public static func folded(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for u in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if u.properties.generalCategory == .nonspacingMark { continue }
            if u.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.append(u)
        }
        return String(out).lowercased()
    }

    /// Levenshtein distance between two strings, by characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// Whether two names are the same athlete.
    public static func same(_ a: String, _ b: String) -> Bool { folded(a) == folded(b) }

    /// `typed` against `known` (the names in the library, as written in the manifests).
    public static func match(_ typed: String, among known: [String]) -> Match {
        let f = folded(typed)
        if let hit = known.first(where: { folded($0) == f }) { return .same(hit) }
        var near: [(String, Int)] = []
        for k in known {
            let d = editDistance(f, folded(k))
            if d <= nearDistance && !near.contains(where: { same($0.0, k) }) { near.append((k, d)) }
        }
        near.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return near.isEmpty ? .unknown : .near(near.map(\.0))
    }

    /// The warning for a near miss: "Ana Ruis: did you mean Ana Ruiz?" (nil otherwise).
    public static func warning(_ typed: String, among known: [String]) -> String? {
        guard case .near(let names) = match(typed, among: known) else { return nil }
        return "\(typed): did you mean \(names.joined(separator: " or "))?"
    }
}
