"""`edgewise advise` on the quantization-sensitive MNIST model (issue: advisor "done when").

With labelled data and a 1 pp top-1 budget, the advisor must reject plain int8 (it loses ~6 pp)
and recommend a model inside the budget. The recommendation is checked independently: the saved
recipe is replayed with `edgewise optimize`, and LiteRT's reference kernels measure its accuracy.
"""
import json

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

from oracle import FIXTURES

MNIST = FIXTURES / "mnist5k"


def litert_top1(model, x, y):
    interp = Interpreter(model_path=str(model), experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interp.allocate_tensors()
    source, sink = interp.get_input_details()[0], interp.get_output_details()[0]
    correct = 0
    for image, label in zip(x, y):
        interp.set_tensor(source["index"], image[None])
        interp.invoke()
        correct += int(np.argmax(interp.get_tensor(sink["index"])) == label)
    return correct / len(y)


def test_advise_finds_a_model_inside_a_one_point_budget(edgewise, workdir):
    recipe = workdir / "recipe.json"
    result = edgewise("advise", MNIST / "mnist_sensitive_float32.tflite", "--target", "cpu",
                      "--calibration", MNIST / "calib.npy", "--data", MNIST / "test.npz",
                      "--budget", "1pp", "--priority", "latency", "--json", "--save-recipe", recipe)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    search = report["search"]

    plain = [t for t in search["trials"] if t["candidate"] == "int8" and not t["recipe"]["keepFloat"]]
    assert plain and not plain[0]["meetsBudget"] and plain[0]["measurement"]["accuracyDrop"] > 1
    chosen = search["chosen"]
    assert chosen["meetsBudget"] and chosen["measurement"]["accuracyDrop"] <= 1

    # Replay the saved recipe and measure the result with LiteRT, not with our runtime.
    out = workdir / "advised.tflite"
    replay = edgewise("optimize", MNIST / "mnist_sensitive_float32.tflite", "--recipe-file", recipe,
                      "--calibration", MNIST / "calib.npy", "-o", out)
    assert replay.returncode == 0, replay.stderr
    data = np.load(MNIST / "test.npz")
    x, y = data["x"].astype(np.float32), data["y"]
    float_top1 = litert_top1(MNIST / "mnist_sensitive_float32.tflite", x, y)
    advised_top1 = litert_top1(out, x, y)
    assert float_top1 - advised_top1 <= 0.01 + 1e-9, (float_top1, advised_top1)


def test_advise_explains_the_rejected_int8_in_text(edgewise):
    result = edgewise("advise", MNIST / "mnist_sensitive_float32.tflite", "--target", "cpu",
                      "--calibration", MNIST / "calib.npy", "--data", MNIST / "test.npz", "--budget", "1pp")
    assert result.returncode == 0, result.stderr
    # Size priority (the default): plain int8 is measured first, rejected with its drop, and a
    # candidate inside the budget is recommended.
    lines = result.stdout.splitlines()
    rejected = [l for l in lines if "✗ int8 [int8]" in l]
    assert rejected and "top-1 drop 5." in rejected[0], lines
    recommendation = [l for l in lines if l.startswith("Recommendation:")]
    assert recommendation and "int8 [int8]," not in recommendation[0], recommendation
