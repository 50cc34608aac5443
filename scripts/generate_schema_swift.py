#!/usr/bin/env python3
"""Generates Sources/LiteModel/Schema/*.swift from the TFLite FlatBuffers schema.

Usage: python3 scripts/generate_schema_swift.py [SCHEMA.fbs] [OUT_DIR]
Defaults: ../shared/reference/tflite_schema.fbs and Sources/LiteModel/Schema.

Every enum becomes a RawRepresentable struct (unknown values survive a round trip), every table
a Swift struct with a throwing decoder over a verified `FlatTable` and an encoder into a
`FlatBufferBuilder`, every union a Swift enum. Deprecated fields are kept (slots must not move and
nothing is lost). Vectors decode to arrays (absent = empty) and are written only when non-empty,
except the fields in ALWAYS_WRITTEN, which TFLite writers always emit.
"""
import re
import sys
from pathlib import Path

SCALARS = {
    "bool": ("Bool", 1), "byte": ("Int8", 1), "ubyte": ("UInt8", 1), "short": ("Int16", 2),
    "ushort": ("UInt16", 2), "int": ("Int32", 4), "uint": ("UInt32", 4), "long": ("Int64", 8),
    "ulong": ("UInt64", 8), "float": ("Float", 4), "double": ("Double", 8),
    "int8": ("Int8", 1), "uint8": ("UInt8", 1), "int16": ("Int16", 2), "uint16": ("UInt16", 2),
    "int32": ("Int32", 4), "uint32": ("UInt32", 4), "int64": ("Int64", 8), "uint64": ("UInt64", 8),
    "float32": ("Float", 4), "float64": ("Double", 8),
}
ALWAYS_WRITTEN = {("Tensor", "shape"), ("Operator", "inputs"), ("Operator", "outputs"),
                  ("SubGraph", "tensors"), ("SubGraph", "inputs"), ("SubGraph", "outputs"),
                  ("SubGraph", "operators"), ("Model", "buffers"), ("Model", "subgraphs"),
                  ("Model", "operator_codes")}
SWIFT_KEYWORDS = {"in", "is", "as", "default", "operator", "repeat", "where", "func", "var", "let",
                  "class", "struct", "enum", "protocol", "extension", "return", "true", "false",
                  "nil", "self", "Self", "init", "deinit", "subscript", "static", "switch", "case",
                  "if", "else", "for", "while", "do", "catch", "throw", "throws", "try", "import",
                  "internal", "private", "public", "fileprivate", "open", "inout", "guard", "defer",
                  "break", "continue", "fallthrough", "typealias", "associatedtype", "super", "Type"}


def camel(name, upper=False):
    parts = [p for p in re.split(r"_", name) if p != ""]
    if not parts:
        return name
    if name.isupper() or re.fullmatch(r"[A-Z0-9_]+", name):
        parts = [p.upper() if p[:1].isdigit() else p.lower() for p in parts]
    out = parts[0] if not upper else parts[0][:1].upper() + parts[0][1:]
    for p in parts[1:]:
        out += p[:1].upper() + p[1:]
    if not upper:
        out = out[:1].lower() + out[1:]
    return out


def ident(name):
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def parse(text):
    text = re.sub(r"//[^\n]*", "", text)
    enums, unions, tables, order = {}, {}, {}, []
    for m in re.finditer(r"\b(enum|union|table|struct)\s+(\w+)\s*(?::\s*(\w+))?\s*(\(deprecated\))?\s*\{(.*?)\}", text, re.S):
        kind, name, base, _, body = m.groups()
        if kind == "struct":
            raise SystemExit(f"structs are not supported by this generator: {name}")
        if kind == "enum":
            values, nxt = [], 0
            for item in body.split(","):
                item = re.sub(r"\(deprecated\)", "", item).strip()
                if not item:
                    continue
                if "=" in item:
                    key, val = [s.strip() for s in item.split("=")]
                    nxt = int(val, 0)
                else:
                    key = item
                values.append((key, nxt))
                nxt += 1
            enums[name] = (base, values)
        elif kind == "union":
            members = []
            for item in body.split(","):
                item = re.sub(r"\(deprecated\)", "", item).strip()
                if item:
                    members.append(item)
            unions[name] = members
        else:
            fields = []
            for decl in body.split(";"):
                decl = decl.strip()
                if not decl:
                    continue
                fm = re.fullmatch(r"(\w+)\s*:\s*(\[\s*\w+\s*\]|\w+)\s*(?:=\s*([-\w.]+))?\s*(\(.*\))?", decl, re.S)
                if not fm:
                    raise SystemExit(f"cannot parse field in {name}: {decl!r}")
                fname, ftype, default, attrs = fm.groups()
                ftype = ftype.replace(" ", "")
                align = None
                if attrs:
                    am = re.search(r"force_align\s*:\s*(\d+)", attrs)
                    align = int(am.group(1)) if am else None
                fields.append(dict(name=fname, type=ftype, default=default, align=align,
                                   deprecated=bool(attrs and "deprecated" in attrs)))
            tables[name] = fields
        order.append((kind, name))
    return enums, unions, tables, order


