"""Writes the benchmark models: random-weight MobileNetV2 α=0.35 96×96 and MobileNetV1 α=0.25
128×128 (keras.applications, weights=None, fixed seed), as float32, full-int8 and int16x8 .tflite
files converted by the TF converter with a random representative dataset.

Fresh Keras batch norms (mean 0, variance 1) let random activations shrink layer after layer until
int16x8 output scales underflow (both LiteRT and Edgewise then refuse the model at prepare), so each
batch norm's moving statistics are first set to those of its input on random data, layer by layer:
every layer then sees unit-scale activations, as in a trained network.

Usage: python scripts/make_bench_models.py [OUTPUT_DIR]   (default: .build-bench/models, git-ignored;
bench/run generates them there on demand)
"""
import pathlib
import sys

import numpy as np
import tensorflow as tf

# A batch of 1 fixed in the input lets the converter fold the classifier's RESHAPE shape.
MODELS = {
    "mobilenet_v2_035_96": lambda: tf.keras.applications.MobileNetV2(
        input_tensor=tf.keras.Input((96, 96, 3), batch_size=1), alpha=0.35, weights=None, classes=1000),
    "mobilenet_v1_025_128": lambda: tf.keras.applications.MobileNet(
        input_tensor=tf.keras.Input((128, 128, 3), batch_size=1), alpha=0.25, weights=None, classes=1000),
}


def representative(shape):
    rng = np.random.default_rng(7)

    def samples():
        for _ in range(8):
            yield [rng.uniform(-1, 1, (1, *shape)).astype(np.float32)]
    return samples


def calibrate_batch_norms(model, shape):
    """Sets each BatchNormalization's moving mean/variance to its input's statistics, in order."""
    batch = np.random.default_rng(11).uniform(-1, 1, (8, *shape)).astype(np.float32)
    for layer in model.layers:
        if isinstance(layer, tf.keras.layers.BatchNormalization):
            features = tf.keras.Model(model.inputs, layer.input)(batch).numpy()
            axes = tuple(range(features.ndim - 1))
            gamma, beta, _, _ = layer.get_weights()
            layer.set_weights([gamma, beta, features.mean(axis=axes), features.var(axis=axes) + 1e-3])


def convert(model, variant, shape):
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if variant == "int8":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = representative(shape)
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    elif variant == "int16x8":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = representative(shape)
        converter.target_spec.supported_ops = [
            tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
    return converter.convert()


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / ".build-bench" / "models")
    out.mkdir(parents=True, exist_ok=True)
    for name, build in MODELS.items():
        tf.keras.utils.set_random_seed(1)
        model = build()
        shape = model.input_shape[1:]
        calibrate_batch_norms(model, shape)
        for variant in ("float32", "int8", "int16x8"):
            path = out / f"{name}_{variant}.tflite"
            path.write_bytes(convert(model, variant, shape))
            print(f"{path}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
