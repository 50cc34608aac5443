"""Write the small float32 `.tflite` test models in Tests/Fixtures/models/ (and its README.md).

Run from the repo root with the tools venv:  /work/venv-tools/bin/python scripts/make_test_models.py

How each model is made:
- Every model starts as a `tf.function` with a fixed `input_signature` (small static shapes,
  float32 inputs named x, y, ...) converted by `tf.lite.TFLiteConverter.from_concrete_functions`
  (TFLITE_BUILTINS only). Constant weights come from `numpy.random.default_rng(<model seed>)`.
- A few ops are never emitted by the converter (it rewrites them or folds them away). Those
  models are converted from a function with a stand-in op and then *edited* with the TFLite
  schema's generated object API (`tensorflow.lite.python.schema_py_generated`, ModelT): the
  stand-in's op code (and options) is replaced. The README's "made by" column says which.
- `custom_op`: a converted model whose one op code is changed to the custom op
  `EdgewiseTestOp` with fixed custom_options bytes (LiteRT cannot run it; it is for round-trip
  and "unsupported op" tests).
- `metadata_extra`: a converted model with two more metadata entries (named buffers).
- `float16_dequantize`: a converted model with `optimizations=[DEFAULT]` and
  `supported_types=[float16]`, so its weights are FLOAT16 behind DEQUANTIZE ops.
- `cond_if` / `while_loop`: `tf.cond` / `tf.while_loop` → IF / WHILE with several subgraphs.

Every written model is checked: its op list (read back with Tests/Oracle/tflite_reader.py, our
own FlatBuffers parser) contains the ops the model is meant to test, and (except the custom-op
model) LiteRT runs it with both the default and the reference op resolver and gives finite outputs.
Ops that need positive inputs (SQRT, RSQRT) are built as f(|x| + 0.1), so any input works.
"""

import os
import pathlib
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter, OpResolverType
from tensorflow.lite.python import schema_py_generated as schema
from tensorflow.lite.tools import flatbuffer_utils

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "Fixtures" / "models"
sys.path.insert(0, str(ROOT / "Tests" / "Oracle"))
import tflite_reader  # noqa: E402

F32 = tf.float32
MODELS = []  # (name, function, input shapes, expected ops, note, edit)


def model(name, shapes, ops, note="", edit=None, seed=0, float16=False):
    """Register a model made from the decorated `fn(rng)` that returns the traced body."""

    def register(make_body):
        MODELS.append(dict(name=name, make=make_body, shapes=shapes, ops=ops, note=note,
                           edit=edit, seed=seed, float16=float16))
        return make_body

    return register


def const(rng, *shape):
    return tf.constant(rng.standard_normal(shape).astype(np.float32) * 0.5)


# ---- edits for ops the converter never emits -------------------------------------------------

def replace_op(old, new, options_type=0, options=None):
    """An edit that turns every `old` op code into builtin `new`, setting operators' options."""

    def edit(m):
        for code in m.operatorCodes:
            if max(code.builtinCode, code.deprecatedBuiltinCode) == old:
                code.builtinCode = new
                code.deprecatedBuiltinCode = min(new, 127)
                code.version = 1
                index = m.operatorCodes.index(code)
                for sg in m.subgraphs:
                    for op in sg.operators:
                        if op.opcodeIndex == index:
                            op.builtinOptionsType = options_type
                            op.builtinOptions = options() if options else None
        return m

    return edit


def squeeze_edit(m):
    """RESHAPE [1,1,4,3]->[1,4,3] becomes SQUEEZE(squeeze_dims=[1]); the shape input is dropped."""
    B = schema.BuiltinOperator
    m = replace_op(B.RESHAPE, B.SQUEEZE, schema.BuiltinOptions.SqueezeOptions,
                   lambda: _with(schema.SqueezeOptionsT(), squeezeDims=[1]))(m)
    for op in m.subgraphs[0].operators:
        op.inputs = op.inputs[:1]
    return m


