import Optimizer
import TerminalUI

extension AdvisorApp {
    /// Keys in the workbench (see `KeyMap`).
    func handleWorkbench(_ key: Key, _ state: inout AppState) -> [Effect<AppMessage>] {
        guard var workbench = state.workbench, let session = state.session else { return [] }
        defer { state.workbench = workbench }
        if workbench.isFiltering {
            switch key {
            case .enter: workbench.isFiltering = false
            case .escape:
                workbench.isFiltering = false
                workbench.filter = TextInput()
            default: _ = workbench.filter.handle(key)
            }
            workbench.recipeSelection = min(workbench.recipeSelection, max(0, workbench.visibleRecipes.count - 1))
            workbench.layerSelection = min(workbench.layerSelection, max(0, workbench.visibleLayers.count - 1))
            return []
        }
        workbench.notice = nil
        switch key {
        case .tab, .backTab:
            let panes = Pane.allCases
            let index = panes.firstIndex(of: workbench.focus) ?? 0
            workbench.focus = panes[(index + (key == .tab ? 1 : panes.count - 1)) % panes.count]
            if Pane.details.contains(workbench.focus) { workbench.detail = workbench.focus }
        case .up, .character("k"): move(&workbench, by: -1)
        case .down, .character("j"): move(&workbench, by: 1)
        case .pageUp: move(&workbench, by: -10)
        case .pageDown: move(&workbench, by: 10)
        case .enter:
            if workbench.focus == .recipes || workbench.focus == .deltas { return run(&workbench, session: session) }
        case .space:
            if workbench.focus == .layers { return toggleLayer(&workbench, session: session) }
            if workbench.focus == .recipes { return run(&workbench, session: session) }
        case .character("x"): return cancel(&workbench)
        case .character("c"): workbench.compare.toggle()
        case .character("s"):
            guard let run = workbench.selectedRun, run.status == .done, run.modelBytes != nil else {
                workbench.notice = "run the recipe first (Enter); s commits a finished run"
                return []
            }
            let stem = session.name.hasSuffix(".tflite") ? String(session.name.dropLast(7)) : session.name
            state.modal = .commit(CommitDialog(runID: run.id, path: TextInput("\(stem)-\(run.id).tflite")))
        case .character("/"):
            if workbench.focus != .layers { workbench.focus = .recipes }
            workbench.isFiltering = true
        case .character("?"): state.modal = .help
        case .character("o"): state.screen = .openModel
        case .character("q"): return quit(&state)
        case .escape:
            if !workbench.filter.text.isEmpty {
                workbench.filter = TextInput()
            } else {
                state.screen = .wizard
            }
        default: break
        }
        return []
    }

    private func move(_ workbench: inout WorkbenchState, by step: Int) {
        func clamp(_ value: Int, _ count: Int) -> Int { max(0, min(count - 1, value)) }
        switch workbench.focus {
        case .recipes, .deltas:
            workbench.recipeSelection = clamp(workbench.recipeSelection + step, workbench.visibleRecipes.count)
            workbench.layerSelection = 0
        case .layers: workbench.layerSelection = clamp(workbench.layerSelection + step, workbench.visibleLayers.count)
        case .jobs: workbench.jobSelection = clamp(workbench.jobSelection + step, workbench.jobs.count)
        case .compatibility:
            let count = (workbench.selectedRun ?? workbench.baseline).metrics.compatibility?.ops.count ?? 0
            workbench.compatibilityScroll = clamp(workbench.compatibilityScroll + step, count)
        case .summary: break
        }
    }

    /// Enter on a recipe: runs it (advice is only explained).
    private func run(_ workbench: inout WorkbenchState, session: ModelSession) -> [Effect<AppMessage>] {
        guard let candidate = workbench.selectedCandidate else { return [] }
        guard let recipe = candidate.recipe else {
            workbench.notice = "\(candidate.title) is advice: Edgewise cannot run it here"
            return []
        }
        let kept = workbench.runs[candidate.id]?.recipe?.keepFloat ?? recipe.keepFloat
        var chosen = recipe
        chosen.keepFloat = kept
        return [startRun(candidate.id, title: candidate.title, recipe: chosen, &workbench, session: session)]
    }

    /// Space on a layer: keeps it float (or quantizes it again) and re-runs the recipe.
    private func toggleLayer(_ workbench: inout WorkbenchState, session: ModelSession) -> [Effect<AppMessage>] {
        let layers = workbench.visibleLayers
        guard let run = workbench.selectedRun, var recipe = run.recipe, workbench.layerSelection < layers.count else {
            workbench.notice = "run a recipe first: its layers appear here when it finishes"
            return []
        }
        let rule = KeepFloatRule.operatorIndex(layers[workbench.layerSelection].operatorIndex)
        if let index = recipe.keepFloat.firstIndex(of: rule) {
            recipe.keepFloat.remove(at: index)
        } else {
            recipe.keepFloat.append(rule)
        }
        let effect = startRun(run.id, title: run.title, recipe: recipe, &workbench, session: session)
        workbench.runs[run.id]?.layers = run.layers
        return [effect]
    }

    /// `x`: cancels the job selected in the jobs pane, or the highlighted recipe's run.
    private func cancel(_ workbench: inout WorkbenchState) -> [Effect<AppMessage>] {
        let target = workbench.focus == .jobs ? workbench.jobs[min(workbench.jobSelection, workbench.jobs.count - 1)] : workbench.selectedRun
        guard let job = target, job.status.isRunning else {
            workbench.notice = "no running job selected"
            return []
        }
        if job.id == "baseline" {
            workbench.baseline.status = .cancelled
        } else {
            workbench.runs[job.id]?.status = .cancelled
        }
        workbench.notice = "cancelled \(job.title)"
        return [.cancel(job.id)]
    }
}
