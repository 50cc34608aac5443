#!/usr/bin/env python3
"""Our pruning / clustering (no fine-tuning) against TFMOT's fine-tuned digits peers.

For each case: run `edgewise optimize` on digits_float32 with the same sparsity / cluster count,
then report file bytes, GNU `gzip -9 -n` bytes (as RESULTS.md measured them), the ratio to TFMOT's
gzip size, and top-1 accuracy of both on the fixture test set (LiteRT, default resolver).
Usage: compare_sparsity_with_tfmot.py [EDGEWISE_BIN]
"""
import pathlib
import subprocess
import sys
import tempfile

import numpy as np

REPO = pathlib.Path(__file__).resolve().parent.parent
DIGITS = REPO.parent / "shared" / "fixtures" / "digits"

# (label, our extra CLI arguments, TFMOT's file)
CASES = [
    ("pruned50 float32", ["--prune", "0.5"], "digits_pruned50_float32.tflite"),
    ("pruned80 float32", ["--prune", "0.8"], "digits_pruned80_float32.tflite"),
    ("pruned50 dynamic", ["--prune", "0.5", "--recipe", "dynamic"], "digits_pruned50_dynamic_int8.tflite"),
    ("pruned80 dynamic", ["--prune", "0.8", "--recipe", "dynamic"], "digits_pruned80_dynamic_int8.tflite"),
    ("pruned50 sparse", ["--prune", "0.5", "--sparse-encoding"], "digits_pruned50_sparse_float32.tflite"),
    ("pruned80 sparse", ["--prune", "0.8", "--sparse-encoding"], "digits_pruned80_sparse_float32.tflite"),
    ("clustered16 float32", ["--cluster", "16"], "digits_clustered16_float32.tflite"),
    ("clustered16 dynamic", ["--cluster", "16", "--recipe", "dynamic"], "digits_clustered16_dynamic_int8.tflite"),
]


def gzip9(path):
    """GNU gzip -9 -n size in bytes."""
    return len(subprocess.run(["gzip", "-9", "-n", "-c", str(path)], check=True, capture_output=True).stdout)


def accuracy(path, x, y):
    """Top-1 accuracy with LiteRT, one sample at a time."""
    from ai_edge_litert.interpreter import Interpreter
    it = Interpreter(model_path=str(path), num_threads=1)
    it.allocate_tensors()
    di, do = it.get_input_details()[0], it.get_output_details()[0]
    correct = 0
    for i in range(len(x)):
        it.set_tensor(di["index"], x[i:i + 1])
        it.invoke()
        correct += int(np.argmax(it.get_tensor(do["index"])[0]) == y[i])
    return correct / len(x)


def optimize(binary, extra, out):
    """Run `edgewise optimize` on digits_float32; returns its stdout."""
    result = subprocess.run([str(binary), "optimize", str(DIGITS / "digits_float32.tflite"), *extra, "-o", str(out), "--force"],
                            capture_output=True, text=True, check=True)
    return result.stdout


def main():
    binary = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else REPO / ".build" / "release" / "edgewise")
    x, y = np.load(DIGITS / "x_test.npy"), np.load(DIGITS / "y_test.npy")
    print("| case | ours bytes | ours gzip -9 | TFMOT bytes | TFMOT gzip -9 | gzip ratio | ours acc (no fine-tune) | TFMOT acc (fine-tuned) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, extra, theirs in CASES:
            ours = pathlib.Path(tmp) / "ours.tflite"
            optimize(binary, extra, ours)
            peer = DIGITS / theirs
            ratio = gzip9(ours) / gzip9(peer)
            print(f"| {label} | {ours.stat().st_size} | {gzip9(ours)} | {peer.stat().st_size} | {gzip9(peer)} | {ratio:.3f} | "
                  f"{accuracy(ours, x, y):.4f} | {accuracy(peer, x, y):.4f} |")


if __name__ == "__main__":
    main()