def expand_dims_edit(m):
    """RESHAPE [2,3]->[2,1,3] becomes EXPAND_DIMS with a new int32 axis tensor holding 1."""
    B = schema.BuiltinOperator
    m = replace_op(B.RESHAPE, B.EXPAND_DIMS, schema.BuiltinOptions.ExpandDimsOptions,
                   schema.ExpandDimsOptionsT)(m)
    sg = m.subgraphs[0]
    buffer = schema.BufferT()
    buffer.data = np.array([1], np.int32).tobytes()
    m.buffers.append(buffer)
    axis = schema.TensorT()
    axis.shape, axis.type, axis.buffer, axis.name = [], schema.TensorType.INT32, len(m.buffers) - 1, b"axis"
    sg.tensors.append(axis)
    sg.operators[0].inputs = [sg.operators[0].inputs[0], len(sg.tensors) - 1]
    return m


def softmax_beta_edit(m):
    """Sets SoftmaxOptions.beta = 2.5 on every SOFTMAX."""
    for sg in m.subgraphs:
        for op in sg.operators:
            if isinstance(op.builtinOptions, schema.SoftmaxOptionsT):
                op.builtinOptions.beta = 2.5
    return m


def custom_op_edit(m):
    """The model's TANH (operator 1, after an ADD) becomes the custom op EdgewiseTestOp."""
    code = next(c for c in m.operatorCodes if c.builtinCode == schema.BuiltinOperator.TANH)
    code.builtinCode, code.deprecatedBuiltinCode = schema.BuiltinOperator.CUSTOM, schema.BuiltinOperator.CUSTOM
    code.customCode = b"EdgewiseTestOp"
    op = m.subgraphs[0].operators[1]
    assert m.operatorCodes[op.opcodeIndex] is code
    op.builtinOptionsType, op.builtinOptions = 0, None
    op.customOptions = list(b"\x01\x02edgewise\x00\xff")
    op.customOptionsFormat = schema.CustomOptionsFormat.FLEXBUFFERS
    return m


def metadata_edit(m):
    """Adds metadata entries `edgewise_test` (text) and `edgewise_blob` (binary) to the model."""
    for name, payload in ((b"edgewise_test", b"hello from Edgewise tests\x00"),
                          (b"edgewise_blob", bytes(range(256)) * 2)):
        buffer = schema.BufferT()
        buffer.data = np.frombuffer(payload, np.uint8)
        m.buffers.append(buffer)
        entry = schema.MetadataT()
        entry.name, entry.buffer = name, len(m.buffers) - 1
        m.metadata.append(entry)
    return m


def _with(obj, **fields):
    for k, v in fields.items():
        setattr(obj, k, v)
    return obj


# ---- the models ------------------------------------------------------------------------------

B = schema.BuiltinOperator
P = [1, 4, 4, 3]

for _name, _fn in [("add", tf.add), ("sub", tf.subtract), ("mul", tf.multiply),
                   ("maximum", tf.maximum), ("minimum", tf.minimum),
                   ("squared_difference", tf.math.squared_difference)]:
    model(_name, [P, P], [_name.upper()])(lambda rng, f=_fn: (lambda x, y: f(x, y)))
model("div", [P, P], ["DIV"], "y is fed as |y| + 0.5")(lambda rng: (lambda x, y: x / (tf.abs(y) + 0.5)))
model("add_broadcast_channel", [P, [3]], ["ADD"], "[1,4,4,3] + [3]")(lambda rng: (lambda x, y: x + y))
model("mul_broadcast_both", [[2, 1, 3], [1, 4, 1]], ["MUL"], "[2,1,3] * [1,4,1]")(lambda rng: (lambda x, y: x * y))
model("sub_broadcast_rank", [[2, 3, 4], [3, 1]], ["SUB"], "[2,3,4] - [3,1]")(lambda rng: (lambda x, y: x - y))
model("maximum_broadcast", [[1, 3, 4], [1, 1, 4]], ["MAXIMUM"], "[1,3,4] max [1,1,4]")(lambda rng: (lambda x, y: tf.maximum(x, y)))
model("squared_difference_broadcast", [[2, 1, 4], [3, 1]], ["SQUARED_DIFFERENCE"], "[2,1,4] vs [3,1]")(
    lambda rng: (lambda x, y: tf.math.squared_difference(x, y)))
