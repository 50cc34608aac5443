import Optimizer
import TerminalUI

extension AdvisorApp {
    /// What every job of `workbench` works on.
    func context(_ workbench: WorkbenchState, session: ModelSession) -> JobContext {
        JobContext(model: session.model, modelBytes: session.bytes, data: workbench.data, target: workbench.answers.target)
    }

    /// Starts measuring the float model.
    func startBaseline(_ workbench: inout WorkbenchState, session: ModelSession) -> Effect<AppMessage> {
        workbench.jobsStarted += 1
        let jobID = "baseline#\(workbench.jobsStarted)"
        workbench.baseline = RunState(id: "baseline", jobID: jobID, title: "float baseline", recipe: nil)
        let engine = self.engine, context = context(workbench, session: session)
        return .run(id: "baseline") { sink in
            await engine.measureBaseline(context) { sink.send(.job(jobID, $0)) }
        }
    }

    /// Starts (or restarts) the run of candidate `id` with `recipe`.
    func startRun(_ id: String, title: String, recipe: Recipe, _ workbench: inout WorkbenchState,
                  session: ModelSession) -> Effect<AppMessage> {
        workbench.jobsStarted += 1
        let jobID = "\(id)#\(workbench.jobsStarted)"
        workbench.runs[id] = RunState(id: id, jobID: jobID, title: title, recipe: recipe)
        if !workbench.runOrder.contains(id) { workbench.runOrder.append(id) }
        let engine = self.engine, context = context(workbench, session: session)
        return .run(id: id) { sink in
            await engine.run(recipe, context: context) { sink.send(.job(jobID, $0)) }
        }
    }
}

extension WorkbenchState {
    /// Applies a job's report to the run it belongs to; reports of replaced or cancelled jobs are
    /// dropped.
    mutating func apply(_ event: JobEvent, to jobID: String) {
        if baseline.jobID == jobID {
            baseline.apply(event, keepBytes: false)
            if case .failed(let text) = baseline.status { notice = "float baseline: " + text }
        } else if let id = runOrder.first(where: { runs[$0]?.jobID == jobID }), var run = runs[id] {
            run.apply(event, keepBytes: true)
            if case .failed(let text) = run.status { notice = run.title + ": " + text }
            runs[id] = run
            layerSelection = min(layerSelection, max(0, visibleLayers.count - 1))
        }
    }
}

extension RunState {
    /// Folds one report into the run.
    mutating func apply(_ event: JobEvent, keepBytes: Bool) {
        guard status.isRunning else { return }
        switch event {
        case .progress(let stage, let fraction, let elapsed):
            let eta = fraction > 0.02 && elapsed > 0 ? elapsed * (1 - fraction) / fraction : nil
            status = .running(stage: stage, fraction: fraction, etaSeconds: eta)
        case .built(let bytes, let gzipBytes, let estimateMs, let compatibility):
            if keepBytes { modelBytes = bytes }
            metrics.sizeBytes = bytes.count
            metrics.gzipBytes = gzipBytes
            metrics.estimateMs = estimateMs
            metrics.compatibility = compatibility
        case .latency(let milliseconds):
            metrics.latencyMs = milliseconds
        case .quality(let quality):
            metrics.samples = quality.samples
            metrics.totalSamples = quality.total
            metrics.top1 = quality.top1
            metrics.agreement = quality.agreement
            metrics.sqnrDB = quality.sqnrDB
        case .layers(let rows):
            layers = rows
        case .finished:
            status = .done
        case .failed(let text):
            status = .failed(text)
        }
    }
}
