#!/usr/bin/env python3
"""Compare `edgewise optimize` with the TF converter on the shared fixtures.

For every float fixture and scheme, runs our optimizer with the converter's calibration data,
then prints file sizes and top-1 accuracy on the fixture test set, both evaluated with LiteRT
(default resolver and BUILTIN_REF reference kernels), next to the converter's file.

Usage: scripts/compare_with_converter.py [--edgewise PATH] [--out DIR]
(needs ai-edge-litert and numpy, e.g. /work/venv-tools/bin/python).
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

REPO = pathlib.Path(__file__).resolve().parents[1]
FIXTURES = (REPO / ".." / "shared" / "fixtures").resolve()

#: (float model, calibration, test folder, [(scheme, extra args, converter file)])
CASES = [
    ("mnist5k/mnist_cnn_float32.tflite", "mnist5k/calib.npy", "mnist5k", [
        ("float16", [], "mnist5k/mnist_cnn_float16.tflite"),
        ("dynamic", [], "mnist5k/mnist_cnn_dynamic_int8.tflite"),
        ("int8", ["--io", "int8"], "mnist5k/mnist_cnn_int8.tflite"),
        ("int8", ["--io", "float"], "mnist5k/mnist_cnn_int8_floatio.tflite"),
        ("int16x8", [], "mnist5k/mnist_cnn_int16x8.tflite"),
    ]),
    ("mnist5k/mnist_sensitive_float32.tflite", "mnist5k/calib.npy", "mnist5k", [
        ("int8", ["--io", "float"], "mnist5k/mnist_sensitive_int8_floatio.tflite"),
        ("int16x8", [], "mnist5k/mnist_sensitive_int16x8.tflite"),
    ]),
    ("digits/digits_float32.tflite", "digits/calib_200.npy", "digits", [
        ("float16", [], "digits/digits_float16.tflite"),
        ("dynamic", [], "digits/digits_dynamic_int8.tflite"),
        ("int8", ["--io", "int8"], "digits/digits_full_int8.tflite"),
        ("int16x8", [], "digits/digits_int16x8.tflite"),
    ]),
]


def accuracy(model_path, x, y, reference=False):
    """Top-1 accuracy with LiteRT, one sample per invoke; int inputs are quantized as LiteRT says."""
    resolver = OpResolverType.BUILTIN_REF if reference else OpResolverType.AUTO
    interp = Interpreter(model_path=str(model_path), experimental_op_resolver_type=resolver)
    interp.allocate_tensors()
    inp, out = interp.get_input_details()[0], interp.get_output_details()[0]
    correct = 0
    for i in range(len(x)):
        sample = x[i : i + 1].reshape(inp["shape"]).astype(np.float32)
        if inp["dtype"] != np.float32:
            scale, zero = inp["quantization"]
            info = np.iinfo(inp["dtype"])
            sample = np.clip(np.round(sample / scale) + zero, info.min, info.max).astype(inp["dtype"])
        interp.set_tensor(inp["index"], sample)
        interp.invoke()
        correct += int(np.argmax(interp.get_tensor(out["index"])) == y[i])
    return correct / len(x)


def optimize(edgewise, float_model, calibration, scheme, extra, out_path):
    """Run `edgewise optimize`; raises with its stderr on failure."""
    args = [str(edgewise), "optimize", str(FIXTURES / float_model), "--recipe", scheme, *extra,
            "-o", str(out_path), "--force"]
    if scheme in ("int8", "int16x8"):
        args += ["--calibration", str(FIXTURES / calibration)]
    result = subprocess.run(args, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {result.stderr.strip()}")


def rows(edgewise, out_dir):
    """One dict per (model, scheme): sizes and accuracies of ours and the converter's."""
    for float_model, calibration, folder, schemes in CASES:
        x = np.load(FIXTURES / folder / "x_test.npy")
        y = np.load(FIXTURES / folder / "y_test.npy")
        for scheme, extra, converted in schemes:
            label = scheme + ("" if not extra else f" io={extra[1]}")
            ours = pathlib.Path(out_dir) / (pathlib.Path(float_model).stem + f"_{scheme}_{'_'.join(extra[1:])}.tflite")
            optimize(edgewise, float_model, calibration, scheme, extra, ours)
            theirs = FIXTURES / converted
            yield {
                "model": pathlib.Path(float_model).name, "scheme": label, "ours_path": ours, "theirs_path": theirs,
                "ours_bytes": ours.stat().st_size, "theirs_bytes": theirs.stat().st_size,
                "ours_acc": accuracy(ours, x, y), "theirs_acc": accuracy(theirs, x, y),
                "ours_acc_ref": accuracy(ours, x, y, reference=True), "theirs_acc_ref": accuracy(theirs, x, y, reference=True),
            }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edgewise", default=str(REPO / ".build" / "release" / "edgewise"))
    parser.add_argument("--out", help="keep our models in this folder (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        out_dir = pathlib.Path(args.out or temp)
        out_dir.mkdir(parents=True, exist_ok=True)
        print("| model | scheme | ours bytes | converter bytes | size diff | ours acc | converter acc | ours acc (ref) | converter acc (ref) |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows(args.edgewise, out_dir):
            diff = (r["ours_bytes"] - r["theirs_bytes"]) / r["theirs_bytes"] * 100
            print(f"| {r['model']} | {r['scheme']} | {r['ours_bytes']} | {r['theirs_bytes']} | {diff:+.2f} % "
                  f"| {r['ours_acc']:.4f} | {r['theirs_acc']:.4f} | {r['ours_acc_ref']:.4f} | {r['theirs_acc_ref']:.4f} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
