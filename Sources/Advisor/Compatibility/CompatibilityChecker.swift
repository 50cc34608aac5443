import LiteModel

/// Decides, op by op, where a model runs on a target (see `TargetProfile`).
public enum CompatibilityChecker {
    /// Tensor types that carry numbers a target computes in; index types (int32, int64, bool) are
    /// not checked.
    static let numericTypes: Set<String> = ["float32", "float16", "int8", "uint8", "int16", "int4"]

    /// The report for the primary subgraph of `model` on `profile`'s target.
    public static func report(model: Model, profile: TargetProfile) -> CompatibilityReport {
        guard let graph = model.subgraphs.first else {
            return CompatibilityReport(target: profile.id, targetName: profile.name, ops: [], partitions: [], cutAt: nil,
                                       findings: ["The model has no subgraph."], notes: profile.notes)
        }
        var verdicts = graph.operators.indices.map { verdict(for: OperatorView(model: model, index: $0), profile: profile) }
        var findings: [String] = []
        if model.subgraphs.count > 1 {
            findings.append("Only subgraph 0 is checked; the model has \(model.subgraphs.count) subgraphs.")
        }
        var cutAt: Int?
        switch profile.partitioning {
        case .singleCut:
            cutAt = applySingleCut(&verdicts)
            if let cut = cutAt {
                let later = verdicts.count - cut - 1
                findings.append("Mapping stops at op \(cut) (\(verdicts[cut].op)): it and the \(later) ops after it run on the CPU.")
            }
        case .partitions:
            applyPartitionLimits(&verdicts, maxPartitions: profile.maxPartitions ?? 1, minOps: profile.minPartitionOps ?? 1)
        case .perOp, .none:
            break
        }
        let partitions = runs(of: verdicts)
        let accelerated = verdicts.filter { $0.placement == .accelerated }.count
        findings.append("\(accelerated) of \(verdicts.count) ops run on \(profile.name) in \(partitions.filter { $0.placement == .accelerated }.count) partition(s).")
        if verdicts.contains(where: { $0.placement == .unsupported }) {
            findings.append("The model cannot be loaded: some ops have no kernel on this target.")
        }
        return CompatibilityReport(target: profile.id, targetName: profile.name, ops: verdicts, partitions: partitions,
                                   cutAt: cutAt, findings: findings, notes: profile.notes)
    }

    /// The op's own verdict, before partitioning.
    static func verdict(for view: OperatorView, profile: TargetProfile) -> CompatibilityReport.OpVerdict {
        let rule = profile.rule(for: view.name)
        func make(_ placement: CompatibilityReport.Placement, _ reason: CompatibilityReport.Reason, _ detail: String) -> CompatibilityReport.OpVerdict {
            .init(index: view.index, op: view.name, version: view.version, placement: placement, reason: reason, detail: detail,
                  notes: rule?.notes ?? [])
        }
        let missing: CompatibilityReport.Placement = profile.partitioning == .none ? .unsupported : .fallback
        let activationTypes = Set(view.activations.map(\.type.lowercasedName).filter(numericTypes.contains))
        if profile.boundaryOps.contains(view.name), isBoundary(view), !activationTypes.isDisjoint(with: profile.activationTypes) {
            return make(.fallback, .boundary, "\(view.name) converts the model's float boundary and runs on the CPU without cutting the graph.")
        }
        guard let rule else {
            return make(missing, .unsupportedOp, "\(view.name) is not supported by \(profile.name).")
        }
        if let low = rule.minVersion, view.version < low {
            return make(missing, .unsupportedVersion, "\(view.name) version \(view.version) is below the supported \(low).")
        }
        if let high = rule.maxVersion, view.version > high {
            return make(missing, .unsupportedVersion, "\(view.name) version \(view.version) is above the supported \(high).")
        }
        let constantTypes = Set(view.constants.map(\.type.lowercasedName).filter(numericTypes.contains))
        let accepted = Set(rule.activationTypes ?? profile.activationTypes)
        let isHybrid = activationTypes == ["float32"] && !constantTypes.isDisjoint(with: ["int8", "uint8", "int4"])
        if isHybrid && rule.hybrid != true && accepted.union(profile.referenceActivationTypes ?? []).contains("float32") {
            return make(missing, .hybridNotSupported, "\(view.name) with float activations and int8 weights (dynamic range) is not accepted by \(profile.name).")
        }
        let rejected = activationTypes.subtracting(accepted).sorted()
        if !rejected.isEmpty {
            if Set(rejected).isSubset(of: profile.referenceActivationTypes ?? []) {
                return make(.fallback, .referenceKernel, "\(view.name) on \(rejected.joined(separator: "/")) runs on a slow reference kernel.")
            }
            return make(missing, .unsupportedDataType, "\(view.name) works on \(rejected.joined(separator: "/")), which \(profile.name) does not compute in.")
        }
        let rejectedConstants = constantTypes.subtracting(profile.constantTypes).sorted()
        if !rejectedConstants.isEmpty && !isHybrid {
            return make(missing, .unsupportedDataType, "\(view.name) has \(rejectedConstants.joined(separator: "/")) constants, which \(profile.name) does not accept.")
        }
        if let rankProblem = rankProblem(view, profile: profile) {
            return make(missing, .unsupportedRank, rankProblem)
        }
        if profile.staticShapes, view.activations.contains(where: { $0.shapeSignature.contains(-1) }) {
            return make(missing, .dynamicShape, "\(view.name) has a tensor with a dynamic dimension; shapes must be fixed at compile time.")
        }
        for constraint in rule.constraints ?? [] {
            if let problem = constraint.violation(in: view) {
                return make(missing, .parameterLimit, "\(view.name): \(problem).")
            }
        }
        return make(.accelerated, .mapped, "\(view.name) runs on \(profile.name).")
    }