model("average_pool_2d", [[1, 5, 5, 2]], ["AVERAGE_POOL_2D"], "3x3 stride 2 SAME")(
    lambda rng: (lambda x: tf.nn.avg_pool2d(x, 3, 2, "SAME")))
model("max_pool_2d", [[1, 5, 5, 2]], ["MAX_POOL_2D"], "2x2 stride 2 VALID")(
    lambda rng: (lambda x: tf.nn.max_pool2d(x, 2, 2, "VALID")))
model("concatenation", [[1, 2, 3, 2], [1, 2, 3, 3]], ["CONCATENATION"], "axis 3")(
    lambda rng: (lambda x, y: tf.concat([x, y], axis=3)))


@model("conv_2d_stride2_same", [[1, 7, 7, 2]], ["CONV_2D"], "3x3, 4 filters, stride 2, SAME, bias, RELU fused", seed=1)
def _(rng):
    w, b = const(rng, 3, 3, 2, 4), const(rng, 4)
    return lambda x: tf.nn.relu(tf.nn.conv2d(x, w, 2, "SAME") + b)


@model("conv_2d_dilation2_valid", [[1, 8, 8, 2]], ["CONV_2D"], "3x3, 3 filters, dilation 2, VALID", seed=2)
def _(rng):
    w, b = const(rng, 3, 3, 2, 3), const(rng, 3)
    return lambda x: tf.nn.conv2d(x, w, 1, "VALID", dilations=2) + b


@model("depthwise_conv_2d_mult2", [[1, 6, 6, 3]], ["DEPTHWISE_CONV_2D"], "3x3, depth multiplier 2, SAME", seed=3)
def _(rng):
    w, b = const(rng, 3, 3, 3, 2), const(rng, 6)
    return lambda x: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME") + b


@model("depthwise_conv_2d_dilation2", [[1, 8, 8, 2]], ["DEPTHWISE_CONV_2D"], "3x3, multiplier 2, dilation 2, VALID", seed=4)
def _(rng):
    w, b = const(rng, 3, 3, 2, 2), const(rng, 4)
    return lambda x: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID", dilations=[2, 2]) + b


@model("fully_connected", [[1, 8]], ["FULLY_CONNECTED"], "8 -> 5 with bias", seed=5)
def _(rng):
    w, b = const(rng, 8, 5), const(rng, 5)
    return lambda x: tf.matmul(x, w) + b


@model("fully_connected_keep_dims", [[1, 3, 6]], ["FULLY_CONNECTED"], "[1,3,6] -> [1,3,4] (keep_num_dims)", seed=6)
def _(rng):
    w, b = const(rng, 6, 4), const(rng, 4)
    return lambda x: tf.tensordot(x, w, axes=[[2], [0]]) + b


model("batch_matmul", [[2, 3, 4], [2, 4, 5]], ["BATCH_MATMUL"])(lambda rng: (lambda x, y: tf.matmul(x, y)))


@model("transpose_conv", [[1, 3, 3, 2]], ["TRANSPOSE_CONV"], "3x3, stride 2, SAME, 3 output channels", seed=7)
def _(rng):
    w = const(rng, 3, 3, 3, 2)
    return lambda x: tf.nn.conv2d_transpose(x, w, [1, 6, 6, 3], 2, "SAME")


model("reshape", [[1, 4, 6]], ["RESHAPE"])(lambda rng: (lambda x: tf.reshape(x, [2, 3, 4])))
model("squeeze", [[1, 1, 4, 3]], ["SQUEEZE"], "squeeze_dims [1]", edit=squeeze_edit)(
    lambda rng: (lambda x: tf.reshape(x, [1, 4, 3])))
