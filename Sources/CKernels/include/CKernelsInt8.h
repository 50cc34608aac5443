#ifndef EDGEWISE_CKERNELS_INT8_H
#define EDGEWISE_CKERNELS_INT8_H

#include <stddef.h>
#include <stdint.h>

#include "CKernelsWindow.h"

/// Int8 inner kernels with the same run-time dispatch as the float ones (`ck_f32_uses_avx2`,
/// `EDGEWISE_PORTABLE_KERNELS=1`). All sums wrap like TFLite's int32 accumulators and every
/// output is requantized exactly as TFLite's reference kernels do.

/// Output columns per packed int8 weight panel.
#define CK_I8_PANEL 16

/// Readable entries past the last channel in `ck_i8_requant`'s arrays.
#define CK_I8_REQUANT_PADDING 64

/// Per-channel requantization of an int32 sum `s`: with `double_scales` NULL,
/// `MultiplyByQuantizedMultiplier(s, multipliers[c], shift)` (double rounding; `left_shifts[c]`
/// = max(shift, 0), `right_shifts[c]` = max(-shift, 0)), else `round(s·double_scales[c])`
/// (ties away from zero, saturated to int32); then `+ output_offset` and a clamp to
/// `[act_min, act_max]`. For the vector kernels, `round_masks[c]` = 2^right − 1 and
/// `round_halves[c]` = round_masks[c] >> 1; every per-channel array has CK_I8_REQUANT_PADDING
/// readable entries past the last channel, and `min_multiplier` is 1 when a multiplier is
/// INT32_MIN (the one case whose doubling high multiply saturates). `shortcut`, when not NULL,
/// holds `ck_i8_requant_shortcut`'s float constants, which the AVX-512 kernels use to reach the
/// same results faster.
typedef struct {
    const int32_t *multipliers;
    const int32_t *left_shifts;
    const int32_t *right_shifts;
    const int32_t *round_masks;
    const int32_t *round_halves;
    int32_t min_multiplier;
    const double *double_scales;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
    const float *shortcut;
} ck_i8_requant;

/// Floats `ck_i8_requant_shortcut` writes for `channels` channels (and the padding): per block of
/// 16 channels, 16 scales, 16 biases for non-negative sums and 16 for negative sums.
size_t ck_i8_requant_shortcut_count(size_t channels);

/// Fills `shortcut` with the float constants of the fixed-point requantization in `q` (its
/// `shortcut` is ignored) and returns 1, or returns 0 when the float route does not apply (a
/// multiplier of 1 or more, or double scales). The route computes ⌊s·scale + bias⌋ in float and
/// falls back to the exact integer arithmetic when that sum is too close to an integer to decide.
int ck_i8_requant_shortcut(size_t channels, const ck_i8_requant *q, float *shortcut);

/// int16 values `ck_i8_pack` writes for `n` rows of depth `k` (`k` rounded up to even).
size_t ck_i8_packed_count(size_t n, size_t k);

/// Packs `n` weight rows of `k` int8 values (row `j` at `w + j*k`) into panels of CK_I8_PANEL
/// rows: per depth pair, each row's two values widened to int16; padding is zero.
void ck_i8_pack(size_t n, size_t k, const int8_t *w, int16_t *packed);

/// 1 when the AVX-512 VNNI int8 kernels are in use: the CPU has AVX-512 F/BW/VL/DQ/VNNI, the AVX2
/// kernels are in use, `EDGEWISE_KERNELS=avx2` is not set and `ck_i8_forbid_vnni(1)` was not called.
int ck_i8_uses_vnni(void);

/// Forbids (1) or re-allows (0) the VNNI kernels for weights packed from now on, e.g. in tests.
void ck_i8_forbid_vnni(int forbid);

/// Weight layouts of `ck_i8_weights`: int16 pairs (`ck_i8_pack`, AVX2 and portable kernels) or
/// int8 quads for AVX-512 VNNI (per panel of 16 rows and per 4 depth values, 64 bytes).
enum { CK_I8_LAYOUT_PAIRS = 0, CK_I8_LAYOUT_QUADS = 1 };

/// The layout `ck_i8_pack_weights` should use for the kernels in use now.
int ck_i8_preferred_layout(void);

/// Bytes `ck_i8_pack_weights` writes for `n` rows of depth `k` in `layout`.
size_t ck_i8_weights_bytes(int layout, size_t n, size_t k);

/// Packs `n` rows of `k` int8 weights (row `j` at `w + j*k`) in `layout`; padding is zero.
void ck_i8_pack_weights(int layout, size_t n, size_t k, const int8_t *w, void *packed);

/// Packed int8 weights: `n` output channels of depth `k`, with each row's wrapping sum.
typedef struct {
    int layout;
    size_t n;
    size_t k;
    const void *packed;
    const int32_t *row_sums;
} ck_i8_weights;


/// CONV_2D (one group; FULLY_CONNECTED is the 1×1 window over `batch` rows) for output pixels
/// `first..<first+count` (pixels counted over batch, rows, columns):
/// `out[p*n + j] = requant(bias[j] + Σ (patch(p)[kk] + input_offset)·W[j][kk], j)` (`bias` may be
/// NULL), where the patch is the `k_h·k_w·in_c` input values under the window, the zero point
/// −input_offset outside the image. The weights' layout decides the kernel (VNNI for quads).
/// Returns 0 when scratch memory is not to be had.
int ck_i8_conv(const ck_window *g, const int8_t *input, int32_t input_offset, const ck_i8_weights *w, const int32_t *bias,
               const ck_i8_requant *q, int8_t *out, size_t first, size_t count);

/// Depthwise weights packed once for the kernel chosen for `window` on this CPU (opaque).
typedef struct ck_i8_dw_plan ck_i8_dw_plan;

/// Prepares DEPTHWISE_CONV_2D with depth multiplier 1 on `window` (weights `w[tap*in_c + c]`,
/// copied) with the requantization `q`, whose arrays must outlive the plan; NULL when out of memory.
ck_i8_dw_plan *ck_i8_dw_plan_create(const ck_window *window, const int8_t *w, const ck_i8_requant *q);

/// Frees a plan from `ck_i8_dw_plan_create` (NULL is ignored).
void ck_i8_dw_plan_destroy(ck_i8_dw_plan *plan);

/// DEPTHWISE_CONV_2D for output pixels `first..<first+count` of the plan's window:
/// `out[p*in_c + c] = requant(bias[c] + Σ_t (x(p, t)[c] + input_offset)·w[t][c], c)` (`bias` may be
/// NULL), with the zero point −input_offset for taps outside the image. Returns 0 when scratch
/// memory is not to be had.
int ck_i8_dwconv(const ck_i8_dw_plan *plan, const int8_t *input, int32_t input_offset, const int32_t *bias, int8_t *out,
                 size_t first, size_t count);

#endif
