#ifndef EDGEWISE_CKERNELS_INT16_H
#define EDGEWISE_CKERNELS_INT16_H

#include <stddef.h>
#include <stdint.h>

/// int16×8 kernels (int16 activations, int8 weights packed by `ck_i8_pack`) with the int8
/// kernels' run-time dispatch and TFLite's exact int64 requantization.

/// Per-channel int16×8 requantization of an int64 sum `s` (TFLite's int64
/// MultiplyByQuantizedMultiplier): `(s·reduced[c] + 2^(totals[c]−1)) >> totals[c]` with the Q15
/// multiplier `reduced[c]` and `totals[c]` = 15 − shift ≥ 1, then `+ output_offset`, clamped.
typedef struct {
    const int64_t *reduced;
    const int64_t *totals;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
} ck_i16_requant;

/// Largest depth `ck_i16_gemm` takes: its int32 pair sums cannot overflow below it.
#define CK_I16_MAX_DEPTH 508

/// `out[i*out_stride + j] = requant(bias[j] + Σ_kk a[i*a_stride + kk]·W[j][kk], j)` for int16
/// rows `a` of `k` ≤ CK_I16_MAX_DEPTH values and weights packed by `ck_i8_pack` (`bias` may be NULL).
void ck_i16_gemm(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                 const int64_t *bias, const ck_i16_requant *q, int16_t *out, size_t out_stride);

/// int16×8 depthwise step with multiplier 1 and at most CK_I16_MAX_DEPTH taps: for each pixel
/// `p < pixels` and channel `ch`, `out[p*channels + ch] =
/// requant(bias[ch] + Σ_t rows[p*taps + t][ch]·w[t*channels + ch], ch)` (`bias` may be NULL).
void ck_i16_depthwise(size_t pixels, size_t channels, size_t taps, const int16_t *const *rows, const int8_t *w,
                      const int64_t *bias, const ck_i16_requant *q, int16_t *out);

#endif
