#!/usr/bin/env python3
"""Writes the .npy/.npz test fixtures for Tests/EvaluationTests and, beside them, fixtures.json:
what numpy itself reports for each file (dtype, shape, every value as text) and the sizes that
`gzip -9 -n` and zlib (level 9, windowBits 31, memLevel 8) give for them.

Run from anywhere: /work/venv-tools/bin/python Tests/EvaluationTests/Fixtures/make_npy_fixtures.py
"""
import glob
import io
import json
import os
import struct
import subprocess
import zipfile
import zlib

import numpy as np

OUT = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(OUT, name)


def describe(a):
    """numpy's own account of an array: native-order dtype name, shape, values as exact text."""
    flat = a.reshape(-1)
    if a.dtype.kind == 'f':
        values = [repr(float(v)) for v in flat]  # exact: float16/32 widen exactly to float64
    elif a.dtype.kind == 'b':
        values = ['1' if v else '0' for v in flat]
    else:
        values = [str(int(v)) for v in flat]
    return dict(dtype=a.dtype.newbyteorder('=').name, shape=list(a.shape), values=values)


def check_round_trip(name, a):
    b = np.load(path(name))
    assert b.dtype == a.dtype and b.shape == a.shape and np.array_equal(b, a, equal_nan=True), name


arrays = {
    'float16': np.array([[0.0, -0.0, 1.5], [65504.0, 2.0 ** -24, -3.140625]], dtype=np.float16),
    'float32': np.array([[1.5, -2.25, 3.4028234663852886e38], [1e-45, 0.1, -7.0]], dtype=np.float32),
    'float64': np.array([[1.0 / 3.0, -1e300, 5e-324], [2.0 ** 60, 0.0, -0.5]], dtype=np.float64),
    'int8': np.array([[-128, -1, 0], [1, 100, 127]], dtype=np.int8),
    'uint8': np.array([[0, 1, 128], [200, 254, 255]], dtype=np.uint8),
    'int16': np.array([[-32768, -2, 0], [3, 1000, 32767]], dtype=np.int16),
    'uint16': np.array([[0, 1, 32768], [40000, 65534, 65535]], dtype=np.uint16),
    'int32': np.array([[-2 ** 31, -3, 0], [4, 123456789, 2 ** 31 - 1]], dtype=np.int32),
    'uint32': np.array([[0, 1, 2 ** 31], [3000000000, 2 ** 32 - 2, 2 ** 32 - 1]], dtype=np.uint32),
    'int64': np.array([[-2 ** 63, -5, 0], [2 ** 53 + 1, 9, 2 ** 63 - 1]], dtype=np.int64),
    'uint64': np.array([[0, 1, 2 ** 63], [2 ** 53 + 1, 42, 2 ** 64 - 1]], dtype=np.uint64),
    'bool': np.array([[True, False, True], [False, False, True]], dtype=np.bool_),
}

manifest = {'npy': {}, 'npz': {}, 'rejected': {}, 'gzip': {}}

for name, a in arrays.items():
    fname = f'dtype_{name}.npy'
    np.save(path(fname), a)
    check_round_trip(fname, a)
    manifest['npy'][fname] = describe(a)

others = {
    'scalar_0d.npy': np.array(3.5, dtype=np.float64),
    'cube_3d.npy': (np.arange(24, dtype=np.int16) - 12).reshape(2, 3, 4),
    'empty_0x5.npy': np.zeros((0, 5), dtype=np.float32),
    'long_vector.npy': ((np.arange(4000) ** 2) % 251).astype(np.uint8),  # 4-digit first axis
}
for fname, a in others.items():
    np.save(path(fname), a)
    manifest['npy'][fname] = describe(a)

# Big-endian data: numpy converts on load; so must we.
be = np.array([[1.25, -2.5], [1e10, 7.0]], dtype='>f4')
np.save(path('big_endian_f4.npy'), be)
manifest['npy']['big_endian_f4.npy'] = describe(be)
be8 = np.array([-2, 1 << 40, 3], dtype='>i8')
np.save(path('big_endian_i8.npy'), be8)
manifest['npy']['big_endian_i8.npy'] = describe(be8)

# Header format versions 2.0 and 3.0 (numpy only picks them for huge headers, so force them).
for version in (2, 3):
    fname = f'v{version}_header.npy'
    a = np.arange(6, dtype=np.float32).reshape(3, 2) / 4
    with open(path(fname), 'wb') as f:
        np.lib.format.write_array(f, a, version=(version, 0))
    manifest['npy'][fname] = describe(np.load(path(fname)))

