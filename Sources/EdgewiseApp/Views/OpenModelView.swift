import Foundation
import TerminalUI

/// The open-model screen: a path field with Tab completion, and recent files.
enum OpenModelView {
    static func render(_ state: AppState, recent: [String], in area: Rect, on buffer: inout CellBuffer) {
        let inner = AppView.pane("Open a model", focused: true, in: area, on: &buffer)
        buffer.write(Line("Path to a .tflite model:", style: .bold), in: inner.row(0))
        buffer.render(TextField(state.open.path, focused: state.open.recentSelection == nil, placeholder: "model.tflite"),
                      in: inner.row(1))
        let completions = state.open.completions.prefix(4).map { Line($0, style: .dim) }
        buffer.render(Paragraph(Array(completions), wrap: false), in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: 4))
        let listTop = inner.y + 2 + max(1, completions.count) + 1
        buffer.write(Line("Recent files", style: .bold), in: Rect(x: inner.x, y: listTop, width: inner.width, height: 1))
        let here = FileManager.default.currentDirectoryPath
        buffer.render(ListView(recent.map { Line(displayPath($0, relativeTo: here)) }, selected: state.open.recentSelection),
                      in: Rect(x: inner.x, y: listTop + 1, width: inner.width, height: inner.maxY - listTop - 1))
    }

    /// `path` relative to the working directory when it lies inside it (shorter, and the same on
    /// every checkout), else unchanged.
    static func displayPath(_ path: String, relativeTo directory: String) -> String {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
