/// Adds a clinician's note to a saved session: read the manifest, append, replace it atomically.
public enum SessionNotes {
    /// Appends a note stamped `seconds` (session clock; nil for the whole session).
    public static func add(_ text: String, seconds: Double?, to directory: String) throws {
        var manifest = try ManifestStore.read(from: directory)
        manifest.notes.append(SessionManifest.Note(seconds: seconds, text: text))
        try ManifestStore.write(manifest, to: directory)
    }
}
