#ifndef EDGEWISE_CKERNELS_INT16_H
#define EDGEWISE_CKERNELS_INT16_H

#include <stddef.h>
#include <stdint.h>

#include "CKernelsWindow.h"

/// int16×8 kernels (int16 activations, int8 weights) with the int8 kernels' run-time dispatch
/// and TFLite's exact int64 requantization.

/// Per-channel int16×8 requantization of an int64 sum `s` (TFLite's int64
/// MultiplyByQuantizedMultiplier): `(s·reduced[c] + 2^(totals[c]−1)) >> totals[c]` with the Q15
/// multiplier `reduced[c]` and `totals[c]` = 15 − shift in [1, 63], then `+ output_offset`, clamped.
typedef struct {
    const int64_t *reduced;
    const int64_t *totals;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
} ck_i16_requant;

/// FULLY_CONNECTED's int16×8 requantization of an int64 sum `s` (LiteRT's reference kernel):
/// `round(double(s)·scales[c])` (ties away from zero, saturated to int32), then
/// `+ output_offset`, clamped to `[act_min, act_max]`.
typedef struct {
    const double *scales;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
} ck_i16_rescale;

/// Most values whose int16×int8 products an int32 sum takes without overflow (the GEMM sums
/// deeper rows in chunks of this size into int64; the depthwise kernel takes at most this many taps).
#define CK_I16_MAX_DEPTH 508

/// `out[i*out_stride + j] = requant(bias[j] + Σ_kk a[i*a_stride + kk]·W[j][kk], j)` for int16
/// rows `a` of any depth `k` and weights packed by `ck_i8_pack` (`bias` may be NULL).
void ck_i16_gemm(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                 const int64_t *bias, const ck_i16_requant *q, int16_t *out, size_t out_stride);

/// `ck_i16_gemm` with FULLY_CONNECTED's double requantization.
void ck_i16_gemm_rescaled(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                          const int64_t *bias, const ck_i16_rescale *q, int16_t *out, size_t out_stride);


/// int16 values `ck_i16_depthwise_pack` writes for `taps` taps of `channels` weights.
size_t ck_i16_depthwise_packed_count(size_t taps, size_t channels);

/// Packs depthwise weights `w` (`taps` rows of `channels` values, HWC order) as int16 tap pairs
/// in the kernel's channel order.
void ck_i16_depthwise_pack(size_t taps, size_t channels, const int8_t *w, int16_t *packed);

/// int16×8 depthwise convolution (multiplier 1, at most CK_I16_MAX_DEPTH taps, input zero point
/// 0 so padding reads zeros) of the output pixels `first..<first+count` (flattened over batch,
/// rows and columns): `out[p*channels + ch] = requant(bias[ch] + Σ_taps x·w, ch)` with
/// `packed` from `ck_i16_depthwise_pack` (`bias` may be NULL).
void ck_i16_depthwise(const ck_window *g, const int16_t *input, const int16_t *packed, const int64_t *bias,
                      const ck_i16_requant *q, size_t first, size_t count, int16_t *out);

#endif
