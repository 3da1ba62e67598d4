import Testing
import Foundation
@testable import CaptureKit
import MarkerTracker

@Test func scratchRender() throws {
    let runner = SimulatedRunner(seed: 3, clockOrigin: 1_000_000_000)
    for view in CameraView.allCases {
        let cam = SimulatedCamera(runner: runner, view: view, pacing: .unpaced)
        for (i, t) in [0.0, 0.1, 0.2, 0.3].enumerated() {
            let f = cam.render(index: UInt64(i), time: t)
            var data = Data("P5\n640 480\n255\n".utf8)
            data.append(contentsOf: f.luma.pixels)
            try data.write(to: URL(fileURLWithPath: "/tmp/sim-\(view.rawValue)-\(i).pgm"))
            print(view, t, f.truth!.markers.map { $0.map { "(\(Int($0.x)),\(Int($0.y)))" } ?? "-" }, f.truth!.angles.present(in: view).map { "\($0.0.shortName)=\(String(format: "%.1f", $0.1))" })
        }
    }
}
