#!/usr/bin/env bash
# End-to-end test of the terminal advisor: runs the release binary in tmux (120×35), walks the
# wizard on the bundled demo with send-keys (CPU target, unlabelled calibration + labelled test
# data, 1 pp budget, size first), runs int8 and int16x8 on the sensitive demo model, checks with
# capture-pane that the deltas (size, latency, accuracy) appear with numbers, shrinks the window
# to get the "enlarge the terminal" screen, commits int16x8, quits, and checks with LiteRT that
# the written model loads and classifies the demo test set.
#
#   EDGEWISE_BIN=.build/release/edgewise EDGEWISE_PYTHON=.venv-oracle/bin/python Tests/EndToEnd/tui_e2e.sh
#
# EDGEWISE_E2E_CAPTURE=FILE keeps the side-by-side workbench capture (used for README.md).
set -euo pipefail

BIN="${EDGEWISE_BIN:?set EDGEWISE_BIN to the release edgewise binary}"
PYTHON="${EDGEWISE_PYTHON:?set EDGEWISE_PYTHON to a python with ai-edge-litert}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v tmux >/dev/null || { echo "tmux is not installed"; exit 1; }
WORK="$(mktemp -d)"
SESSION="edgewise-e2e-$$"
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    echo "---- screen ----"
    tmux capture-pane -p -t "$SESSION" 2>/dev/null || cat "$WORK/last-screen" 2>/dev/null || true
    exit 1
}
screen() { tmux capture-pane -p -t "$SESSION" | tee "$WORK/last-screen"; }
keys() { tmux send-keys -t "$SESSION" "$@"; sleep 0.3; }
# Waits up to $2 seconds (default 30) until the screen matches the extended regex $1.
wait_for() {
    local pattern="$1" limit="${2:-30}" start=$SECONDS
    until screen | grep -Eq -- "$pattern"; do
        [ $((SECONDS - start)) -lt "$limit" ] || fail "no /$pattern/ on screen after ${limit}s"
        sleep 0.3
    done
}
expect_line() { screen | grep -Eq -- "$1" || fail "$2: no line matching /$1/"; }

tmux new-session -d -s "$SESSION" -x 120 -y 35 -c "$WORK" \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 '$BIN'; echo \$? > '$WORK/exit-status'; sleep 30"

echo "wizard"
wait_for "Which hardware will run the model"
keys Enter                                  # CPU (XNNPACK), the first answer
wait_for "What data do you have"
keys Down Down Enter                        # Labelled data (the last answer)
wait_for "Calibration samples"
expect_line "calib\.npy" "the demo's calibration file is prefilled"
expect_line "test\.npz" "the demo's labelled test file is prefilled"
keys Enter
wait_for "How much quality may the optimized model lose"
keys Up Up Enter                            # Maximum top-1 accuracy drop
wait_for "Maximum top-1 accuracy drop, in percentage points"
keys C-u 1 Enter
wait_for "What matters most"
keys Enter                                  # Size on disk
wait_for "Recipes, best first"
expect_line "top-1 drop ≤ 1 pp" "the budget is shown"
wait_for "float +top-1 [0-9.]+ % .* measured here" 60

echo "int8 and int16x8 on the sensitive model"
expect_line "▸ +1\. Full integer \(int8\)" "int8 ranks first for size"
keys Enter
wait_for "✓ 1\. Full integer \(int8\)" 180
expect_line "size \(raw\) +[0-9.]+ KiB +[0-9.]+ KiB +▼ -[0-9.]+ %" "int8 size delta"
expect_line "size \(gzip\) +[0-9.]+ KiB +[0-9.]+ KiB +[▼▲] [-+][0-9.]+ %" "int8 gzip delta"
expect_line "latency, measured here +[0-9.]+ ms +[0-9.]+ ms +[▼▲=] " "int8 measured latency"
expect_line "latency, estimated for CPU +[0-9.]+ ms +[0-9.]+ ms +[▼▲=] " "int8 estimated latency"
expect_line "top-1 accuracy +[0-9.]+ % +[0-9.]+ % +▼ -[0-9.]+ pp" "int8 accuracy delta"
expect_line "✗ misses top-1 drop ≤ 1 pp · 1000/1000 samples" "int8 misses the budget on the sensitive model"
keys Down Enter
wait_for "✓ 2\. 16-bit activations" 600
expect_line "size \(raw\) +[0-9.]+ KiB +[0-9.]+ KiB +▼ -[0-9.]+ %" "int16x8 size delta"
expect_line "latency, measured here +[0-9.]+ ms +[0-9.]+ ms" "int16x8 measured latency"
expect_line "top-1 accuracy +[0-9.]+ % +[0-9.]+ % +[▼▲=] [-+][0-9.]+ pp" "int16x8 accuracy delta"
expect_line "✓ meets top-1 drop ≤ 1 pp" "int16x8 keeps the accuracy"
expect_line "Δ 95 % .*╋.*\[[-+][0-9.]+, [-+][0-9.]+\] pp" "the interval bar"
keys c
wait_for "Deltas vs float, side by side"
expect_line "int8 +int16x8" "both runs side by side"
[ -n "${EDGEWISE_E2E_CAPTURE:-}" ] && screen > "$EDGEWISE_E2E_CAPTURE"
keys c

