"""Quantized fixture models: `edgewise run` matches LiteRT's reference kernels (BUILTIN_REF).

- Integer outputs (int8 / int16 I/O): every element within 1 LSB, at least 99.9 % exact.
- Float outputs of fully quantized float-I/O models (a DEQUANTIZE at the end): within 1 output
  LSB (the scale of the dequantized tensor), ≥ 99.9 % exact, and the same argmax everywhere.
- Dynamic-range (hybrid) models: |ours − ref| ≤ 1e-4 · max(1, |ref|).

Each test also prints the comparison against LiteRT's default (XNNPACK) path, which requantizes
in float and is not the exactness target (`pytest -s` shows it).
"""

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter, OpResolverType

from oracle import FIXTURES

SAMPLES = 200

#: (model, kind): "int" = integer I/O, "float_quantized" = quantized body with float I/O,
#: "hybrid" = float activations with int8 weights.
MODELS = [
    ("mnist5k/mnist_cnn_int8.tflite", "int"),
    ("mnist5k/mnist_cnn_int8_floatio.tflite", "float_quantized"),
    ("mnist5k/mnist_cnn_int16x8.tflite", "float_quantized"),
    ("mnist5k/mnist_cnn_dynamic_int8.tflite", "hybrid"),
    ("mnist5k/mnist_sensitive_int8_floatio.tflite", "float_quantized"),
    ("mnist5k/mnist_sensitive_int16x8.tflite", "float_quantized"),
    ("digits/digits_full_int8.tflite", "int"),
    ("digits/digits_int16x8.tflite", "float_quantized"),
    ("digits/digits_qat_int8.tflite", "int"),
    ("digits/digits_dynamic_int8.tflite", "hybrid"),
    ("digits/digits_aeq_static_wi8_ai8.tflite", "int"),
    ("digits/digits_aeq_static_wi8_ai16.tflite", "int"),
    ("digits/digits_aeq_dynamic_wi8_afp32.tflite", "hybrid"),
    ("digits/digits_aeq_dynamic_wi4_afp32.tflite", "hybrid"),
    ("digits/digits_pruned50_dynamic_int8.tflite", "hybrid"),
    ("digits/digits_pruned80_dynamic_int8.tflite", "hybrid"),
    ("digits/digits_clustered16_dynamic_int8.tflite", "hybrid"),
]


def model_inputs(path):
    """The first SAMPLES test images, quantized with the input's parameters for integer inputs."""
    x = np.load(path.parent / "x_test.npy")[:SAMPLES]
    detail = Interpreter(model_path=str(path)).get_input_details()[0]
    dtype = np.dtype(detail["dtype"])
    if dtype.kind == "f":
        return x.astype(dtype)
    scale, zero_point = detail["quantization"]
    info = np.iinfo(dtype)
    q = np.round(x.astype(np.float64) / scale) + zero_point  # np.round ties to even; test images do not tie
    return np.clip(q, info.min, info.max).astype(dtype)


def litert_outputs(path, x, reference):
    """LiteRT on each sample (the models have batch 1); returns the concatenated first output."""
    resolver = OpResolverType.BUILTIN_REF if reference else OpResolverType.AUTO
    interp = Interpreter(model_path=str(path), experimental_op_resolver_type=resolver)
    interp.allocate_tensors()
    inp, out = interp.get_input_details()[0], interp.get_output_details()[0]
    rows = []
    for i in range(len(x)):
        interp.set_tensor(inp["index"], x[i : i + 1])
        interp.invoke()
        rows.append(interp.get_tensor(out["index"]).copy())
    return np.concatenate(rows)


def output_lsb(path):
    """The scale of the integer tensor a float output is dequantized from (DEQUANTIZE's input)."""
    interp = Interpreter(model_path=str(path))
    output_index = interp.get_output_details()[0]["index"]
    tensors = {t["index"]: t for t in interp.get_tensor_details()}
    for op in interp._get_ops_details():
        if output_index in list(op["outputs"]) and op["op_name"] == "DEQUANTIZE":
            return float(tensors[int(op["inputs"][0])]["quantization"][0])
    raise AssertionError(f"{path.name}: the output is not produced by DEQUANTIZE")


def run_ours(edgewise, path, x, folder):
    np.save(folder / "x.npy", x)
    result = edgewise("run", path, "--input", folder / "x.npy", "--output", folder / "y.npy", timeout=600)
    assert result.returncode == 0, f"edgewise run failed ({result.returncode}): {result.stderr.strip()}"
    return np.load(folder / "y.npy")


def lsb_stats(ours, want, lsb):
    """(largest difference in LSBs, fraction of elements exactly equal)."""
    diff = np.abs(ours.astype(np.float64) - want.astype(np.float64)) / lsb
    exact = np.mean(np.rint(diff) == 0) if lsb != 1 else np.mean(diff == 0)
    return float(diff.max()), float(exact)


def relative_error(ours, want):
    ours64, want64 = ours.astype(np.float64), want.astype(np.float64)
    return float(np.max(np.abs(ours64 - want64) / np.maximum(1.0, np.abs(want64))))


def describe(kind, ours, want, lsb):
    if kind == "hybrid":
        return f"max relative error {relative_error(ours, want):.3g}"
    worst, exact = lsb_stats(ours, want, lsb)
    agree = np.mean(np.argmax(ours, axis=-1) == np.argmax(want, axis=-1))
    return f"max {worst:.3g} LSB, {exact:.2%} exact, argmax agreement {agree:.2%}"


@pytest.mark.parametrize("name,kind", MODELS, ids=[m for m, _ in MODELS])
def test_quantized_fixture_matches_litert_reference(name, kind, edgewise, workdir):
    path = FIXTURES / name
    x = model_inputs(path)
    ours = run_ours(edgewise, path, x, workdir)
    reference = litert_outputs(path, x, reference=True)
    default = litert_outputs(path, x, reference=False)
    assert ours.shape == reference.shape and ours.dtype == reference.dtype
    lsb = 1.0 if kind in ("int", "hybrid") else output_lsb(path)
    print(f"\n{name}: vs BUILTIN_REF {describe(kind, ours, reference, lsb)}; "
          f"vs default (XNNPACK) {describe(kind, ours, default, lsb)}")
    if kind == "hybrid":
        assert relative_error(ours, reference) <= 1e-4
        return
    worst, exact = lsb_stats(ours, reference, lsb)
    assert worst <= 1 + 1e-6, f"largest difference {worst} LSB"
    assert exact >= 0.999, f"only {exact:.4%} exact"
    if kind == "float_quantized":
        assert np.array_equal(np.argmax(ours, axis=-1), np.argmax(reference, axis=-1))
