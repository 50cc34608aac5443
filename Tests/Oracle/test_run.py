"""`edgewise run MODEL --input X.npy [--input name=X.npy ...] --output Y.npy|Y.npz` matches LiteRT.

Tolerance per element: |ours − LiteRT| ≤ 1e-5 × max(1, |LiteRT|), against LiteRT's default
resolver or its reference kernels (BUILTIN_REF); within either one passes.
"""

import re

import numpy as np
import pytest

from oracle import (CUSTOM_OP_MODEL, FIXTURES, FLOAT_FIXTURES, committed_models, model_id,
                    random_inputs, run_litert, run_litert_per_sample)

#: Round-trip extras, not kernel models: a custom op and control flow (IF/WHILE), which the
#: runtime does not implement (the custom op's error is tested below).
NOT_RUNNABLE = {CUSTOM_OP_MODEL.name, "cond_if.tflite", "while_loop.tflite"}
KERNEL_MODELS = [m for m in committed_models() if m.name not in NOT_RUNNABLE]
FLOAT_FIXTURE_PATHS = [FIXTURES / f for f in FLOAT_FIXTURES]
SAMPLES = 32


def input_names(model):
    from ai_edge_litert.interpreter import Interpreter
    return [d["name"] for d in Interpreter(model_path=str(model)).get_input_details()]


def run_ours(edgewise, model, inputs, folder, output="out.npz"):
    """Run `edgewise run` with inputs saved as .npy (named when there are several); load the result."""
    args = ["run", model]
    names = input_names(model)
    for i, (name, x) in enumerate(zip(names, inputs)):
        path = folder / f"in{i}.npy"
        np.save(path, x)
        args += ["--input", path if len(inputs) == 1 else f"{name}={path}"]
    out = folder / output
    result = edgewise(*args, "--output", out)
    assert result.returncode == 0, f"edgewise run failed ({result.returncode}): {result.stderr.strip()}"
    if output.endswith(".npy"):
        return np.load(out)
    with np.load(out) as z:
        return {k: z[k] for k in z.files}


def mismatch(ours, expected):
    """None when `ours` is within tolerance of `expected`, else a description of the worst element."""
    if ours.shape != expected.shape:
        return f"shape {ours.shape} != {expected.shape}"
    if expected.dtype.kind != "f":
        return None if np.array_equal(ours, expected) else f"integer values differ: {ours} vs {expected}"
    ours64, exp64 = ours.astype(np.float64), expected.astype(np.float64)
    err = np.abs(ours64 - exp64) / np.maximum(1.0, np.abs(exp64))
    worst = int(np.argmax(err))
    if err.flat[worst] <= 1e-5:
        return None
    return f"relative error {err.flat[worst]:.3g} at flat index {worst}: {ours.flat[worst]} vs {expected.flat[worst]}"


def assert_matches_litert(ours, default, reference):
    assert sorted(ours) == sorted(name for name, _ in default), "output names differ from LiteRT's"
    for (name, want_default), (_, want_ref) in zip(default, reference):
        got = ours[name]
        errors = [mismatch(got, want) for want in (want_default, want_ref)]
        assert None in errors, f"output {name}: vs default {errors[0]}; vs reference {errors[1]}"


@pytest.mark.parametrize("model", KERNEL_MODELS + FLOAT_FIXTURE_PATHS, ids=model_id)
def test_run_matches_litert_on_random_inputs(model, edgewise, workdir):
    inputs = random_inputs(model, seed=11)
    ours = run_ours(edgewise, model, inputs, workdir)
    assert_matches_litert(ours, run_litert(model, inputs), run_litert(model, inputs, reference=True))


@pytest.mark.parametrize("model", FLOAT_FIXTURE_PATHS, ids=model_id)
def test_run_matches_litert_on_real_samples_batched(model, edgewise, workdir):
    x = np.load(model.parent / "x_test.npy")[:SAMPLES]
    ours = run_ours(edgewise, model, [x], workdir)
    default = run_litert_per_sample(model, x)
    assert default[0][1].shape[0] == SAMPLES
    assert_matches_litert(ours, default, run_litert_per_sample(model, x, reference=True))


def test_run_writes_npy_for_single_output_model(edgewise, workdir):
    model = FIXTURES / "digits" / "digits_float32.tflite"
    x = np.load(model.parent / "x_test.npy")[:1]
    ours = run_ours(edgewise, model, [x], workdir, output="out.npy")
    [(_, want)] = run_litert(model, [x], reference=True)
    assert mismatch(ours, want) is None


def test_run_reports_unsupported_custom_op_with_exit_code_2(edgewise, workdir):
    np.save(workdir / "x.npy", np.zeros((2, 3), np.float32))
    result = edgewise("run", CUSTOM_OP_MODEL, "--input", workdir / "x.npy", "--output", workdir / "y.npz")
    assert result.returncode == 2
    message = result.stderr + result.stdout
    line = next((l for l in message.splitlines() if "unsupported op" in l.lower()), None)
    assert line is not None, f"no 'unsupported op' line in: {message!r}"
    assert "EdgewiseTestOp" in line
    assert re.search(r"\b1\b", line), f"operator index 1 not named in: {line!r}"
    assert "Fatal error" not in message