# Files numpy can read but we reject, with the error kind we must report.
np.save(path('fortran_2x3.npy'), np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
manifest['rejected']['fortran_2x3.npy'] = 'unsupportedLayout'
np.save(path('structured.npy'), np.zeros(2, dtype=[('a', '<f4'), ('b', '<i4')]))
manifest['rejected']['structured.npy'] = 'unsupportedDType'
np.save(path('unicode.npy'), np.array(['ab', 'c']))
manifest['rejected']['unicode.npy'] = 'unsupportedDType'
# A 1-d Fortran-order array has the same layout as C order and is accepted.
with open(path('fortran_1d.npy'), 'wb') as f:
    np.lib.format.write_array_header_1_0(f, {'descr': '<i4', 'fortran_order': True, 'shape': (3,)})
    f.write(np.array([7, 8, 9], dtype='<i4').tobytes())
manifest['npy']['fortran_1d.npy'] = describe(np.load(path('fortran_1d.npy')))

several = {
    'images': (np.arange(2 * 4 * 4, dtype=np.float32).reshape(2, 4, 4, 1) / 31),
    'labels': np.array([3, 7], dtype=np.int64),
    'scale': np.array(0.5, dtype=np.float32),
    'mask': np.array([True, False, True]),
}
np.savez(path('several.npz'), **several)
np.savez_compressed(path('several_compressed.npz'), **several)
# ZIP64 central-directory fields and end records, as numpy writes for arrays over 4 GiB:
# lower Python zipfile's limit so small members take the same code path.
saved_limit = zipfile.ZIP64_LIMIT
zipfile.ZIP64_LIMIT = 64
try:
    np.savez(path('zip64_forced.npz'), **several)
finally:
    zipfile.ZIP64_LIMIT = saved_limit


def padded_deflate(data):
    """A valid raw deflate stream ~21x larger than its output: for every byte, three empty
    stored blocks and then a one-byte stored block (RFC 1951 3.2.4)."""
    out = bytearray()
    for i, byte in enumerate(data):
        out += b'\x00\x00\x00\xff\xff' * 3
        out += bytes([1 if i == len(data) - 1 else 0]) + b'\x01\x00\xfe\xff' + bytes([byte])
    return bytes(out)


def zip_with_one_deflated_member(name, payload):
    """A minimal zip archive (spec APPNOTE 4.3) holding `payload` deflated as `name`."""
    data = padded_deflate(payload)
    crc, fname = zlib.crc32(payload), name.encode()
    common = struct.pack('<HHHHIIIH', 0, 8, 0, 0x21, crc, len(data), len(payload), len(fname))
    local = struct.pack('<IH', 0x04034B50, 20) + common + struct.pack('<H', 0) + fname
    central = (struct.pack('<IHH', 0x02014B50, 20, 20) + common
               + struct.pack('<HHHHII', 0, 0, 0, 0, 0, 0) + fname)
    end = struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    return local + data + central + end


# A compressed member whose header takes far more compressed bytes than usual to inflate.
grid = np.arange(6, dtype=np.float32).reshape(2, 3)
buffer = io.BytesIO()
np.save(buffer, grid)
with open(path('flushed_deflate.npz'), 'wb') as f:
    f.write(zip_with_one_deflated_member('grid.npy', buffer.getvalue()))

for fname in ('several.npz', 'several_compressed.npz', 'zip64_forced.npz', 'flushed_deflate.npz'):
    with np.load(path(fname)) as z:
        manifest['npz'][fname] = {'names': list(z.files), 'arrays': {k: describe(z[k]) for k in z.files}}
        assert fname == 'flushed_deflate.npz' or z.files == list(several), fname
with zipfile.ZipFile(path('zip64_forced.npz')) as z:
    assert all(i.extra for i in z.infolist()), 'expected ZIP64 extras in the central directory'

# Sizes of these very files compressed by GNU gzip and by zlib with gzip's parameters.
for f in sorted(glob.glob(path('*.np[yz]'))):
    data = open(f, 'rb').read()
    gnu = len(subprocess.run(['gzip', '-9', '-n', '-c', f], check=True, capture_output=True).stdout)
    c = zlib.compressobj(9, zlib.DEFLATED, 31, 8)
    manifest['gzip'][os.path.basename(f)] = {'gzip_9n': gnu, 'zlib_9': len(c.compress(data) + c.flush())}

manifest['numpy_version'] = np.__version__
manifest['zlib_version'] = zlib.ZLIB_RUNTIME_VERSION
with open(path('fixtures.json'), 'w') as f:
    json.dump(manifest, f, indent=1, sort_keys=True)
    f.write('\n')
print('wrote', len(manifest['npy']), 'npy,', len(manifest['npz']), 'npz,', len(manifest['rejected']), 'rejected')
