"""`edgewise inspect MODEL --json`: parseable JSON, quantization parameters as LiteRT reports them,
and people-friendly errors (exit code 2, one stderr line, byte offsets, no crash)."""

import json

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter

from oracle import FIXTURES, committed_models, fixture_models, model_id

INT8_MODEL = FIXTURES / "mnist5k" / "mnist_cnn_int8.tflite"
CRASH_MARKERS = ("Fatal error", "Stack dump", "Current stack trace", "Segmentation fault", "Illegal instruction")


def inspect_json(edgewise, model):
    result = edgewise("inspect", model, "--json")
    assert result.returncode == 0, f"inspect failed ({result.returncode}): {result.stderr.strip()}"
    return json.loads(result.stdout)


def dicts_naming(value, name):
    """Every JSON object (depth first) with a string value equal to `name`."""
    if isinstance(value, dict):
        if name in value.values():
            yield value
        for v in value.values():
            yield from dicts_naming(v, name)
    elif isinstance(value, list):
        for v in value:
            yield from dicts_naming(v, name)


def find_field(obj, words):
    """The value of the first key (searched depth first) whose lower-cased name contains all `words`."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if all(w in k.lower() for w in words):
                return v
        for v in obj.values():
            found = find_field(v, words)
            if found is not None:
                return found
    elif isinstance(obj, list):
        for v in obj:
            found = find_field(v, words)
            if found is not None:
                return found
    return None


def single(value):
    return value[0] if isinstance(value, list) else value


@pytest.mark.parametrize("model", fixture_models() + committed_models(), ids=model_id)
def test_inspect_json_parses(model, edgewise):
    assert isinstance(inspect_json(edgewise, model), dict)


@pytest.mark.parametrize("kind", ["input", "output"])
def test_inspect_reports_int8_io_quantization_like_litert(kind, edgewise):
    report = inspect_json(edgewise, INT8_MODEL)
    interp = Interpreter(model_path=str(INT8_MODEL))
    [detail] = interp.get_input_details() if kind == "input" else interp.get_output_details()
    assert detail["dtype"] == np.int8
    want_scale = detail["quantization_parameters"]["scales"]
    want_zero = detail["quantization_parameters"]["zero_points"]
    entries = [d for d in dicts_naming(report, detail["name"]) if find_field(d, ["scale"]) is not None]
    assert entries, f"no tensor entry naming {detail['name']} with a scale"
    entry = entries[0]
    dtypes = [v for v in entry.values() if isinstance(v, str) and v.lower() in ("int8", "float32", "uint8", "int16")]
    assert dtypes and dtypes[0].lower() == "int8", f"dtype not int8 in {entry}"
    assert np.float32(single(find_field(entry, ["scale"]))) == np.float32(want_scale[0])
    assert int(single(find_field(entry, ["zero"]))) == int(want_zero[0])


def check_error(result, want_offset):
    assert result.returncode == 2, f"exit code {result.returncode}, stderr {result.stderr!r}"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one stderr line, got {result.stderr!r}"
    if want_offset:
        assert "byte offset" in lines[0]
    for marker in CRASH_MARKERS:
        assert marker not in result.stderr + result.stdout


def test_inspect_missing_file_fails_cleanly(edgewise, workdir):
    check_error(edgewise("inspect", workdir / "no_such_model.tflite", "--json"), want_offset=False)


def test_inspect_random_bytes_fails_with_byte_offset(edgewise, workdir):
    path = workdir / "random.tflite"
    path.write_bytes(np.random.default_rng(3).integers(0, 256, 4096, dtype=np.uint8).tobytes())
    check_error(edgewise("inspect", path, "--json"), want_offset=True)


@pytest.mark.parametrize("keep", [0.5, 0.1], ids=["half", "tenth"])
def test_inspect_truncated_fixture_fails_with_byte_offset(keep, edgewise, workdir):
    data = (FIXTURES / "mnist5k" / "mnist_cnn_float32.tflite").read_bytes()
    path = workdir / "truncated.tflite"
    path.write_bytes(data[: int(len(data) * keep)])
    check_error(edgewise("inspect", path, "--json"), want_offset=True)
