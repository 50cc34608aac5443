import TerminalUI

/// Golden files of this test target (UPDATE_SNAPSHOTS=1 rewrites them).
let snapshots = SnapshotDirectory(besides: #filePath)

/// A buffer of `width`×`height` with `draw` applied.
func drawn(_ width: Int, _ height: Int, _ draw: (inout CellBuffer) -> Void) -> CellBuffer {
    var buffer = CellBuffer(size: Size(width: width, height: height))
    draw(&buffer)
    return buffer
}