echo "resize below 80×24 and back"
tmux resize-window -t "$SESSION" -x 60 -y 20
wait_for "Terminal too small"
expect_line "Please enlarge the terminal" "the too-small screen"
tmux resize-window -t "$SESSION" -x 120 -y 35
wait_for "Recipes, best first"

echo "commit"
keys s
wait_for "Commit: 16-bit activations"
keys C-u
tmux send-keys -t "$SESSION" -l "$WORK/committed.tflite"
keys Enter
wait_for "Committed" 30
keys Enter
keys q
for _ in $(seq 1 50); do [ -f "$WORK/exit-status" ] && break; sleep 0.2; done
[ "$(cat "$WORK/exit-status" 2>/dev/null)" = "0" ] || fail "edgewise did not exit with status 0 after q"
for file in committed.tflite committed.recipe.json committed.report.txt; do
    [ -s "$WORK/$file" ] || fail "commit did not write $file"
done
grep -q '"scheme" : "int16x8"' "$WORK/committed.recipe.json" || fail "the recipe file is not the int16x8 recipe"
grep -q "estimated for CPU" "$WORK/committed.report.txt" || fail "the report does not label the estimate"

echo "LiteRT loads the committed model"
"$PYTHON" - "$WORK/committed.tflite" "$ROOT/Resources/demo/test.npz" <<'PY'
import sys
import numpy as np
from ai_edge_litert.interpreter import Interpreter
interpreter = Interpreter(model_path=sys.argv[1])
interpreter.allocate_tensors()
data = np.load(sys.argv[2])
x, y = data["x"][:200], data["y"][:200]
inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
hits = 0
for image, label in zip(x, y):
    interpreter.set_tensor(inp["index"], image[None].astype(inp["dtype"]))
    interpreter.invoke()
    hits += int(np.argmax(interpreter.get_tensor(out["index"])[0]) == label)
print(f"LiteRT: committed model loads; top-1 {hits / len(y):.3f} on 200 demo test images")
assert hits / len(y) > 0.9, "the committed model does not classify the demo digits"
PY

# Starts edgewise in a fresh session under a bash that survives the signal and then records the
# exit status and the terminal modes.
start_again() {
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    rm -f "$WORK/exit-status" "$WORK/stty"
    tmux new-session -d -s "$SESSION" -x 100 -y 30 -c "$WORK" \
        "bash -c \"trap true INT TERM; env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 '$BIN'; echo \\\$? > '$WORK/exit-status'; stty -a > '$WORK/stty'; sleep 30\""
    wait_for "Which hardware will run the model"
}
# Checks that edgewise ended by signal $1 (status 128+n) and left the terminal in cooked mode.
expect_restored() {
    for _ in $(seq 1 50); do [ -f "$WORK/stty" ] && break; sleep 0.2; done
    [ "$(cat "$WORK/exit-status" 2>/dev/null)" = "$1" ] || fail "edgewise did not end with status $1 (got $(cat "$WORK/exit-status" 2>/dev/null))"
    grep -Eq "(^| )echo( |;|$)" "$WORK/stty" && grep -Eq "(^| )icanon( |;|$)" "$WORK/stty" || fail "terminal not restored (echo/icanon off)"
}

echo "Ctrl-C restores the terminal"
start_again
keys C-c
expect_restored 130

echo "SIGTERM restores the terminal"
start_again
shell_pid="$(tmux display-message -p -t "$SESSION" '#{pane_pid}')"
edgewise_pid=""
for pid in $(pgrep -P "$shell_pid") $(pgrep -P "$(pgrep -P "$shell_pid" | head -1)"); do
    [ "$(readlink "/proc/$pid/exe")" = "$(readlink -f "$BIN")" ] && edgewise_pid="$pid"
done
[ -n "$edgewise_pid" ] || fail "cannot find the edgewise process under the tmux pane"
kill -TERM "$edgewise_pid"
expect_restored 143
echo "tui_e2e: all checks passed"
