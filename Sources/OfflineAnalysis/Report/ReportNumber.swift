import Foundation
public import MarkerTracker

/// How the report writes numbers: fixed decimals by unit, a real minus sign never, "+" on
/// differences.
public enum ReportNumber {
    /// Decimals shown for a unit.
    public static func decimals(_ unit: StrideMetric.Unit) -> Int {
        switch unit {
        case .milliseconds, .stepsPerMinute: 0
        case .degrees, .centimetres: 1
        }
    }

    public static func format(_ v: Double, decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", v)
        return s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    /// A value of `metric` with its unit, e.g. "9.0 deg".
    public static func value(_ v: Double, _ metric: StrideMetric) -> String {
        format(v, decimals: decimals(metric.unit)) + " " + metric.unit.rawValue
    }

    /// A signed difference, e.g. "+4.0".
    public static func signed(_ v: Double, _ metric: StrideMetric) -> String {
        let s = format(v, decimals: decimals(metric.unit))
        return s.hasPrefix("-") || Double(s) == 0 ? s : "+" + s
    }

    /// A value without its unit.
    public static func plain(_ v: Double, _ metric: StrideMetric) -> String {
        format(v, decimals: decimals(metric.unit))
    }
}