class Gen:
    def __init__(self, enums, unions, tables):
        self.enums, self.unions, self.tables = enums, unions, tables

    def enum_swift(self, name):
        base, values = self.enums[name]
        swift_base = SCALARS[base][0]
        lines = [f"/// `{name}` from the TFLite schema; unknown raw values are kept as they are.",
                 f"public struct {name}: RawRepresentable, Hashable, Sendable, CustomStringConvertible {{",
                 f"    public var rawValue: {swift_base}",
                 f"    public init(rawValue: {swift_base}) {{ self.rawValue = rawValue }}", ""]
        seen = set()
        for key, val in values:
            case = ident(camel(key))
            if case in seen:
                continue
            seen.add(case)
            lines.append(f"    public static let {case} = {name}(rawValue: {val})")
        lines += ["", "    /// The schema's name for this value, or nil for a value this schema does not know.",
                  "    public var name: String? {", "        switch rawValue {"]
        done = set()
        for key, val in values:
            if val in done:
                continue
            done.add(val)
            lines.append(f"        case {val}: return \"{key}\"")
        lines += ["        default: return nil", "        }", "    }", "",
                  f"    public var description: String {{ name ?? \"{name}(\\(rawValue))\" }}", "}", ""]
        return "\n".join(lines)

    def field_info(self, table, f):
        t = f["type"]
        if t.startswith("["):
            inner = t[1:-1]
            if inner == "string":
                return ("[String]", "strings")
            if inner in SCALARS:
                return (f"[{SCALARS[inner][0]}]", "scalars", inner)
            if inner in self.tables:
                return (f"[{inner}]", "tables", inner)
            if inner in self.enums:
                return (f"[{inner}]", "enums", inner)
            raise SystemExit(f"unsupported vector element {inner} in {table}")
        if t == "string":
            return ("String?", "string")
        if t in SCALARS:
            return (SCALARS[t][0], "scalar", t)
        if t in self.enums:
            return (t, "enum", t)
        if t in self.unions:
            return (f"{t}?", "union", t)
        if t in self.tables:
            return (f"{t}?", "table", t)
        raise SystemExit(f"unknown type {t} in {table}")

    def default_literal(self, f, info):
        d = f["default"]
        kind = info[1]
        if kind == "scalar":
            swift = SCALARS[info[2]][0]
            if swift == "Bool":
                return "true" if d == "true" else "false"
            if d is None:
                return "0"
            return d
        if kind == "enum":
            base, values = self.enums[info[2]]
            if d is None:
                return f"{info[2]}(rawValue: 0)"
            if re.fullmatch(r"-?\d+", d):
                return f"{info[2]}(rawValue: {d})"
            return f"{info[2]}.{ident(camel(d))}"
        return None

    def table_swift(self, name):
        fields = self.tables[name]
        slots, slot = [], 0
        for f in fields:
            info = self.field_info(name, f)
            if info[1] == "union":
                slots.append((f, info, slot))
                slot += 2
            else:
                slots.append((f, info, slot))
                slot += 1
        lines = [f"/// `{name}` from the TFLite schema.",
                 f"public struct {name}: Equatable, Sendable {{"]
        for f, info, s in slots:
            prop = ident(camel(f["name"]))
            swift_type = info[0]
            dflt = self.default_literal(f, info)
            if info[1] in ("scalars", "tables", "strings", "enums"):
                init = " = []"
            elif info[1] in ("string", "table", "union"):
                init = " = nil"
            else:
                init = f" = {dflt}"
            note = " (deprecated in the schema)" if f["deprecated"] else ""
            lines.append(f"    /// Schema field `{f['name']}`, slot {s}{note}.")
            lines.append(f"    public var {prop}: {swift_type}{init}")
        lines += ["", "    public init() {}", ""]
        # decoder
        lines.append("    /// Decodes the table, checking every offset through `FlatTable`.")
        lines.append("    public init(_ table: FlatTable) throws {")
        for f, info, s in slots:
            prop = ident(camel(f["name"]))
            k = info[1]
            if k == "scalars":
                if info[2] in ("ubyte", "uint8"):
                    lines.append(f"        {prop} = try table.bytes({s}) ?? []")
                else:
                    lines.append(f"        {prop} = try table.scalars({s}, as: {SCALARS[info[2]][0]}.self) ?? []")
            elif k == "strings":
                lines.append(f"        {prop} = try table.strings({s}) ?? []")
            elif k == "enums":
                base = SCALARS[self.enums[info[2]][0]][0]
                lines.append(f"        {prop} = try (table.scalars({s}, as: {base}.self) ?? []).map {{ {info[2]}(rawValue: $0) }}")
            elif k == "tables":
                lines.append(f"        {prop} = try (table.tables({s}) ?? []).map {{ try {info[2]}($0) }}")
            elif k == "string":
                lines.append(f"        {prop} = try table.string({s})")
            elif k == "table":
                lines.append(f"        {prop} = try table.table({s}).map {{ try {info[2]}($0) }}")
            elif k == "union":
                lines.append(f"        {prop} = try {info[2]}(type: table.scalar({s}, default: UInt8(0)), table: table.table({s + 1}))")
            elif k == "scalar":
                lines.append(f"        {prop} = try table.scalar({s}, default: {self.default_literal(f, info)} as {SCALARS[info[2]][0]})")
            elif k == "enum":
                base = SCALARS[self.enums[info[2]][0]][0]
                dv = self.default_literal(f, info)
                lines.append(f"        {prop} = {info[2]}(rawValue: try table.scalar({s}, default: ({dv}).rawValue as {base}))")
        lines.append("    }")
        lines.append("")
        # encoder
        lines.append("    /// Writes the table (children first) and returns its offset.")
        lines.append("    public func encode(into builder: inout FlatBufferBuilder) -> FlatBufferBuilder.Offset {")
        offsets = []
        for f, info, s in slots:
            prop = ident(camel(f["name"]))
            var = "o_" + camel(f["name"])
            k = info[1]
            always = (name, f["name"]) in ALWAYS_WRITTEN
            cond = "" if always else f"{prop}.isEmpty ? nil : "
            if k == "scalars":
                if info[2] in ("ubyte", "uint8"):
                    align = f["align"] or 1
                    lines.append(f"        let {var}: FlatBufferBuilder.Offset? = {cond}builder.createVector(bytes: {prop}, alignment: {align})")
                else:
                    lines.append(f"        let {var}: FlatBufferBuilder.Offset? = {cond}builder.createVector({prop})")
            elif k == "strings":
                lines.append(f"        let {var}: FlatBufferBuilder.Offset? = {cond}builder.createVector(offsets: {prop}.map {{ builder.createString($0) }})")
            elif k == "enums":
                lines.append(f"        let {var}: FlatBufferBuilder.Offset? = {cond}builder.createVector({prop}.map(\\.rawValue))")
            elif k == "tables":
                lines.append(f"        let {var}: FlatBufferBuilder.Offset? = {cond}builder.createVector(offsets: {prop}.map {{ $0.encode(into: &builder) }})")
            elif k == "string":
                lines.append(f"        let {var} = {prop}.map {{ builder.createString($0) }}")
            elif k == "table":
                lines.append(f"        let {var} = {prop}?.encode(into: &builder)")
            elif k == "union":
                lines.append(f"        let {var} = {prop}?.encode(into: &builder)")
            else:
                continue
            offsets.append((f, info, s, var))
        lines.append("        builder.startTable()")
        # scalars largest first for compact alignment
        scalar_slots = [(f, info, s) for f, info, s in slots if info[1] in ("scalar", "enum")]
        def size_of(info):
            if info[1] == "scalar":
                return SCALARS[info[2]][1]
            return SCALARS[self.enums[info[2]][0]][1]
        scalar_slots.sort(key=lambda x: -size_of(x[1]))
        for f, info, s in scalar_slots:
            if size_of(info) < 4:
                continue
            prop = ident(camel(f["name"]))
            dv = self.default_literal(f, info)
            if info[1] == "scalar":
                lines.append(f"        builder.add({s}, {prop}, default: {dv})")
            else:
                lines.append(f"        builder.add({s}, {prop}.rawValue, default: ({dv}).rawValue)")
        for f, info, s, var in offsets:
            if info[1] == "union":
                lines.append(f"        builder.add({s + 1}, {var})")
            else:
                lines.append(f"        builder.add({s}, {var})")
        for f, info, s in scalar_slots:
            if size_of(info) >= 4:
                continue
            prop = ident(camel(f["name"]))
            dv = self.default_literal(f, info)
            if info[1] == "scalar":
                lines.append(f"        builder.add({s}, {prop}, default: {dv})")
            else:
                lines.append(f"        builder.add({s}, {prop}.rawValue, default: ({dv}).rawValue)")
        for f, info, s in slots:
            if info[1] == "union":
                prop = ident(camel(f["name"]))
                lines.append(f"        builder.add({s}, {prop}?.typeCode ?? 0, default: 0)")
        lines.append("        return builder.endTable()")
        lines.append("    }")
        lines.append("}")
        lines.append("")
        return "\n".join(lines)

    def union_swift(self, name):
        members = self.unions[name]
        lines = [f"/// Union `{name}` from the TFLite schema. A member this schema does not know is kept",
                 "/// as its type code only (its content cannot be re-encoded without knowing its fields).",
                 f"public enum {name}: Equatable, Sendable {{"]
        for m in members:
            lines.append(f"    case {ident(camel(m))}({m})")
        lines.append("    case unknown(typeCode: UInt8)")
        lines += ["", "    /// The 1-based position of the member in the union declaration.",
                  "    public var typeCode: UInt8 {", "        switch self {"]
        for i, m in enumerate(members, 1):
            lines.append(f"        case .{ident(camel(m))}: return {i}")
        lines += ["        case .unknown(let code): return code", "        }", "    }", ""]
        lines.append("    /// Decodes the member table for `type`; nil for NONE (0).")
        lines.append("    public init?(type: UInt8, table: FlatTable?) throws {")
        lines.append("        guard type != 0 else { return nil }")
        lines.append("        guard let table else { self = .unknown(typeCode: type); return }")
        lines.append("        switch type {")
        for i, m in enumerate(members, 1):
            lines.append(f"        case {i}: self = .{ident(camel(m))}(try {m}(table))")
        lines.append("        default: self = .unknown(typeCode: type)")
        lines += ["        }", "    }", ""]
        lines.append("    /// Writes the member table; nil for an unknown member.")
        lines.append("    public func encode(into builder: inout FlatBufferBuilder) -> FlatBufferBuilder.Offset? {")
        lines.append("        switch self {")
        for m in members:
            lines.append(f"        case .{ident(camel(m))}(let value): return value.encode(into: &builder)")
        lines += ["        case .unknown: return nil", "        }", "    }", "}", ""]
        return "\n".join(lines)


