"""Writes digits_pruned80_sparse.json: sparse weight tensors of the digits_pruned80_sparse_float32
fixture model (values + sparsity parameters as LiteRT reports them) with the dense tensor that
LiteRT's own DENSIFY kernel produces, as the truth for `DensifyTests`.

Run: /work/venv-tools/bin/python Tests/RuntimeTests/Fixtures/densify/make_fixture.py
Floats are stored as uint32 bit patterns so the comparison is exact.
"""

import json
import pathlib

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

MODEL = "/work/shared/fixtures/digits/digits_pruned80_sparse_float32.tflite"
OUT = pathlib.Path(__file__).with_name("digits_pruned80_sparse.json")


def bits(array: np.ndarray) -> list[int]:
    return [int(b) for b in np.ascontiguousarray(array, dtype=np.float32).view(np.uint32).ravel()]


def main() -> None:
    interpreter = Interpreter(
        model_path=MODEL,
        experimental_op_resolver_type=OpResolverType.BUILTIN_REF,
        experimental_preserve_all_tensors=True,
    )
    interpreter.allocate_tensors()
    interpreter.set_tensor(0, np.zeros((1, 8, 8, 1), np.float32))
    interpreter.invoke()
    details = interpreter.get_tensor_details()
    cases = []
    for op in interpreter._get_ops_details():
        if op["op_name"] != "DENSIFY":
            continue
        sparse_index, dense_index = int(op["inputs"][0]), int(op["outputs"][0])
        dense = interpreter.get_tensor(dense_index)
        if dense.size > 1024:  # keep the fixture small
            continue
        sparsity = details[sparse_index]["sparsity_parameters"]
        dimensions = []
        for meta in sparsity["dim_metadata"]:
            if meta["format"] == 0:
                dimensions.append({"dense_size": int(meta["dense_size"])})
            else:
                dimensions.append({
                    "segments": [int(v) for v in meta["array_segments"]],
                    "indices": [int(v) for v in meta["array_indices"]],
                })
        cases.append({
            "tensor": details[sparse_index]["name"],
            "dense_shape": [int(v) for v in details[sparse_index]["shape"]],
            "traversal_order": [int(v) for v in sparsity["traversal_order"]],
            "block_map": [int(v) for v in sparsity["block_map"]],
            "dimensions": dimensions,
            "values_bits": bits(interpreter.get_tensor(sparse_index)),
            "dense_bits": bits(dense),
        })
    OUT.write_text(json.dumps({"model": pathlib.Path(MODEL).name, "cases": cases}) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
