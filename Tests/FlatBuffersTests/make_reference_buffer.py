"""Builds the reference FlatBuffer that ReferenceBufferTests.swift compares against.

Run with the tooling venv (it has the official `flatbuffers` package):

    /work/venv-tools/bin/python Tests/FlatBuffersTests/make_reference_buffer.py

It prints the bytes as a Swift array literal, to paste into ReferenceBufferTests.swift.
The builder calls here and in the Swift test are made in the same order, so the official
builder and ours must agree byte for byte (back-to-front layout, padding, vtable sharing).

Table "Sample" (root, identifier "TEST"), slots:
   0 int8 -5          1 uint8 200        2 bool true       3 int16 -1234
   4 uint16 60000     5 int32 -123456789 6 uint32 4e9      7 int64 -1234567890123
   8 uint64 18e18     9 float32 1.5     10 float64 -2.25  11 string "héllo ✓"
  12 [int32] [1,-2,3] 13 [Child] a=7, a=9  14 union type 2 15 union value Child a=11
  16 [ubyte] 1..5, 16-byte aligned      17 int32 0 (= default, omitted)
  18 [string] ["", "x"]
Table "Child": slot 0 int32 `a` (default 0).
"""

import flatbuffers


def child(builder: flatbuffers.Builder, a: int) -> int:
    builder.StartObject(1)
    builder.PrependInt32Slot(0, a, 0)
    return builder.EndObject()


def offsets_vector(builder: flatbuffers.Builder, offsets: list[int]) -> int:
    builder.StartVector(4, len(offsets), 4)
    for offset in reversed(offsets):
        builder.PrependUOffsetTRelative(offset)
    return builder.EndVector()


def build() -> bytes:
    builder = flatbuffers.Builder(0)
    name = builder.CreateString("héllo ✓")

    builder.StartVector(4, 3, 4)
    for value in reversed([1, -2, 3]):
        builder.PrependInt32(value)
    ints = builder.EndVector()

    children = offsets_vector(builder, [child(builder, 7), child(builder, 9)])
    member = child(builder, 11)

    data = [1, 2, 3, 4, 5]
    builder.StartVector(1, len(data), 16)
    for value in reversed(data):
        builder.PrependUint8(value)
    blob = builder.EndVector()

    strings = offsets_vector(builder, [builder.CreateString(""), builder.CreateString("x")])

    builder.StartObject(19)
    builder.PrependInt8Slot(0, -5, 0)
    builder.PrependUint8Slot(1, 200, 0)
    builder.PrependBoolSlot(2, True, False)
    builder.PrependInt16Slot(3, -1234, 0)
    builder.PrependUint16Slot(4, 60000, 0)
    builder.PrependInt32Slot(5, -123456789, 0)
    builder.PrependUint32Slot(6, 4_000_000_000, 0)
    builder.PrependInt64Slot(7, -1234567890123, 0)
    builder.PrependUint64Slot(8, 18_000_000_000_000_000_000, 0)
    builder.PrependFloat32Slot(9, 1.5, 0.0)
    builder.PrependFloat64Slot(10, -2.25, 0.0)
    builder.PrependUOffsetTRelativeSlot(11, name, 0)
    builder.PrependUOffsetTRelativeSlot(12, ints, 0)
    builder.PrependUOffsetTRelativeSlot(13, children, 0)
    builder.PrependUint8Slot(14, 2, 0)
    builder.PrependUOffsetTRelativeSlot(15, member, 0)
    builder.PrependUOffsetTRelativeSlot(16, blob, 0)
    builder.PrependInt32Slot(17, 0, 0)
    builder.PrependUOffsetTRelativeSlot(18, strings, 0)
    root = builder.EndObject()
    builder.Finish(root, file_identifier=b"TEST")
    return bytes(builder.Output())


def swift_literal(data: bytes) -> str:
    rows = [", ".join(f"0x{b:02X}" for b in data[i:i + 16]) for i in range(0, len(data), 16)]
    return "[\n" + ",\n".join("    " + row for row in rows) + ",\n]"


if __name__ == "__main__":
    output = build()
    print(f"// {len(output)} bytes")
    print(swift_literal(output))