model("expand_dims", [[2, 3]], ["EXPAND_DIMS"], "axis 1", edit=expand_dims_edit)(
    lambda rng: (lambda x: tf.reshape(x, [2, 1, 3])))
model("softmax_beta", [[2, 5]], ["SOFTMAX"], "beta 2.5 (the converter keeps softmax(2.5 x) as MUL + SOFTMAX, so beta is edited)",
      edit=softmax_beta_edit)(lambda rng: (lambda x: tf.nn.softmax(x)))
model("softmax", [[1, 3, 6]], ["SOFTMAX"], "last axis")(lambda rng: (lambda x: tf.nn.softmax(x)))
model("softmax_wide", [[2, 1000]], ["SOFTMAX"], "rows longer than 256 (the int8 kernel's per-row table)")(
    lambda rng: (lambda x: tf.nn.softmax(x)))
model("log_softmax", [[2, 5]], ["LOG_SOFTMAX"])(lambda rng: (lambda x: tf.nn.log_softmax(x)))
model("logistic", [P], ["LOGISTIC"])(lambda rng: (lambda x: tf.sigmoid(x)))
model("tanh", [P], ["TANH"])(lambda rng: (lambda x: tf.tanh(x)))
model("relu", [P], ["RELU"])(lambda rng: (lambda x: tf.nn.relu(x)))
model("relu6", [P], ["RELU6"])(lambda rng: (lambda x: tf.nn.relu6(x)))
model("relu_n1_to_1", [P], ["RELU_N1_TO_1"], "clip to [-1,1]")(lambda rng: (lambda x: tf.clip_by_value(x, -1.0, 1.0)))
model("leaky_relu", [P], ["LEAKY_RELU"], "alpha 0.2")(lambda rng: (lambda x: tf.nn.leaky_relu(x, 0.2)))


@model("prelu", [P], ["PRELU"], "per-channel alpha [3]", edit=replace_op(B.MUL, B.PRELU))
def _(rng):
    alpha = tf.constant(np.array([0.1, 0.25, -0.3], np.float32))
    return lambda x: x * alpha  # the converter never emits PRELU: this MUL becomes PRELU(x, alpha)


model("hard_swish", [P], ["HARD_SWISH"], "x * relu6(x + 3) / 6, fused by the converter")(
    lambda rng: (lambda x: x * tf.nn.relu6(x + 3.0) / 6.0))
model("gelu", [P], ["GELU"], "exact (erf) GELU")(lambda rng: (lambda x: tf.nn.gelu(x, approximate=False)))
model("gelu_approximate", [P], ["GELU"], "tanh-approximate GELU")(lambda rng: (lambda x: tf.nn.gelu(x, approximate=True)))
model("exp", [P], ["EXP"])(lambda rng: (lambda x: tf.exp(x)))
model("sqrt", [P], ["SQRT"], "sqrt(|x| + 0.1)")(lambda rng: (lambda x: tf.sqrt(tf.abs(x) + 0.1)))
model("rsqrt", [P], ["RSQRT"], "rsqrt(|x| + 0.1)")(lambda rng: (lambda x: tf.math.rsqrt(tf.abs(x) + 0.1)))
model("abs", [P], ["ABS"])(lambda rng: (lambda x: tf.abs(x)))
model("neg", [P], ["NEG"])(lambda rng: (lambda x: tf.negative(x)))
model("square", [P], ["SQUARE"])(lambda rng: (lambda x: tf.square(x)))
model("pad", [[1, 3, 3, 2]], ["PAD"], "[[0,0],[1,2],[2,1],[0,0]]")(
    lambda rng: (lambda x: tf.pad(x, [[0, 0], [1, 2], [2, 1], [0, 0]])))
