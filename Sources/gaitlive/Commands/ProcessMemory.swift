import Foundation

/// This process's memory as the kernel counts it, for the benchmarks.
enum ProcessMemory {
    /// Resident memory (`VmRSS` of /proc/self/status), bytes; 0 where it cannot be read.
    static func residentBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }
}
