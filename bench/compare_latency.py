"""Interleaved latency comparison: Edgewise (`edgewise bench --json`) vs LiteRT, 1 thread.

Each round measures Edgewise (in its own process, timing only invoke()) and then LiteRT (in this
process, timing only invoke()) with the same number of runs; the table shows the median over
rounds of each side's median and their ratio (ours / LiteRT: below 1 means Edgewise is faster).
Both sides run the default LiteRT path (XNNPACK for float and int8; reference kernels for int16x8).
The last column checks the speed did not cost exactness: the largest difference between our output
and LiteRT's reference kernels (BUILTIN_REF) on one random input (0 for integer models that
reproduce TFLite's reference arithmetic).
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

FIXTURES = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"
DEFAULT_MODELS = [
    "mnist5k/mnist_cnn_float32.tflite", "mnist5k/mnist_sensitive_float32.tflite",
    "mnist5k/mnist_cnn_float16.tflite", "digits/digits_float32.tflite",
    "digits/digits_pruned80_sparse_float32.tflite",
    "mnist5k/mnist_cnn_int8.tflite", "mnist5k/mnist_cnn_int16x8.tflite", "mnist5k/mnist_cnn_dynamic_int8.tflite",
]


def random_inputs(it):
    """One random array per input of the allocated interpreter `it`."""
    rng = np.random.default_rng(1)
    arrays = []
    for d in it.get_input_details():
        if np.issubdtype(d["dtype"], np.floating):
            arrays.append(rng.random(d["shape"]).astype(d["dtype"]))
        else:
            info = np.iinfo(d["dtype"])
            arrays.append(rng.integers(info.min, info.max, d["shape"], endpoint=True).astype(d["dtype"]))
    return arrays


def reference_difference(binary, path):
    """max |ours − LiteRT BUILTIN_REF| over the first output, for one random input (single-input models)."""
    ref = Interpreter(model_path=str(path), experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    ref.allocate_tensors()
    inputs = random_inputs(ref)
    if len(inputs) != 1:
        return None
    ref.set_tensor(ref.get_input_details()[0]["index"], inputs[0])
    ref.invoke()
    want = ref.get_tensor(ref.get_output_details()[0]["index"])
    with tempfile.TemporaryDirectory() as folder:
        x, y = pathlib.Path(folder) / "x.npy", pathlib.Path(folder) / "y.npy"
        np.save(x, inputs[0])
        result = subprocess.run([binary, "run", str(path), "--input", str(x), "--output", str(y)], capture_output=True)
        if result.returncode != 0:
            return None
        got = np.load(y)
    return float(np.abs(got.reshape(want.shape).astype(np.float64) - want.astype(np.float64)).max())


def litert_median(path, runs):
    it = Interpreter(model_path=str(path), num_threads=1)
    it.allocate_tensors()
    for d, x in zip(it.get_input_details(), random_inputs(it)):
        it.set_tensor(d["index"], x)
    for _ in range(10):
        it.invoke()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        it.invoke()
        times.append(time.perf_counter() - start)
    return float(np.median(times)) * 1000


def ours_median(binary, path, runs):
    result = subprocess.run([binary, "bench", str(path), "--runs", str(runs), "--json", "--no-litert"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed")
    return json.loads(result.stdout)["median_ms"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edgewise", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--with-defaults", action="store_true", help="the fixture models before MODELS")
    parser.add_argument("models", nargs="*")
    args = parser.parse_args()
    models = [pathlib.Path(m) for m in args.models]
    if args.with_defaults or not models:
        models = [FIXTURES / m for m in DEFAULT_MODELS] + models
    print(f"{'model':44} {'edgewise ms':>12} {'litert ms':>10} {'ratio':>7} {'max |Δ| vs ref':>15}")
    for model in models:
        ours, theirs = [], []
        try:
            for _ in range(args.rounds):
                ours.append(ours_median(args.edgewise, model, args.runs))
                theirs.append(litert_median(model, args.runs))
        except RuntimeError as error:
            print(f"{model.name:44} {'—':>12} {'—':>10} {'—':>7}  ({error})")
            continue
        a, b = statistics.median(ours), statistics.median(theirs)
        difference = reference_difference(args.edgewise, model)
        shown = "—" if difference is None else f"{difference:.3g}"
        print(f"{model.name:44} {a:12.4f} {b:10.4f} {a / b:7.2f} {shown:>15}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
