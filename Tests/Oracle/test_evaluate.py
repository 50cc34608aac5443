"""`edgewise evaluate` and `edgewise compare` against LiteRT's reference kernels on the mnist5k fixtures.

- Top-1 accuracy of every converter-made model equals accuracy_by_runtime.json's reference-kernel
  column (which LiteRT's BUILTIN_REF resolver gives; our kernels follow the reference arithmetic).
- A JPEG class-folder dataset (encoded and decoded by TensorFlow, which uses libjpeg-turbo like
  us) gives LiteRT's accuracy on TensorFlow's decoded pixels.
- Bad data exits with status 2 and one line naming the problem.
"""

import json

import numpy as np
import pytest

from oracle import FIXTURES

MNIST = FIXTURES / "mnist5k"
TEST_NPZ = MNIST / "test.npz"
MODELS = sorted(json.loads((MNIST / "accuracy_by_runtime.json").read_text()))


@pytest.mark.parametrize("name", MODELS)
def test_top1_matches_litert_reference_kernels(edgewise, name):
    expected = json.loads((MNIST / "accuracy_by_runtime.json").read_text())[name]["reference_kernels"]
    result = edgewise("evaluate", MNIST / name, "--data", TEST_NPZ, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["samples"] == 1000
    assert report["top1"]["successes"] == round(expected * 1000)


def test_jpeg_folder_accuracy_matches_litert_on_tensorflow_decoded_pixels(edgewise, workdir):
    tf = pytest.importorskip("tensorflow")
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    count = 200
    with np.load(TEST_NPZ) as z:
        x, y = z["x"][:count], z["y"][:count]
    pixels = np.rint(x * 255).astype(np.uint8)
    model = MNIST / "mnist_cnn_float32.tflite"
    interpreter = Interpreter(model_path=str(model), experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interpreter.allocate_tensors()
    inp, out = interpreter.get_input_details()[0]["index"], interpreter.get_output_details()[0]["index"]
    hits = 0
    for i in range(count):
        folder = workdir / "digits" / str(int(y[i]))
        folder.mkdir(parents=True, exist_ok=True)
        encoded = tf.io.encode_jpeg(pixels[i], quality=90).numpy()
        (folder / f"{i:04d}.jpg").write_bytes(encoded)
        decoded = tf.io.decode_jpeg(encoded, channels=1).numpy().astype(np.float32) / np.float32(255)
        interpreter.set_tensor(inp, decoded[None])
        interpreter.invoke()
        hits += int(np.argmax(interpreter.get_tensor(out)[0]) == y[i])
    result = edgewise("evaluate", model, "--data", workdir / "digits", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["class_names"] == [str(d) for d in range(10)]
    assert report["top1"]["successes"] == hits


def test_reference_and_layers_report_fidelity(edgewise):
    result = edgewise("evaluate", MNIST / "mnist_cnn_float16.tflite", "--data", TEST_NPZ, "--limit", "50",
                      "--reference", MNIST / "mnist_cnn_float32.tflite", "--layers", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["agreement"]["total"] == 50
    assert len(report["layers"]) == 9
    sqnrs = [layer["sqnr_db"] for layer in report["layers"]]
    assert sqnrs == sorted(sqnrs) and all(s > 40 for s in sqnrs)


def test_compare_prints_deltas_against_the_first_model(edgewise):
    files = [MNIST / f for f in ("mnist_cnn_float32.tflite", "mnist_cnn_float16.tflite")]
    result = edgewise("compare", *files, "--data", TEST_NPZ, "--limit", "100", "--runs", "5", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["models"]
    assert [r["file_bytes"] for r in rows] == [f.stat().st_size for f in files]
    assert rows[1]["delta"]["file_bytes_percent"] == pytest.approx((54020 / 99980 - 1) * 100)
    assert rows[0]["agreement"] is None and rows[1]["agreement"]["value"] == 1.0
    table = edgewise("compare", *files, "--data", TEST_NPZ, "--limit", "100", "--runs", "5")
    assert table.returncode == 0 and "(-46.0%)" in table.stdout


def bad(edgewise, data, *extra):
    result = edgewise("evaluate", MNIST / "mnist_cnn_float32.tflite", "--data", data, *extra)
    assert result.returncode == 2
    assert result.stderr.startswith("edgewise: error: ") and result.stderr.count("\n") == 1
    return result.stderr


def test_wrong_shape_is_exit_2(edgewise, workdir):
    np.save(workdir / "x.npy", np.zeros((3, 28, 28), np.float32))
    assert "expects shape [N, 28, 28, 1], got [3, 28, 28]" in bad(edgewise, workdir / "x.npy")


def test_wrong_dtype_is_exit_2(edgewise, workdir):
    np.save(workdir / "x.npy", np.zeros((3, 28, 28, 1), np.int32))
    assert "got int32" in bad(edgewise, workdir / "x.npy")


def test_nan_is_exit_2(edgewise, workdir):
    x = np.zeros((3, 28, 28, 1), np.float32)
    x[1, 5, 5, 0] = np.nan
    np.savez(workdir / "d.npz", x=x, y=np.arange(3))
    assert "NaN found in sample 1" in bad(edgewise, workdir / "d.npz")


def test_empty_folder_is_exit_2(edgewise, workdir):
    (workdir / "empty").mkdir()
    assert "no .png or .jpg images" in bad(edgewise, workdir / "empty")


def test_unreadable_image_is_exit_2(edgewise, workdir):
    (workdir / "imgs" / "3").mkdir(parents=True)
    (workdir / "imgs" / "3" / "broken.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    assert "broken.jpg" in bad(edgewise, workdir / "imgs")


def test_bad_range_option_is_exit_2(edgewise):
    assert "--range" in bad(edgewise, TEST_NPZ, "--range", "0,2")
