import LiteModel

/// Typed access to the builtin options of the op being prepared.
extension OpContext {
    /// The fused activation stored in the options of ops that have one (NONE otherwise).
    var fusedActivationType: ActivationFunctionType {
        switch options {
        case .addOptions(let o)?: return o.fusedActivationFunction
        case .subOptions(let o)?: return o.fusedActivationFunction
        case .mulOptions(let o)?: return o.fusedActivationFunction
        case .divOptions(let o)?: return o.fusedActivationFunction
        case .concatenationOptions(let o)?: return o.fusedActivationFunction
        case .pool2DOptions(let o)?: return o.fusedActivationFunction
        case .conv2DOptions(let o)?: return o.fusedActivationFunction
        case .depthwiseConv2DOptions(let o)?: return o.fusedActivationFunction
        case .fullyConnectedOptions(let o)?: return o.fusedActivationFunction
        case .transposeConvOptions(let o)?: return o.fusedActivationFunction
        default: return .none
        }
    }

    /// The fused activation as a runtime value.
    func fusedActivation() throws -> FusedActivation { try activation(fusedActivationType) }

    /// An axis in `-rank..<rank` made non-negative, or a clear error.
    func normalizedAxis(_ axis: Int, rank: Int) throws -> Int {
        let value = axis < 0 ? axis + rank : axis
        guard value >= 0, value < max(rank, 1) else { throw fail("axis \(axis) is out of range for rank \(rank)") }
        return value
    }

    /// The known integer values of input `position` (a constant or a folded shape computation).
    func knownIntegers(_ position: Int, _ what: String) throws -> [Int] {
        let tensor = try input(position)
        guard let values = tensor.knownIntegers() else {
            throw unsupported("\(what) (input \(position)) must be known before running; it is computed at run time here")
        }
        return values
    }
}