model("padv2", [[1, 3, 3, 2]], ["PADV2"], "constant 1.5")(
    lambda rng: (lambda x: tf.pad(x, [[0, 0], [1, 1], [0, 2], [0, 0]], constant_values=1.5)))
model("mean", [[1, 4, 5, 3]], ["MEAN"], "axes [1,2] keepdims")(lambda rng: (lambda x: tf.reduce_mean(x, axis=[1, 2], keepdims=True)))
model("sum", [[2, 3, 4]], ["SUM"], "axis 1")(lambda rng: (lambda x: tf.reduce_sum(x, axis=1)))
model("reduce_max", [[2, 3, 4]], ["REDUCE_MAX"], "axes [0,2] keepdims")(
    lambda rng: (lambda x: tf.reduce_max(x, axis=[0, 2], keepdims=True)))
model("strided_slice", [[2, 5, 6, 3]], ["STRIDED_SLICE"], "x[:, 1:, ::2, 1] (begin/end/shrink masks)")(
    lambda rng: (lambda x: x[:, 1:, ::2, 1]))
model("strided_slice_negative", [[2, 6, 4]], ["STRIDED_SLICE"], "x[1, ::-2, 1:3] (negative stride)")(
    lambda rng: (lambda x: x[1, ::-2, 1:3]))
model("slice", [[2, 4, 5]], ["SLICE"], "begin [0,1,1] size [2,2,-1]")(lambda rng: (lambda x: tf.slice(x, [0, 1, 1], [2, 2, -1])))
model("split", [[2, 6, 3]], ["SPLIT"], "3 ways on axis 1")(lambda rng: (lambda x: tuple(tf.split(x, 3, axis=1))))
model("split_v", [[2, 6, 3]], ["SPLIT_V"], "sizes [1,2,3] on axis 1")(lambda rng: (lambda x: tuple(tf.split(x, [1, 2, 3], axis=1))))
model("pack", [[2, 3], [2, 3]], ["PACK"], "axis 1")(lambda rng: (lambda x, y: tf.stack([x, y], axis=1)))
model("unpack", [[2, 3, 4]], ["UNPACK"], "axis 1")(lambda rng: (lambda x: tuple(tf.unstack(x, axis=1))))
model("gather", [[3, 5, 2]], ["GATHER"], "indices [4,0,2,2] on axis 1")(
    lambda rng: (lambda x: tf.gather(x, [4, 0, 2, 2], axis=1)))
model("transpose", [[2, 3, 4]], ["TRANSPOSE"], "perm [2,0,1]")(lambda rng: (lambda x: tf.transpose(x, [2, 0, 1])))
model("resize_bilinear", [[1, 3, 4, 2]], ["RESIZE_BILINEAR"], "to 5x7, no corner flags")(
    lambda rng: (lambda x: tf.compat.v1.image.resize_bilinear(x, [5, 7], align_corners=False, half_pixel_centers=False)))
model("resize_bilinear_align_corners", [[1, 3, 4, 2]], ["RESIZE_BILINEAR"], "to 5x7, align_corners")(
    lambda rng: (lambda x: tf.compat.v1.image.resize_bilinear(x, [5, 7], align_corners=True)))
model("resize_bilinear_half_pixel", [[1, 3, 4, 2]], ["RESIZE_BILINEAR"], "to 6x5, half_pixel_centers")(
    lambda rng: (lambda x: tf.image.resize(x, [6, 5], method="bilinear")))
model("resize_nearest_neighbor", [[1, 3, 4, 2]], ["RESIZE_NEAREST_NEIGHBOR"], "to 7x6, half_pixel_centers")(
    lambda rng: (lambda x: tf.image.resize(x, [7, 6], method="nearest")))
model("resize_nearest_neighbor_align_corners", [[1, 3, 4, 2]], ["RESIZE_NEAREST_NEIGHBOR"], "to 5x7, align_corners")(
    lambda rng: (lambda x: tf.compat.v1.image.resize_nearest_neighbor(x, [5, 7], align_corners=True, half_pixel_centers=False)))
