#ifndef EDGEWISE_CKERNELS_INT8_H
#define EDGEWISE_CKERNELS_INT8_H

#include <stddef.h>
#include <stdint.h>

/// Int8 inner kernels with the same run-time dispatch as the float ones (`ck_f32_uses_avx2`,
/// `EDGEWISE_PORTABLE_KERNELS=1`). All sums wrap like TFLite's int32 accumulators and every
/// output is requantized exactly as TFLite's reference kernels do.

/// Output columns per packed int8 weight panel.
#define CK_I8_PANEL 16

/// Per-channel requantization of an int32 sum `s`: with `double_scales` NULL,
/// `MultiplyByQuantizedMultiplier(s, multipliers[c], shift)` (double rounding; `left_shifts[c]`
/// = max(shift, 0), `right_shifts[c]` = max(-shift, 0)), else `round(s·double_scales[c])`
/// (ties away from zero, saturated to int32); then `+ output_offset` and a clamp to
/// `[act_min, act_max]`.
typedef struct {
    const int32_t *multipliers;
    const int32_t *left_shifts;
    const int32_t *right_shifts;
    const double *double_scales;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
} ck_i8_requant;

/// int16 values `ck_i8_pack` writes for `n` rows of depth `k` (`k` rounded up to even).
size_t ck_i8_packed_count(size_t n, size_t k);

/// Packs `n` weight rows of `k` int8 values (row `j` at `w + j*k`) into panels of CK_I8_PANEL
/// rows: per depth pair, each row's two values widened to int16; padding is zero.
void ck_i8_pack(size_t n, size_t k, const int8_t *w, int16_t *packed);

/// `out[i*out_stride + j] = requant(folded[j] + Σ_kk a[i*a_stride + kk]·W[j][kk], j)` for
/// `i < m`, `j < n`; each `a` row holds `k` values.
void ck_i8_gemm(size_t m, size_t n, size_t k, const int8_t *a, size_t a_stride, const int16_t *packed,
                const int32_t *folded, const ck_i8_requant *q, int8_t *out, size_t out_stride);

/// Depthwise step with multiplier 1: for each pixel `p < pixels` and channel `ch`,
/// `out[p*channels + ch] = requant(folded[ch] + Σ_t rows[p*taps + t][ch]·w[t*channels + ch], ch)`.
void ck_i8_depthwise(size_t pixels, size_t channels, size_t taps, const int8_t *const *rows, const int8_t *w,
                     const int32_t *folded, const ck_i8_requant *q, int8_t *out);

#endif
