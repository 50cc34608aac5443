#ifndef EDGEWISE_CKERNELS_HYBRID_H
#define EDGEWISE_CKERNELS_HYBRID_H

#include <stddef.h>
#include <stdint.h>

#include "CKernelsWindow.h"

/// The int32 sums of the hybrid (dynamic-range) kernels: int8 activations quantized on the fly
/// times int8 weights, minus the activations' zero point times the weights, with TFLite's
/// wrapping int32 arithmetic. AVX2 when `ck_f32_uses_avx2()`, portable C otherwise; both give the
/// same integers. The float rescale stays with the caller.

/// Widens [`*low`, `*high`] to the finite and infinite values of `x[0..<count]` (NaNs ignored).
void ck_f32_range(size_t count, const float *x, float *low, float *high);

/// One row of hybrid activations: `out[i] = clamp(x86int(r) + zero_point, lo, hi)` (wrapping add)
/// where r = trunc(x[i]·inverse ± 0.5) for the first `count & ~7` values and round-half-away
/// otherwise, and x86int converts like `cvttps2dq` (INT32_MIN when out of range or NaN).
void ck_hyb_quantize_row(size_t count, const float *x, float inverse, int32_t zero_point, int32_t lo, int32_t hi, int8_t *out);

/// Float outputs of hybrid sums (`pixels` rows of `channels`): `out = clamp(v + bias, low, high)`
/// with v = sum·factor, then ·`*row_scale` when `row_scale` is not NULL (float multiplies in that
/// order); the factor is `factors[c]` when `factor_per_channel`, else `factors[0]`. `bias` may be
/// NULL (adds 0); the clamp is max(v, low) then min(·, high) as in Swift.
void ck_hyb_dequantize(size_t pixels, size_t channels, const int32_t *sums, const float *factors, int factor_per_channel,
                       const float *row_scale, const float *bias, float low, float high, float *out);

/// Weight rows per packed panel.
#define CK_HYB_PANEL 16


/// int16 values `ck_hyb_pack` writes for `n` weight rows of depth `k`.
size_t ck_hyb_packed_count(size_t n, size_t k);

/// `n` rounded up to whole panels: the entries `ck_hyb_pack` writes to `row_sums`.
size_t ck_hyb_padded_rows(size_t n);

/// Packs `n` weight rows of `k` int8 values (row `j` at `w + j*k`) into panels of CK_HYB_PANEL
/// rows (per depth pair, each row's two values widened to int16; padding is zero) and writes
/// each row's wrapping sum to `row_sums` (zero past `n`).
void ck_hyb_pack(size_t n, size_t k, const int8_t *w, int16_t *packed, int32_t *row_sums);

/// CONV_2D sums of one image for output pixels `first..<first+count` (row-major over the output
/// rows and columns), with the patch channels `channel_base..<channel_base+group_c` of each tap
/// and the `n` packed weight rows of depth `k_h·k_w·group_c`:
/// `sums[p*stride + j] = Σ_{taps inside the image} Σ_c W[j][tap, c]·(x[tap, c] − zero_point)`,
/// p counted from `first`. Returns 0 when scratch memory is not to be had.
int ck_hyb_conv_sums(const ck_window *g, const int8_t *image, int8_t zero_point, size_t channel_base,
                     size_t group_c, const int16_t *packed, const int32_t *row_sums, size_t n,
                     int32_t *sums, size_t stride, size_t first, size_t count);

/// FULLY_CONNECTED sums: `sums[r*n + j] = Σ_kk W[j][kk]·x[r*k + kk] − zero_points[r]·row_sums[j]`
/// for `r < rows`. Returns 0 when scratch memory is not to be had.
int ck_hyb_fc_sums(size_t rows, size_t k, const int8_t *x, const int32_t *zero_points, const int16_t *packed,
                   const int32_t *row_sums, size_t n, int32_t *sums);

/// DEPTHWISE_CONV_2D sums of one image (`in_c·multiplier` output channels, weights
/// `w[tap*out_c + oc]`) for output pixels `first..<first+count`:
/// `sums[p*out_c + oc] = Σ_{taps inside the image} w[tap][oc]·(x[tap][oc / multiplier] − zero_point)`.
/// Returns 0 when scratch memory is not to be had.
int ck_hyb_dw_sums(const ck_window *g, const int8_t *image, int32_t zero_point, const int8_t *w,
                   size_t multiplier, int32_t *sums, size_t first, size_t count);

#endif