model("depth_to_space", [[1, 2, 3, 8]], ["DEPTH_TO_SPACE"], "block 2")(lambda rng: (lambda x: tf.nn.depth_to_space(x, 2)))
model("space_to_depth", [[1, 4, 6, 2]], ["SPACE_TO_DEPTH"], "block 2")(lambda rng: (lambda x: tf.nn.space_to_depth(x, 2)))
model("cast", [[2, 5]], ["CAST"], "float32 -> int32 (x*10, truncating)")(lambda rng: (lambda x: tf.cast(x * 10.0, tf.int32)))
model("shape", [[None, 3, 2]], ["SHAPE"], "int32 output; batch dimension dynamic (-1 in shape_signature)")(
    lambda rng: (lambda x: tf.shape(x)))
model("arg_max", [[2, 3, 5]], ["ARG_MAX"], "axis 2, int32 output")(lambda rng: (lambda x: tf.argmax(x, axis=2, output_type=tf.int32)))


@model("float16_dequantize", [[1, 6, 6, 2]], ["DEQUANTIZE", "CONV_2D"], "float16 weights + DEQUANTIZE", seed=9, float16=True)
def _(rng):
    w, b = const(rng, 3, 3, 2, 4), const(rng, 4)
    return lambda x: tf.nn.conv2d(x, w, 1, "SAME") + b


model("custom_op", [[2, 3]], ["ADD", "EdgewiseTestOp"], "tanh(x + 1) with TANH (operator 1) edited to custom op EdgewiseTestOp",
      edit=custom_op_edit)(lambda rng: (lambda x: tf.tanh(x + 1.0)))
model("metadata_extra", [[2, 3]], ["ADD"], "ADD + metadata entries edgewise_test, edgewise_blob", edit=metadata_edit)(
    lambda rng: (lambda x: x + 1.0))
model("cond_if", [[2, 3]], ["IF"], "tf.cond(sum(x) > 0, 2x, x - 1): 3 subgraphs")(
    lambda rng: (lambda x: tf.cond(tf.reduce_sum(x) > 0.0, lambda: x * 2.0, lambda: x - 1.0)))


@model("while_loop", [[2, 3]], ["WHILE"], "v = 0.5 v + 1 repeated 3 times: 3 subgraphs")
def _(rng):
    def body(x):
        _, v = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * 0.5 + 1.0), (tf.constant(0), x))
        return v
    return body


@model("small_cnn", [[1, 8, 8, 1]], ["CONV_2D", "DEPTHWISE_CONV_2D", "MAX_POOL_2D", "MEAN", "FULLY_CONNECTED", "SOFTMAX"],
       "conv-relu, depthwise, pool, mean, FC, softmax chain", seed=10)
def _(rng):
    w1, b1 = const(rng, 3, 3, 1, 4), const(rng, 4)
    dw, b2 = const(rng, 3, 3, 4, 1), const(rng, 4)
    fw, fb = const(rng, 4, 3), const(rng, 3)

    def body(x):
        h = tf.nn.relu(tf.nn.conv2d(x, w1, 1, "SAME") + b1)
        h = tf.nn.relu6(tf.nn.depthwise_conv2d(h, dw, [1, 1, 1, 1], "SAME") + b2)
        h = tf.reduce_mean(tf.nn.max_pool2d(h, 2, 2, "VALID"), axis=[1, 2])
        return tf.nn.softmax(tf.matmul(h, fw) + fb)
    return body


# ---- conversion, checks, README --------------------------------------------------------------

def convert(spec):
    rng = np.random.default_rng(1000 + spec["seed"])
    body = spec["make"](rng)
    names = "xyzw"
    signature = [tf.TensorSpec(s, F32, name=names[i]) for i, s in enumerate(spec["shapes"])]
    fn = tf.function(body, input_signature=signature, autograph=False)
    converter = tf.lite.TFLiteConverter.from_concrete_functions([fn.get_concrete_function()], fn)
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS]
    if spec["float16"]:
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.target_spec.supported_types = [tf.float16]
    data = converter.convert()
    if spec["edit"]:
        m = flatbuffer_utils.convert_bytearray_to_object(bytearray(data))
        data = flatbuffer_utils.convert_object_to_bytearray(spec["edit"](m))
    return bytes(data)


