/// Why a plan file cannot be used.
package enum PlanFileError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid(String)

    package var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read the plan \(path): \(reason)"
        case .invalid(let problem): "the plan is not usable: \(problem); make a new one with syncro-fusion plan"
        }
    }

    func located(in path: String) -> PlanFileError {
        switch self {
        case .unreadable: self
        case .invalid(let problem): .invalid("\(path): \(problem)")
        }
    }
}
