"""`edgewise repack MODEL -o OUT` decodes and re-encodes a model losslessly.

Truth: the original file, read by LiteRT (outputs) and by our independent reader (contents).
"""

import numpy as np
import pytest

from oracle import CUSTOM_OP_MODEL, committed_models, fixture_models, model_id, random_inputs, run_litert
from tflite_reader import read_model_file

ALL_MODELS = fixture_models() + committed_models()
RUNNABLE = [m for m in ALL_MODELS if m != CUSTOM_OP_MODEL]


@pytest.fixture(scope="module")
def repacked(edgewise, tmp_path_factory):
    """`repacked(model)` → path of the model after `edgewise repack` (repacked once per model)."""
    folder = tmp_path_factory.mktemp("repacked")
    done = {}

    def repack(model):
        if model not in done:
            out = folder / (model_id(model).replace("/", "__"))
            result = edgewise("repack", model, "-o", out)
            assert result.returncode == 0, f"repack failed ({result.returncode}): {result.stderr.strip()}"
            assert out.is_file(), "repack wrote no file"
            done[model] = out
        return done[model]

    return repack


def test_shared_fixtures_are_present():
    assert len(fixture_models()) >= 20, "expected the shared fixture models in ../shared/fixtures"


@pytest.mark.parametrize("model", RUNNABLE, ids=model_id)
@pytest.mark.parametrize("reference", [False, True], ids=["default", "ref"])
def test_repacked_model_gives_bit_identical_litert_outputs(model, reference, repacked):
    inputs = random_inputs(model, seed=7)
    before = run_litert(model, inputs, reference)
    after = run_litert(repacked(model), inputs, reference)
    assert [name for name, _ in after] == [name for name, _ in before]
    for (name, a), (_, b) in zip(before, after):
        assert a.dtype == b.dtype and a.shape == b.shape, name
        assert a.tobytes() == b.tobytes(), f"output {name} differs after repack"


@pytest.mark.parametrize("model", ALL_MODELS, ids=model_id)
def test_repacked_model_keeps_buffers_metadata_and_signatures(model, repacked):
    before, after = read_model_file(model), read_model_file(repacked(model))
    assert after.buffers == before.buffers
    assert after.metadata == before.metadata
    assert after.signatures == before.signatures


@pytest.mark.parametrize("model", ALL_MODELS, ids=model_id)
def test_repacked_model_keeps_graph(model, repacked):
    before, after = read_model_file(model), read_model_file(repacked(model))
    assert after.version == before.version
    assert after.description == before.description
    assert after.op_codes == before.op_codes
    assert after.subgraphs == before.subgraphs


def test_repacked_custom_op_keeps_code_options_and_metadata(repacked):
    before, after = read_model_file(CUSTOM_OP_MODEL), read_model_file(repacked(CUSTOM_OP_MODEL))
    assert before.op_names() == ["ADD", "EdgewiseTestOp"]
    assert after.op_names() == before.op_names()
    custom = [(c.custom_code, c.builtin) for c in after.op_codes]
    assert custom == [(c.custom_code, c.builtin) for c in before.op_codes]
    options = [op.custom_options for op in after.subgraphs[0].operators]
    assert options == [op.custom_options for op in before.subgraphs[0].operators]
    assert options[1] == b"\x01\x02edgewise\x00\xff"
    assert sorted(after.metadata) == sorted(before.metadata)
    assert after.metadata == before.metadata
    assert after.buffers == before.buffers
