"""`edgewise optimize` against the TF converter and LiteRT.

Every model we write from the float fixtures, with each scheme, must load and run in LiteRT
(default and BUILTIN_REF resolvers), reach at least the converter's top-1 accuracy − 0.2 pp on the
fixture test set (evaluated with LiteRT), and be within 3 % of the converter's file size. The
sensitive model must show the int8 loss and the int16x8 recovery the converter's files show.
"""

import importlib.util

import pytest

from oracle import FIXTURES, REPO

_spec = importlib.util.spec_from_file_location("compare", REPO / "scripts" / "compare_with_converter.py")
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)

CASES = [(f, c, folder, scheme, extra, converted)
         for f, c, folder, schemes in compare.CASES for scheme, extra, converted in schemes]


def case_id(case):
    return f"{case[0].split('/')[-1].removesuffix('_float32.tflite')}-{case[3]}{'-' + case[4][1] if case[4] else ''}"


@pytest.fixture(scope="module")
def test_sets():
    import numpy as np
    return {folder: (np.load(FIXTURES / folder / "x_test.npy"), np.load(FIXTURES / folder / "y_test.npy"))
            for folder in ("mnist5k", "digits")}


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_optimized_model_matches_converter(case, edgewise_bin, workdir, test_sets):
    float_model, calibration, folder, scheme, extra, converted = case
    ours = workdir / "ours.tflite"
    compare.optimize(edgewise_bin, float_model, calibration, scheme, extra, ours)
    theirs = FIXTURES / converted
    x, y = test_sets[folder]
    for reference in (False, True):
        ours_acc = compare.accuracy(ours, x, y, reference=reference)
        theirs_acc = compare.accuracy(theirs, x, y, reference=reference)
        assert ours_acc >= theirs_acc - 0.002, f"accuracy {ours_acc:.4f} vs converter {theirs_acc:.4f} (reference={reference})"
    ratio = ours.stat().st_size / theirs.stat().st_size
    assert abs(ratio - 1) <= 0.03, f"{ours.stat().st_size} bytes vs converter {theirs.stat().st_size}"


def test_sensitive_model_loses_accuracy_in_int8_and_recovers_in_int16x8(edgewise_bin, workdir, test_sets):
    x, y = test_sets["mnist5k"]
    source = "mnist5k/mnist_sensitive_float32.tflite"
    float_acc = compare.accuracy(FIXTURES / source, x, y, reference=True)
    accs = {}
    for scheme in ("int8", "int16x8"):
        out = workdir / f"{scheme}.tflite"
        compare.optimize(edgewise_bin, source, "mnist5k/calib.npy", scheme, [], out)
        accs[scheme] = compare.accuracy(out, x, y, reference=True)
    converter_int8 = compare.accuracy(FIXTURES / "mnist5k/mnist_sensitive_int8_floatio.tflite", x, y, reference=True)
    assert float_acc - accs["int8"] >= 0.03, f"int8 {accs['int8']:.4f} vs float {float_acc:.4f}: expected a clear loss"
    assert abs(accs["int8"] - converter_int8) <= 0.005, f"int8 {accs['int8']:.4f} vs converter's {converter_int8:.4f}"
    assert accs["int16x8"] >= float_acc - 0.002, f"int16x8 {accs['int16x8']:.4f} vs float {float_acc:.4f}"


def test_keep_float_model_loads_in_litert(edgewise, workdir, test_sets):
    out = workdir / "selective.tflite"
    result = edgewise("optimize", FIXTURES / "mnist5k/mnist_sensitive_float32.tflite", "--recipe", "int8",
                      "--calibration", FIXTURES / "mnist5k/calib.npy", "--keep-float", "type:TANH", "--keep-float", "op:0",
                      "-o", out)
    assert result.returncode == 0, result.stderr
    assert "op 6 TANH: keep-float rule" in result.stdout
    x, y = test_sets["mnist5k"]
    assert compare.accuracy(out, x[:200], y[:200], reference=True) > 0.85


def test_int8_without_calibration_is_refused(edgewise, workdir):
    result = edgewise("optimize", FIXTURES / "digits/digits_float32.tflite", "--recipe", "int8", "-o", workdir / "o.tflite")
    assert result.returncode == 2
    assert "calibration" in result.stderr and not (workdir / "o.tflite").exists()


def test_optimize_never_overwrites_the_input(edgewise, workdir):
    model = workdir / "m.tflite"
    model.write_bytes((FIXTURES / "digits/digits_float32.tflite").read_bytes())
    result = edgewise("optimize", model, "--recipe", "float16", "-o", model, "--force")
    assert result.returncode == 2 and model.read_bytes() == (FIXTURES / "digits/digits_float32.tflite").read_bytes()


def test_saved_recipe_replays_to_the_same_model(edgewise, workdir):
    args = ["--calibration", FIXTURES / "digits/calib_200.npy"]
    first = edgewise("optimize", FIXTURES / "digits/digits_float32.tflite", "--recipe", "int8", "--io", "int8",
                     "--observer", "percentile", *args, "--save-recipe", workdir / "r.json", "-o", workdir / "a.tflite")
    assert first.returncode == 0, first.stderr
    second = edgewise("optimize", FIXTURES / "digits/digits_float32.tflite", "--recipe-file", workdir / "r.json", *args,
                      "-o", workdir / "b.tflite")
    assert second.returncode == 0, second.stderr
    assert (workdir / "a.tflite").read_bytes() == (workdir / "b.tflite").read_bytes()
