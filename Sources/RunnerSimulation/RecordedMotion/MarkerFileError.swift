/// Why a recorded-motion file cannot be used; `description` names the file and the problem.
public struct MarkerFileError: Error, Sendable, CustomStringConvertible, Equatable {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