def main():
    schema = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/tflite_schema.fbs")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "Sources/LiteModel/Schema")
    enums, unions, tables, order = parse(schema.read_text())
    gen = Gen(enums, unions, tables)
    header = ("// Generated by scripts/generate_schema_swift.py from tflite_schema.fbs. Do not edit.\n"
              "// swiftlint:disable all\n\nimport FlatBuffers\n\n")
    option_tables = set()
    for members in unions.values():
        option_tables.update(members)
    core, options, enum_text, union_text = [], [], [], []
    for kind, name in order:
        if kind == "enum":
            enum_text.append(gen.enum_swift(name))
        elif kind == "union":
            union_text.append(gen.union_swift(name))
        elif name in option_tables:
            options.append(gen.table_swift(name))
        else:
            core.append(gen.table_swift(name))
    out.mkdir(parents=True, exist_ok=True)
    (out / "Enums.generated.swift").write_text(header + "\n".join(enum_text))
    (out / "Unions.generated.swift").write_text(header + "\n".join(union_text))
    (out / "Tables.generated.swift").write_text(header + "\n".join(core))
    (out / "Options.generated.swift").write_text(header + "\n".join(options))
    print(f"{len(enums)} enums, {len(unions)} unions, {len(tables)} tables -> {out}")


if __name__ == "__main__":
    main()
