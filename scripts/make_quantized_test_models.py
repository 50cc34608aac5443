"""Write the small quantized `.tflite` per-kernel test models in Tests/Fixtures/models/quantized/.

Run from the repo root with the tools venv:
    /work/venv-tools/bin/python scripts/make_quantized_test_models.py

How each model is made:
- The float model specs (tf.functions, shapes, edits) are imported from scripts/make_test_models.py;
  only the ops LiteRT quantizes are taken (list `KERNELS` below).
- Each is converted with `tf.lite.TFLiteConverter.from_concrete_functions`,
  `optimizations=[DEFAULT]` and a representative dataset of 64 samples drawn from N(0, 3²)
  (`numpy.random.default_rng(2000 + model seed)`), in three flavours:
  * `<name>_int8`:  full integer, `supported_ops=[TFLITE_BUILTINS_INT8]`, int8 inputs/outputs;
  * `<name>_int16x8`: `supported_ops=[EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]`,
    asking for int16 inputs/outputs (the converter keeps float32 I/O with QUANTIZE/DEQUANTIZE at
    the ends for some models);
  * `<name>_int8_floatio` (only for `FLOAT_IO`): full integer with float32 I/O, so the model starts
    with QUANTIZE float32→int8 and ends with DEQUANTIZE.
  The edits of make_test_models.py (e.g. MUL → PRELU) are applied after conversion.
- A flavour the converter refuses, or whose result still computes the kernel in float, is skipped
  and listed in the README with the reason.

Every written model is run once in LiteRT with the reference op resolver (BUILTIN_REF).
"""

import os
import pathlib
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter, OpResolverType
from tensorflow.lite.tools import flatbuffer_utils

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_test_models as base  # noqa: E402

OUT = ROOT / "Tests" / "Fixtures" / "models" / "quantized"
tflite_reader = base.tflite_reader

#: Float model specs (by name in make_test_models.py) that get quantized versions.
KERNELS = [
    "add", "sub", "mul", "maximum", "minimum", "squared_difference", "add_broadcast_channel",
    "mul_broadcast_both", "sub_broadcast_rank", "maximum_broadcast", "squared_difference_broadcast",
    "average_pool_2d", "max_pool_2d", "concatenation", "softmax", "softmax_wide", "log_softmax", "logistic", "tanh",
    "relu", "relu6", "relu_n1_to_1", "leaky_relu", "prelu", "hard_swish", "gelu", "gelu_approximate",
    "exp", "mean", "sum", "reduce_max", "resize_bilinear", "resize_bilinear_align_corners",
    "resize_bilinear_half_pixel", "resize_nearest_neighbor", "resize_nearest_neighbor_align_corners",
    "arg_max", "pad", "transpose", "small_cnn",
]
#: Models also written with float32 I/O (QUANTIZE / DEQUANTIZE at the ends).
FLOAT_IO = ["add", "softmax", "concatenation"]
SAMPLES = 64


def representative(spec):
    rng = np.random.default_rng(2000 + spec["seed"])

    def gen():
        for _ in range(SAMPLES):
            yield [(rng.standard_normal(s) * 3).astype(np.float32) for s in spec["shapes"]]
    return gen


