import LiteModel

/// Why a model could not be optimized, worded for the person running the tool.
public enum OptimizationError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The recipe or one of its rules is malformed.
    case badRecipe(String)
    /// int8 / int16x8 need calibration samples.
    case missingCalibration(scheme: String)
    /// The calibration data does not fit the model.
    case badCalibration(String)
    /// The model cannot be handled (no subgraph, running it failed…).
    case unsupportedModel(String)
    /// The result could not be encoded or is invalid.
    case model(ModelError)

    public var description: String {
        switch self {
        case .badRecipe(let message): return "bad recipe: \(message)"
        case .missingCalibration(let scheme):
            return "the \(scheme) recipe quantizes activations and needs calibration samples: pass --calibration FILE.npy|FILE.npz"
        case .badCalibration(let message): return "calibration data: \(message)"
        case .unsupportedModel(let message): return "cannot optimize this model: \(message)"
        case .model(let error): return error.description
        }
    }
}