    /// QUANTIZE of a model input, or DEQUANTIZE into a model output.
    static func isBoundary(_ view: OperatorView) -> Bool {
        switch view.name {
        case "QUANTIZE": view.op.inputs.first.map(view.graph.inputs.contains) ?? false
        case "DEQUANTIZE": view.op.outputs.first.map(view.graph.outputs.contains) ?? false
        default: false
        }
    }

    private static func rankProblem(_ view: OperatorView, profile: TargetProfile) -> String? {
        for tensor in view.activations {
            let dims = tensor.dimensions
            if let limit = profile.maxRank, dims.count > limit {
                return "\(view.name) has a \(dims.count)-D tensor; at most \(limit)-D is accepted."
            }
            if let inner = profile.innermostDimensions, dims.dropLast(inner).contains(where: { $0 > 1 }) {
                return "\(view.name): tensor has unsupported rank (only the \(inner) innermost dimensions may exceed 1)."
            }
        }
        return nil
    }

    /// Edge TPU: the first op that is neither mapped nor a boundary conversion stops mapping; later
    /// supported ops run on the CPU too. Returns the cut op.
    private static func applySingleCut(_ verdicts: inout [CompatibilityReport.OpVerdict]) -> Int? {
        guard let cut = verdicts.firstIndex(where: { $0.placement != .accelerated && $0.reason != .boundary }) else { return nil }
        for index in verdicts.indices where index > cut && verdicts[index].placement == .accelerated {
            verdicts[index].placement = .fallback
            verdicts[index].reason = .afterCut
            verdicts[index].detail = "\(verdicts[index].op) is supported, but comes after the cut at op \(cut): more than one subgraph is not supported."
        }
        return cut
    }

    /// Delegates: runs shorter than `minOps` stay on the CPU, and only the `maxPartitions` largest
    /// runs are delegated (ties: the earlier run).
    private static func applyPartitionLimits(_ verdicts: inout [CompatibilityReport.OpVerdict], maxPartitions: Int, minOps: Int) {
        let accelerated = runs(of: verdicts).filter { $0.placement == .accelerated }
        let kept = accelerated.filter { $0.count >= minOps }
            .enumerated().sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }
            .prefix(maxPartitions).map(\.element)
        for run in accelerated where !kept.contains(run) {
            let tooSmall = run.count < minOps
            for index in run.first...run.last {
                verdicts[index].placement = .fallback
                verdicts[index].reason = tooSmall ? .partitionTooSmall : .partitionLimit
                verdicts[index].detail = tooSmall
                    ? "\(verdicts[index].op) is supported, but its partition has \(run.count) op(s), fewer than the \(minOps) required."
                    : "\(verdicts[index].op) is supported, but the delegate already took its \(maxPartitions) largest partition(s)."
            }
        }
    }

    /// Consecutive ops with the same placement.
    static func runs(of verdicts: [CompatibilityReport.OpVerdict]) -> [CompatibilityReport.Partition] {
        var result: [CompatibilityReport.Partition] = []
        for verdict in verdicts {
            if let last = result.last, last.placement == verdict.placement, last.last == verdict.index - 1 {
                result[result.count - 1].last = verdict.index
            } else {
                result.append(.init(placement: verdict.placement, first: verdict.index, last: verdict.index))
            }
        }
        return result
    }
}

extension TensorType {
    /// `float32`, `int8`, … (the schema name in lower case).
    var lowercasedName: String { (name ?? "unknown").lowercased() }
}