def convert(spec, flavour):
    rng = np.random.default_rng(1000 + spec["seed"])
    body = spec["make"](rng)
    names = "xyzw"
    signature = [tf.TensorSpec(s, base.F32, name=names[i]) for i, s in enumerate(spec["shapes"])]
    fn = tf.function(body, input_signature=signature, autograph=False)
    converter = tf.lite.TFLiteConverter.from_concrete_functions([fn.get_concrete_function()], fn)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.representative_dataset = representative(spec)
    if flavour == "int16x8":
        converter.target_spec.supported_ops = [tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
        converter.inference_input_type = converter.inference_output_type = tf.int16
    else:
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        if flavour == "int8":
            converter.inference_input_type = converter.inference_output_type = tf.int8
    data = converter.convert()
    if spec["edit"]:
        m = flatbuffer_utils.convert_bytearray_to_object(bytearray(data))
        data = flatbuffer_utils.convert_object_to_bytearray(spec["edit"](m))
    return bytes(data)


def tensor_types(path):
    """Types of every operator input tensor, from LiteRT's tensor details."""
    interp = Interpreter(model_path=str(path), experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interp.allocate_tensors()
    return {d["dtype"] for d in interp.get_tensor_details()}


def check_runs(path):
    interp = Interpreter(model_path=str(path), experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interp.allocate_tensors()
    rng = np.random.default_rng(0)
    for d in interp.get_input_details():
        dtype = np.dtype(d["dtype"])
        if dtype.kind == "f":
            x = rng.standard_normal(d["shape"]).astype(dtype)
        else:
            info = np.iinfo(dtype)
            x = rng.integers(info.min, info.max, size=d["shape"], endpoint=True, dtype=dtype)
        interp.set_tensor(d["index"], x)
    interp.invoke()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("*.tflite"):
        stale.unlink()
    specs = {s["name"]: s for s in base.MODELS}
    rows, skipped = [], []
    for name in KERNELS:
        spec = specs[name]
        flavours = ["int8", "int16x8"] + (["int8_floatio"] if name in FLOAT_IO else [])
        for flavour in flavours:
            out_name = f"{name}_{flavour}"
            try:
                data = convert(spec, flavour)
            except Exception as error:  # the converter refuses some op/type combinations
                skipped.append(f"| `{out_name}` | converter: {str(error).strip().splitlines()[-1][:120]} |")
                continue
            ops = tflite_reader.read_model(data).op_names()
            missing = [o for o in spec["ops"] if o not in ops]
            path = OUT / (out_name + ".tflite")
            path.write_bytes(data)
            float_inside = flavour == "int8" and np.float32 in tensor_types(path)
            if missing or float_inside:
                path.unlink()
                reason = f"ops {ops} lack {missing}" if missing else "some tensors stay float32"
                skipped.append(f"| `{out_name}` | {reason} |")
                continue
            try:
                check_runs(path)
            except RuntimeError as error:  # LiteRT has no kernel for this type
                path.unlink()
                skipped.append(f"| `{out_name}` | LiteRT: {str(error).strip().splitlines()[0][:120]} |")
                continue
            inputs = " ".join("x".join(str(d) for d in s) for s in spec["shapes"])
            rows.append(f"| `{path.name}` | {len(data)} | {flavour} | {inputs} | {', '.join(ops)} | {spec['note']} |")
            print(out_name, ops, flush=True)
    write_readme(rows, skipped)
    total = sum(p.stat().st_size for p in OUT.glob("*.tflite"))
    print(f"wrote {len(rows)} models, {total} bytes; skipped {len(skipped)}")


def write_readme(rows, skipped):
    text = f"""# Quantized per-kernel test models

Small full-integer TFLite models, one kernel each (plus `small_cnn`), for
`Tests/Oracle/test_quantized_kernels.py`, which runs every model here with `edgewise run` and
LiteRT's reference kernels (BUILTIN_REF) on random inputs. All are written by
`scripts/make_quantized_test_models.py` (run it with `/work/venv-tools/bin/python`:
tensorflow-cpu 2.21.0, ai-edge-litert 2.3.0); its docstring says how.

Each is the float model of the same name in `../README.md` (same tf.function, shapes and edit)
converted by `TFLiteConverter` with `optimizations=[DEFAULT]` and a representative dataset of
{SAMPLES} samples from N(0, 3²):
**int8** = `TFLITE_BUILTINS_INT8`, int8 inputs and outputs;
**int16x8** = `EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8`, int16 I/O requested
(the converter may keep float32 I/O with QUANTIZE/DEQUANTIZE at the ends);
**int8_floatio** = `TFLITE_BUILTINS_INT8` with float32 inputs and outputs (QUANTIZE … DEQUANTIZE).

| file | bytes | flavour | inputs | ops (in order) | notes |
|---|---:|---|---|---|---|
""" + "\n".join(rows) + """

Not written (the converter refuses the combination, leaves the kernel in float32, or LiteRT
has no kernel for the type):

| model | reason |
|---|---|
""" + "\n".join(skipped) + "\n"
    (OUT / "README.md").write_text(text)


if __name__ == "__main__":
    main()
