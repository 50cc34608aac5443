"""A small, independent reader for the parts of a `.tflite` FlatBuffer the oracle tests compare.

Written from the FlatBuffers binary layout (little-endian; tables point to a vtable of u16 field
offsets; offsets to tables, vectors and strings are u32 relative to where they are stored) and
the TFLite schema's slot numbers. It shares no code with Edgewise or with LiteRT's generated
schema module, so it is an independent view of a file's contents.
"""

import struct
from dataclasses import dataclass, field


class _Table:
    """A FlatBuffers table at byte `pos` of `buf`."""

    def __init__(self, buf: bytes, pos: int):
        self.buf, self.pos = buf, pos
        self.vtable = pos - struct.unpack_from("<i", buf, pos)[0]
        self.vtable_size = struct.unpack_from("<H", buf, self.vtable)[0]

    def _field(self, slot: int):
        entry = 4 + 2 * slot
        if entry >= self.vtable_size:
            return None
        off = struct.unpack_from("<H", self.buf, self.vtable + entry)[0]
        return None if off == 0 else self.pos + off

    def scalar(self, slot: int, fmt: str, default=0):
        at = self._field(slot)
        return default if at is None else struct.unpack_from("<" + fmt, self.buf, at)[0]

    def _indirect(self, slot: int):
        at = self._field(slot)
        return None if at is None else at + struct.unpack_from("<I", self.buf, at)[0]

    def table(self, slot: int):
        at = self._indirect(slot)
        return None if at is None else _Table(self.buf, at)

    def string(self, slot: int):
        at = self._indirect(slot)
        if at is None:
            return None
        n = struct.unpack_from("<I", self.buf, at)[0]
        return self.buf[at + 4 : at + 4 + n].decode("utf-8")

    def _vector(self, slot: int):
        at = self._indirect(slot)
        if at is None:
            return None, 0
        return at + 4, struct.unpack_from("<I", self.buf, at)[0]

    def bytes_vector(self, slot: int):
        start, n = self._vector(slot)
        return None if start is None else bytes(self.buf[start : start + n])

    def scalars(self, slot: int, fmt: str):
        start, n = self._vector(slot)
        if start is None:
            return None
        return list(struct.unpack_from("<%d%s" % (n, fmt), self.buf, start))

    def tables(self, slot: int):
        start, n = self._vector(slot)
        out = []
        for i in range(n):
            at = start + 4 * i
            out.append(_Table(self.buf, at + struct.unpack_from("<I", self.buf, at)[0]))
        return out


@dataclass
class OpCode:
    builtin: int  # max(builtin_code, deprecated_builtin_code), as TFLite's readers do
    custom_code: str | None
    version: int


@dataclass
class Operator:
    opcode_index: int
    inputs: list
    outputs: list
    builtin_options_type: int
    custom_options: bytes | None


@dataclass
class Subgraph:
    name: str | None
    tensor_names: list
    inputs: list
    outputs: list
    operators: list


@dataclass
class TfliteModel:
    version: int
    description: str | None
    op_codes: list
    subgraphs: list
    buffers: list  # bytes of each buffer's `data` (inline) or b"" when absent
    metadata: dict  # name -> bytes of the buffer it names
    signatures: list  # (key, subgraph_index, [(name, tensor)] inputs, [(name, tensor)] outputs)
    buffer_data_offsets: list = field(default_factory=list)

    def op_names(self):
        """Builtin op names of every operator of every subgraph, in order (custom ops by code)."""
        names = []
        for sg in self.subgraphs:
            for op in sg.operators:
                code = self.op_codes[op.opcode_index]
                names.append(code.custom_code if code.builtin == CUSTOM else BUILTIN_NAMES.get(code.builtin, str(code.builtin)))
        return names


CUSTOM = 32

