#!/usr/bin/env python3
"""Per-op workloads of the models in the TFLite performance guide's Table 1, for the advisor's
latency-estimate calibration test (Tests/AdvisorTests/Table1CalibrationTests.swift).

Table 1 (tensorflow.org/lite/performance/model_optimization, Pixel 2, one big core) gives:
MobileNet v1 124 ms float / 64 ms int8, MobileNet v2 89 / 54, Inception v3 1130 / 543,
ResNet v2 101 3973 ms float. This script builds those architectures from keras.applications with
random weights (weights=None: nothing is downloaded), converts them to .tflite in a temporary
folder (float32, and full-integer int8 with float I/O calibrated on two random samples: the
weights are random, so the ranges do not matter for the op graph), runs OUR `edgewise inspect
--json` on each file and keeps only what the cost model reads: per operator its type, output
compute type, MACs, constant bytes, activation bytes and output bytes. Only that small JSON is committed.

Usage: /work/venv-tools/bin/python scripts/make_table1_models.py PATH/TO/edgewise [OUT_DIR]
(OUT_DIR defaults to Tests/Fixtures/table1).
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import tensorflow as tf

DTYPE_BYTES = {"float32": 4, "int32": 4, "float16": 2, "int16": 2, "int8": 1, "uint8": 1, "int64": 8, "bool": 1}

MODELS = {
    # name: (builder, input side). Inception v3 and ResNet v2 101 use 299x299 inputs, as in the
    # hosted TFLite models the guide's table measures.
    "mobilenet_v1": (lambda: tf.keras.applications.MobileNet(weights=None, input_shape=(224, 224, 3)), 224),
    "mobilenet_v2": (lambda: tf.keras.applications.MobileNetV2(weights=None, input_shape=(224, 224, 3)), 224),
    "inception_v3": (lambda: tf.keras.applications.InceptionV3(weights=None, input_shape=(299, 299, 3)), 299),
    "resnet_v2_101": (lambda: tf.keras.applications.ResNet101V2(weights=None, input_shape=(299, 299, 3)), 299),
}
INT8 = {"mobilenet_v1", "mobilenet_v2", "inception_v3"}  # Table 1 has no int8 figure for ResNet v2 101


def convert(model, side, int8):
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if int8:
        rng = np.random.default_rng(0)

        def samples():
            for _ in range(2):
                yield [rng.uniform(-1, 1, (1, side, side, 3)).astype(np.float32)]

        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = samples
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    return converter.convert()


def tensor_bytes(tensor):
    count = 1
    for d in tensor["shape"]:
        count *= max(d, 1)
    return count * DTYPE_BYTES.get(tensor["dtype"], 4)


def compute_type(op):
    """The type an op computes in, as the advisor's OpWorkload names it."""
    output = op["outputs"][0]["dtype"] if op["outputs"] else "float32"
    if output in ("int8", "uint8"):
        return "int8"
    if output == "int16":
        return "int16"
    return "hybrid" if set(op["weight_bytes"]) & {"int8", "uint8", "int4"} else "float32"


def workload(edgewise, path):
    report = json.loads(subprocess.run([edgewise, "inspect", "--json", path], check=True,
                                       capture_output=True, text=True).stdout)
    ops = []
    for op in report["operators"]:
        activations = [t for t in op["inputs"] + op["outputs"] if t is not None and not t["is_constant"]]
        ops.append({
            "op": op["op"],
            "compute": compute_type(op),
            "macs": op["macs"],
            "weightBytes": sum(op["weight_bytes"].values()),
            "activationBytes": sum(tensor_bytes(t) for t in activations),
            "outputBytes": sum(tensor_bytes(t) for t in op["outputs"] if t is not None),
        })
    return ops


def main():
    edgewise = os.path.abspath(sys.argv[1])
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "table1")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (build, side) in MODELS.items():
            tf.keras.backend.clear_session()
            model = build()
            for int8 in ([False, True] if name in INT8 else [False]):
                variant = "int8" if int8 else "float32"
                path = os.path.join(tmp, f"{name}_{variant}.tflite")
                with open(path, "wb") as f:
                    f.write(convert(model, side, int8))
                ops = workload(edgewise, path)
                target = os.path.join(out, f"{name}_{variant}.json")
                with open(target, "w") as f:
                    json.dump({"model": name, "variant": variant, "source": "keras.applications, weights=None",
                               "operators": ops}, f, separators=(",", ":"))
                    f.write("\n")
                macs = sum(o["macs"] for o in ops)
                print(f"{target}: {len(ops)} ops, {macs / 1e6:.0f}M MACs", flush=True)


if __name__ == "__main__":
    main()
