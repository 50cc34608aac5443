/// The cost model. For each op on a processor with cost numbers `c`:
///
///     time = macs / c.macsPerSecond[compute]   (depthwise: c.depthwiseMacsPerSecond[compute])
///          + (activationBytes + weightBytes) / c.bytesPerSecond
///          + c.perOpSeconds
///
/// Ops the report places on the accelerator use the target's numbers; fallback ops use the host
/// CPU's (for XNNPACK and TFLM the target is its own host). Each hand-over between the target and
/// the CPU adds `perTransferSeconds + outputBytes / transferBytesPerSecond` of the op before it,
/// and parameters of accelerated ops beyond `onChipParameterBytes` are streamed at
/// `streamingBytesPerSecond` on every run. The CPU numbers are fitted to Table 1 of the TFLite
/// performance guide (Pixel 2, one big core); see `Resources/advisor/README.md`.
public enum LatencyEstimator {
    /// The estimate for `workloads` placed as `report` says on `profile`'s target, with fallback ops
    /// costed on `host`. Without a report every op is taken to run on the target.
    public static func estimate(_ workloads: [OpWorkload], report: CompatibilityReport? = nil, profile: TargetProfile,
                                host: TargetProfile) -> LatencyEstimate {
        let selfHosted = profile.partitioning == .perOp || profile.partitioning == .none
        var perOp: [Double] = []
        var accelerated = 0.0, fallback = 0.0, transfer = 0.0
        var onChipWeights = 0
        var previousOnTarget: Bool?
        for (index, work) in workloads.enumerated() {
            let onTarget = report.map { index < $0.ops.count ? $0.ops[index].placement == .accelerated : true } ?? true
            let cost = onTarget || selfHosted ? profile.cost : host.cost
            let time = seconds(work, cost)
            perOp.append(time)
            if onTarget { accelerated += time; onChipWeights += work.weightBytes } else { fallback += time }
            if !selfHosted, let previous = previousOnTarget, previous != onTarget, index > 0 {
                transfer += profile.cost.perTransferSeconds + Double(workloads[index - 1].outputBytes) / profile.cost.transferBytesPerSecond
            }
            previousOnTarget = onTarget
        }
        var streaming = 0.0
        if let capacity = profile.cost.onChipParameterBytes, let rate = profile.cost.streamingBytesPerSecond, onChipWeights > capacity {
            streaming = Double(onChipWeights - capacity) / rate
        }
        return LatencyEstimate(target: profile.id, seconds: accelerated + fallback + transfer + streaming,
                               acceleratedSeconds: accelerated, fallbackSeconds: fallback, transferSeconds: transfer,
                               streamingSeconds: streaming, perOpSeconds: perOp, basis: profile.cost.basis)
    }

    /// One op's time on a processor with cost numbers `cost`. A compute type the processor has no
    /// rate for is costed at its float32 rate.
    static func seconds(_ work: OpWorkload, _ cost: TargetProfile.Cost) -> Double {
        let table = work.isDepthwise ? cost.depthwiseMacsPerSecond : cost.macsPerSecond
        let rate = table[work.compute] ?? table["float32"] ?? cost.macsPerSecond["float32"] ?? 1e9
        return Double(work.macs) / rate + Double(work.activationBytes + work.weightBytes) / cost.bytesPerSecond + cost.perOpSeconds
    }
}