#: Builtin operator numbers from the TFLite schema (`enum BuiltinOperator`) for the ops the tests use.
BUILTIN_NAMES = {
    0: "ADD", 1: "AVERAGE_POOL_2D", 2: "CONCATENATION", 3: "CONV_2D", 4: "DEPTHWISE_CONV_2D",
    5: "DEPTH_TO_SPACE", 6: "DEQUANTIZE", 9: "FULLY_CONNECTED", 14: "LOGISTIC",
    17: "MAX_POOL_2D", 18: "MUL", 19: "RELU", 20: "RELU_N1_TO_1", 21: "RELU6", 22: "RESHAPE",
    23: "RESIZE_BILINEAR", 25: "SOFTMAX", 26: "SPACE_TO_DEPTH", 28: "TANH", 32: "CUSTOM",
    34: "PAD", 36: "GATHER", 39: "TRANSPOSE", 40: "MEAN", 41: "SUB", 42: "DIV", 43: "SQUEEZE",
    45: "STRIDED_SLICE", 47: "EXP", 49: "SPLIT", 50: "LOG_SOFTMAX", 53: "CAST", 54: "PRELU",
    55: "MAXIMUM", 56: "ARG_MAX", 57: "MINIMUM", 58: "LESS", 59: "NEG", 60: "PADV2", 61: "GREATER", 65: "SLICE",
    67: "TRANSPOSE_CONV", 70: "EXPAND_DIMS", 74: "SUM", 75: "SQRT", 76: "RSQRT", 77: "SHAPE",
    82: "REDUCE_MAX", 83: "PACK", 88: "UNPACK", 92: "SQUARE", 97: "RESIZE_NEAREST_NEIGHBOR",
    98: "LEAKY_RELU", 99: "SQUARED_DIFFERENCE", 101: "ABS", 102: "SPLIT_V", 117: "HARD_SWISH",
    118: "IF", 119: "WHILE", 124: "DENSIFY", 126: "BATCH_MATMUL", 150: "GELU",
}


def read_model(data: bytes) -> TfliteModel:
    """Parse `data` (a whole .tflite file). Raises on malformed input (struct.error/IndexError)."""
    buf = bytes(data)
    if buf[4:8] != b"TFL3":
        raise ValueError("missing TFL3 file identifier")
    root = _Table(buf, struct.unpack_from("<I", buf, 0)[0])
    op_codes = [
        OpCode(
            builtin=max(t.scalar(0, "b"), t.scalar(3, "i")),
            custom_code=t.string(1),
            version=t.scalar(2, "i", 1),
        )
        for t in root.tables(1)
    ]
    subgraphs = []
    for sg in root.tables(2):
        ops = [
            Operator(
                opcode_index=o.scalar(0, "I"),
                inputs=o.scalars(1, "i") or [],
                outputs=o.scalars(2, "i") or [],
                builtin_options_type=o.scalar(3, "B"),
                custom_options=o.bytes_vector(5),
            )
            for o in sg.tables(3)
        ]
        subgraphs.append(
            Subgraph(
                name=sg.string(4),
                tensor_names=[t.string(3) for t in sg.tables(0)],
                inputs=sg.scalars(1, "i") or [],
                outputs=sg.scalars(2, "i") or [],
                operators=ops,
            )
        )
    buffer_tables = root.tables(4)
    buffers = [b.bytes_vector(0) or b"" for b in buffer_tables]
    offsets = [(b.scalar(1, "Q"), b.scalar(2, "Q")) for b in buffer_tables]
    for i, (off, size) in enumerate(offsets):
        if not buffers[i] and off > 1:
            buffers[i] = buf[off : off + size]
    metadata = {m.string(0): buffers[m.scalar(1, "I")] for m in root.tables(6)}
    signatures = []
    for s in root.tables(7):
        ins = [(m.string(0), m.scalar(1, "I")) for m in s.tables(0)]
        outs = [(m.string(0), m.scalar(1, "I")) for m in s.tables(1)]
        signatures.append((s.string(2), s.scalar(4, "I"), ins, outs))
    return TfliteModel(
        version=root.scalar(0, "I"),
        description=root.string(3),
        op_codes=op_codes,
        subgraphs=subgraphs,
        buffers=buffers,
        metadata=metadata,
        signatures=signatures,
        buffer_data_offsets=offsets,
    )


def read_model_file(path) -> TfliteModel:
    with open(path, "rb") as f:
        return read_model(f.read())
