"""Paths and helpers shared by the oracle tests: the models, random inputs, running LiteRT."""

import pathlib

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

REPO = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = (REPO / ".." / "shared" / "fixtures").resolve()
TEST_MODELS = REPO / "Tests" / "Fixtures" / "models"
CUSTOM_OP_MODEL = TEST_MODELS / "custom_op.tflite"

#: The float32-I/O fixture models `edgewise run` must match LiteRT on.
FLOAT_FIXTURES = [
    "mnist5k/mnist_cnn_float32.tflite",
    "mnist5k/mnist_sensitive_float32.tflite",
    "mnist5k/mnist_cnn_float16.tflite",
    "digits/digits_float32.tflite",
    "digits/digits_pruned50_float32.tflite",
    "digits/digits_pruned80_float32.tflite",
    "digits/digits_clustered16_float32.tflite",
    "digits/digits_float16.tflite",
    "digits/digits_pruned50_sparse_float32.tflite",
    "digits/digits_pruned80_sparse_float32.tflite",
]


def fixture_models():
    """Every .tflite under ../shared/fixtures, sorted."""
    return sorted(FIXTURES.rglob("*.tflite"))


def committed_models():
    """Every committed test model in Tests/Fixtures/models, sorted."""
    return sorted(TEST_MODELS.glob("*.tflite"))


def model_id(path):
    """A short test id: the path relative to the fixtures or test-model folder."""
    path = pathlib.Path(path)
    for base in (FIXTURES, TEST_MODELS):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return path.name


def random_inputs(model_path, seed):
    """Random inputs for every model input, by LiteRT input details (float: N(0, 3²); ints: full range)."""
    rng = np.random.default_rng(seed)
    arrays = []
    for d in Interpreter(model_path=str(model_path)).get_input_details():
        shape, dtype = tuple(d["shape"]), np.dtype(d["dtype"])
        if dtype.kind == "f":
            arrays.append((rng.standard_normal(shape) * 3).astype(dtype))
        else:
            info = np.iinfo(dtype)
            arrays.append(rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype))
    return arrays


def run_litert(model_path, inputs, reference=False):
    """Run LiteRT once; inputs by input index. Returns [(output tensor name, array)] in output order.

    `reference=True` uses `OpResolverType.BUILTIN_REF` (reference kernels, no delegates);
    otherwise the default resolver (XNNPACK delegate applied).
    """
    resolver = OpResolverType.BUILTIN_REF if reference else OpResolverType.AUTO
    interp = Interpreter(model_path=str(model_path), experimental_op_resolver_type=resolver)
    details = interp.get_input_details()
    assert len(details) == len(inputs), f"model has {len(details)} inputs, got {len(inputs)}"
    interp.allocate_tensors()
    for d, x in zip(details, inputs):
        interp.set_tensor(d["index"], x)
    interp.invoke()
    return [(d["name"], interp.get_tensor(d["index"])) for d in interp.get_output_details()]


def run_litert_per_sample(model_path, batch, reference=False):
    """Run a single-input model on each leading-axis sample of `batch` (kept rank) and concatenate."""
    per_sample = [run_litert(model_path, [batch[i : i + 1]], reference) for i in range(len(batch))]
    names = [name for name, _ in per_sample[0]]
    return [(name, np.concatenate([s[k][1] for s in per_sample])) for k, name in enumerate(names)]
