"""Per-operator latency: Edgewise vs LiteRT, 1 thread, to find the layers where we lose.

LiteRT has no per-operator profiler in Python, so this times prefix models: prefix k keeps the
model's first k operators and outputs the last one's result. An operator's LiteRT cost is the
difference between the medians of consecutive prefixes (noisy for operators under a few
microseconds; the --rounds medians damp it). Edgewise's side is `edgewise bench --per-op` on the
whole model. Needs TensorFlow's flatbuffer schema module (tooling venv), so run it with
/work/venv-tools/bin/python or any Python with tensorflow and ai-edge-litert.

    python bench/layer_latency.py --edgewise .build-bench/release/edgewise MODEL.tflite
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import tempfile

import flatbuffers
import numpy as np
from tensorflow.lite.python import schema_py_generated as schema

from compare_latency import litert_median


def prefix_model(model, count):
    """The serialized model keeping the first `count` operators of subgraph 0."""
    sub = model.subgraphs[0]
    operators, outputs = sub.operators, sub.outputs
    sub.operators = operators[:count]
    sub.outputs = np.array(operators[count - 1].outputs, dtype=np.int32)
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    sub.operators, sub.outputs = operators, outputs
    return bytes(builder.Output())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--edgewise", required=True, help="path to the edgewise binary")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    data = pathlib.Path(args.model).read_bytes()
    model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(data, 0))
    codes = [c.builtinCode or c.deprecatedBuiltinCode for c in model.operatorCodes]
    names = {v: k for k, v in schema.BuiltinOperator.__dict__.items() if not k.startswith("_")}
    operators = model.subgraphs[0].operators
    with tempfile.TemporaryDirectory() as folder:
        prefixes = []
        for k in range(1, len(operators) + 1):
            prefixes.append(pathlib.Path(folder) / f"prefix{k}.tflite")
            prefixes[-1].write_bytes(prefix_model(model, k))
        medians = [[] for _ in prefixes]
        for _ in range(args.rounds):
            for k, path in enumerate(prefixes):
                medians[k].append(litert_median(path, args.runs))
    cumulative = [statistics.median(m) for m in medians]
    report = subprocess.run([args.edgewise, "bench", args.model, "--runs", str(args.runs * args.rounds), "--per-op",
                             "--no-litert", "--json"], capture_output=True, text=True, check=True)
    ours = {entry["index"]: entry["ms"] for entry in json.loads(report.stdout)["per_op"]}
    print(f"{'#':>3} {'operator':<22} {'edgewise ms':>11} {'litert ms':>10} {'ratio':>6}")
    for k, op in enumerate(operators):
        theirs = cumulative[k] - (cumulative[k - 1] if k else 0)
        mine = ours.get(k, 0.0)
        ratio = f"{mine / theirs:6.2f}" if theirs > 0.0005 else "     -"
        print(f"{k:>3} {names.get(codes[op.opcodeIndex], '?'):<22} {mine:11.4f} {theirs:10.4f} {ratio}")
    print(f"    {'whole model':<22} {sum(ours.values()):11.4f} {cumulative[-1]:10.4f}")


if __name__ == "__main__":
    main()
