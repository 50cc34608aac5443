import LiteModel

/// A parameter limit on one op, checked against the model file. JSON: `{"kind": "maxStride",
/// "value": 3}`; the kinds are listed in `Resources/advisor/README.md`.
public struct OpConstraint: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// Fused activation must be one of `allowed` (schema names: NONE, RELU, RELU6, …).
        case fusedActivation
        /// Conv strides at most `value`.
        case maxStride
        /// No dilation (both factors 1).
        case noDilation
        /// Dilation only together with stride 1.
        case dilationNeedsUnitStride
        /// Same dilation in height and width.
        case sameDilation
        /// Depthwise: multiplier 1, or >1 only for a 1-channel input without dilation.
        case depthMultiplier
        /// Filter height (dimension 1 of the filter) at least `value`.
        case minFilterHeight
        /// Weights (input 1) quantized per tensor, not per channel.
        case perTensorWeights
        /// FULLY_CONNECTED: `keep_num_dims` false.
        case noKeepNumDims
        /// FULLY_CONNECTED: default weights format.
        case defaultWeightsFormat
        /// SOFTMAX: beta 1.
        case unitBeta
        /// Between `min` and `max` inputs (non-absent).
        case inputCount
        /// Input `index` is a constant tensor (or the DEQUANTIZE of one).
        case constantInput
        /// STRIDED_SLICE: constant strides, all 1.
        case unitStrides
        /// STRIDED_SLICE: the listed masks (`ellipsis`, `newAxis`, `shrinkAxis`) are 0.
        case zeroMasks
        /// Reductions: constant axes that do not include the batch axis 0.
        case noBatchAxis
        /// Reductions: constant axes equal to one of `axes` (as sets in order, e.g. [[1,2],[2,1]]).
        case reductionAxes
        /// Input 0 has at most `value` elements.
        case maxInputElements
        /// Input 0 has one of the ranks in `ranks`.
        case inputRank
    }

    public var kind: Kind
    public var value: Int?
    public var min: Int?
    public var max: Int?
    public var index: Int?
    public var allowed: [String]?
    public var masks: [String]?
    public var axes: [[Int]]?
    public var ranks: [Int]?

    /// nil when `view` satisfies the limit, else one sentence saying what is wrong.
    func violation(in view: OperatorView) -> String? {
        switch kind {
        case .fusedActivation:
            let allowed = allowed ?? ["NONE"]
            guard let activation = view.fusedActivation, let name = activation.name, !allowed.contains(name) else { return nil }
            return "fused activation \(name) is not accepted (allowed: \(allowed.joined(separator: ", ")))"
        case .maxStride:
            guard let g = view.convGeometry, let limit = value, Swift.max(g.strideH, g.strideW) > limit else { return nil }
            return "stride \(g.strideH)×\(g.strideW) exceeds \(limit)"
        case .noDilation:
            guard let g = view.convGeometry, g.dilationH > 1 || g.dilationW > 1 else { return nil }
            return "dilation \(g.dilationH)×\(g.dilationW) is not supported"
        case .dilationNeedsUnitStride:
            guard let g = view.convGeometry, g.dilationH > 1 || g.dilationW > 1, g.strideH > 1 || g.strideW > 1 else { return nil }
            return "dilation is supported only with stride 1"
        case .sameDilation:
            guard let g = view.convGeometry, g.dilationH != g.dilationW else { return nil }
            return "dilation differs in height (\(g.dilationH)) and width (\(g.dilationW))"
        case .depthMultiplier:
            guard case .depthwiseConv2DOptions(let o) = view.op.builtinOptions, o.depthMultiplier > 1 else { return nil }
            let inputDepth = view.input(0)?.dimensions.last ?? 0
            let dilated = o.dilationHFactor > 1 || o.dilationWFactor > 1
            return inputDepth == 1 && !dilated ? nil : "depth multiplier \(o.depthMultiplier) is supported only for a 1-channel input without dilation"
        case .minFilterHeight:
            guard let filter = view.input(1), filter.dimensions.count == 4, let limit = value, filter.dimensions[1] < limit else { return nil }
            return "filter height \(filter.dimensions[1]) is below \(limit)"
        case .perTensorWeights:
            guard let weights = view.input(1), weights.isPerAxisQuantized else { return nil }
            return "weights are quantized per channel; only per-tensor weights are accepted"
        case .noKeepNumDims:
            guard case .fullyConnectedOptions(let o) = view.op.builtinOptions, o.keepNumDims else { return nil }
            return "keep_num_dims is set"
        case .defaultWeightsFormat:
            guard case .fullyConnectedOptions(let o) = view.op.builtinOptions, o.weightsFormat != .default else { return nil }
            return "weights are in a shuffled format"
        case .unitBeta:
            guard case .softmaxOptions(let o) = view.op.builtinOptions, o.beta != 1 else { return nil }
            return "softmax beta is \(o.beta), only 1 is accepted"
        case .inputCount:
            let count = view.inputs.count
            if let low = min, count < low { return "\(count) inputs, at least \(low) needed" }
            if let high = max, count > high { return "\(count) inputs, at most \(high) accepted" }
            return nil
        case .constantInput:
            let position = index ?? 1
            guard view.input(position) != nil, !view.isStaticInput(position) else { return nil }
            return "input \(position) must be constant"
        case .unitStrides:
            guard let strides = view.constantInts(3) else { return "strides are not constant" }
            return strides.allSatisfy({ $0 == 1 }) ? nil : "strides \(strides) are not all 1"
        case .zeroMasks:
            guard case .stridedSliceOptions(let o) = view.op.builtinOptions else { return nil }
            let values = ["ellipsis": o.ellipsisMask, "newAxis": o.newAxisMask, "shrinkAxis": o.shrinkAxisMask]
            let set = (masks ?? []).filter { (values[$0] ?? 0) != 0 }
            return set.isEmpty ? nil : "\(set.joined(separator: ", ")) mask must be 0"
        case .noBatchAxis:
            guard let reduced = view.constantInts(1) else { return "reduction axes are not constant" }
            let rank = view.input(0)?.dimensions.count ?? 4
            return reduced.contains(where: { $0 == 0 || $0 == -rank }) ? "reduces over the batch axis" : nil
        case .reductionAxes:
            guard let reduced = view.constantInts(1) else { return "reduction axes are not constant" }
            let rank = view.input(0)?.dimensions.count ?? 4
            let normalized = reduced.map { $0 < 0 ? $0 + rank : $0 }
            guard !(axes ?? []).contains(normalized) else { return nil }
            return "reduces over axes \(normalized); accepted: \((axes ?? []).map { "\($0)" }.joined(separator: " or "))"
        case .maxInputElements:
            guard let input = view.input(0), let limit = value, input.elementCount > limit else { return nil }
            return "input has \(input.elementCount) elements, more than \(limit)"
        case .inputRank:
            guard let input = view.input(0), let ranks, !ranks.contains(input.dimensions.count) else { return nil }
            return "input rank \(input.dimensions.count) is not one of \(ranks.map(String.init).joined(separator: ", "))"
        }
    }
}
