public import MarkerTracker

/// Placeholder until the HTML renderer lands.
public enum HTMLReport {
    public static func render(_ r: GaitReport) -> String { "<!DOCTYPE html><html><body>\(MarkdownReport.render(r))</body></html>" }
}