def check_runs(path):
    """Run `path` in LiteRT with both resolvers on random inputs; return the op resolvers' outputs."""
    outputs = []
    for resolver in (OpResolverType.AUTO, OpResolverType.BUILTIN_REF):
        interp = Interpreter(model_path=str(path), experimental_op_resolver_type=resolver)
        interp.allocate_tensors()
        rng = np.random.default_rng(0)
        for d in interp.get_input_details():
            interp.set_tensor(d["index"], rng.standard_normal(d["shape"]).astype(np.float32))
        interp.invoke()
        outs = [interp.get_tensor(d["index"]) for d in interp.get_output_details()]
        for o in outs:
            if o.dtype.kind == "f" and not np.all(np.isfinite(o)):
                raise AssertionError(f"{path.name}: non-finite output")
        outputs.append(outs)
    return outputs


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("*.tflite"):
        stale.unlink()
    rows, failures = [], []
    for spec in MODELS:
        path = OUT / (spec["name"] + ".tflite")
        data = convert(spec)
        ops = tflite_reader.read_model(data).op_names()
        missing = [o for o in spec["ops"] if o not in ops]
        if missing:
            failures.append(f"{spec['name']}: converter gave {ops}, missing {missing}")
            continue
        path.write_bytes(data)
        if spec["name"] != "custom_op":
            check_runs(path)
        made = "converted" + (" + edited" if spec["edit"] else "") + (" (float16)" if spec["float16"] else "")
        inputs = " ".join("x".join("?" if d is None else str(d) for d in s) for s in spec["shapes"])
        rows.append(f"| `{path.name}` | {len(data)} | {inputs} | {', '.join(ops)} | {made} | {spec['note']} |")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    write_readme(rows)
    total = sum(p.stat().st_size for p in OUT.glob("*.tflite"))
    print(f"wrote {len(rows)} models, {total} bytes")


def write_readme(rows):
    text = f"""# Test models

Small float32 TFLite models for the oracle tests (Tests/Oracle) and Swift tests. All are written
by `scripts/make_test_models.py` (run it with `/work/venv-tools/bin/python`: tensorflow-cpu
2.21.0, ai-edge-litert 2.3.0); its docstring says how. Inputs are float32 named x, y, ... in the
shapes listed (`?` = dynamic dimension, stored as 1 with -1 in shape_signature); any real
input is valid: ops that need positive inputs are built as f(|x| + 0.1), DIV divides by |y| + 0.5.

"made by": **converted** = `TFLiteConverter.from_concrete_functions` on a `tf.function`;
**+ edited** = the converted model was changed with the TFLite schema's generated object API
because the converter never emits that op (or for the round-trip extras) — see the docstring;
**(float16)** = converted with float16 weight quantization (FLOAT16 constants + DEQUANTIZE).

`custom_op.tflite` cannot run in LiteRT (no kernel for `EdgewiseTestOp`); the runtime must
report it as unsupported. `cond_if` and `while_loop` have several subgraphs; `metadata_extra`
has extra metadata entries. Models from ../../../../shared/fixtures cover the rest of the
round-trip cases: float16 + DEQUANTIZE in `digits/digits_float16.tflite` (and
`mnist5k/mnist_cnn_float16.tflite`), sparse tensors + DENSIFY in
`digits/digits_pruned80_sparse_float32.tflite` (and `digits_pruned50_sparse_float32`).

| file | bytes | inputs | ops (in order) | made by | notes |
|---|---:|---|---|---|---|
""" + "\n".join(rows) + "\n"
    (OUT / "README.md").write_text(text)


if __name__ == "__main__":
    main()
