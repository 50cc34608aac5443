// Internal to CKernels: the exact TFLite requantizations shared by the int8 and int16 kernels
// (scalar, and vectorized for AVX2), and the shared AVX2 int16-pair tile.
#ifndef EDGEWISE_CKERNELS_REQUANT_H
#define EDGEWISE_CKERNELS_REQUANT_H

#include "CKernels.h"

#include <math.h>
#include <string.h>

#include "ck_target.h"

/// Rows per int16-pair GEMM tile.
#define MR 4

static inline size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

/// Whether output pixels are input pixels one for one (1×1 window, stride 1, no padding).
static inline int ck_is_pointwise(const ck_window *g) {
    return g->k_h == 1 && g->k_w == 1 && g->stride_h == 1 && g->stride_w == 1 && g->pad_top == 0 && g->pad_left == 0
        && g->out_h == g->in_h && g->out_w == g->in_w;
}

/// The input pixel under output pixel `pixel`'s tap (`fy`, `fx`), or NULL in the padding.
static inline const int8_t *ck_tap_source(const ck_window *g, const int8_t *input, size_t pixel, size_t fy, size_t fx) {
    size_t ox = pixel % g->out_w, oy = pixel / g->out_w % g->out_h, b = pixel / (g->out_w * g->out_h);
    ptrdiff_t iy = (ptrdiff_t)(oy * g->stride_h + fy * g->dil_h) - g->pad_top;
    ptrdiff_t ix = (ptrdiff_t)(ox * g->stride_w + fx * g->dil_w) - g->pad_left;
    if (iy < 0 || iy >= (ptrdiff_t)g->in_h || ix < 0 || ix >= (ptrdiff_t)g->in_w) return NULL;
    return input + ((b * g->in_h + (size_t)iy) * g->in_w + (size_t)ix) * g->in_c;
}

/// Two adjacent int16 values as one 32-bit lane.
static inline int32_t pair_at(const int16_t *p) {
    int32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/// TFLite's MultiplyByQuantizedMultiplier with the shift split into `left` = max(shift, 0) and
/// `right` = max(−shift, 0): SaturatingRoundingDoublingHighMul, then RoundingDivideByPOT.
static inline int32_t ck_rescale(int32_t s, int32_t multiplier, int32_t left, int32_t right) {
    int32_t x = left >= 32 ? 0 : (int32_t)((uint32_t)s << left);
    int32_t high;
    if (x == INT32_MIN && multiplier == INT32_MIN) {
        high = INT32_MAX;
    } else {
        int64_t product = (int64_t)x * multiplier;
        int64_t nudge = product >= 0 ? (INT64_C(1) << 30) : 1 - (INT64_C(1) << 30);
        high = (int32_t)((product + nudge) / (INT64_C(1) << 31));
    }
    int32_t mask = (int32_t)((INT64_C(1) << right) - 1);
    int32_t threshold = (mask >> 1) + (high < 0 ? 1 : 0);
    return (high >> right) + ((high & mask) > threshold ? 1 : 0);
}

/// LiteRT's double rescale of a sum: round(product) (ties away from zero), saturated to int32.
static inline int32_t ck_round_saturated(double product) {
    double v = round(product);
    v = v < -2147483648.0 ? -2147483648.0 : v;
    v = v > 2147483647.0 ? 2147483647.0 : v;
    return (int32_t)v;
}

/// One output value: TFLite's MultiplyByQuantizedMultiplier (or the double rescale), offset, clamp.
static inline int8_t requant(int32_t s, size_t c, const ck_i8_requant *q) {
    int32_t scaled = q->double_scales ? ck_round_saturated((double)s * q->double_scales[c])
                                      : ck_rescale(s, q->multipliers[c], q->left_shifts[c], q->right_shifts[c]);
    int32_t v = (int32_t)((uint32_t)scaled + (uint32_t)q->output_offset);
    v = v < q->act_min ? q->act_min : v;
    v = v > q->act_max ? q->act_max : v;
    return (int8_t)v;
}

#if CK_X86
/// TFLite's MultiplyByQuantizedMultiplier on 8 int32 lanes with per-lane multipliers `m` (and
/// `m_odd`, whose element 2i is the multiplier of odd lane 2i + 1), shifts, and RoundingDivideByPOT
/// masks (`mask` = 2^right − 1, `half` = mask >> 1); `saturates` when a multiplier is INT32_MIN.
CK_AVX2 __attribute__((always_inline)) static inline __m256i rescale8_lanes(__m256i s, __m256i m, __m256i m_odd, __m256i left,
                                                                          __m256i right, __m256i mask, __m256i half, int saturates) {
    __m256i x = _mm256_sllv_epi32(s, left);
    // (x·m + 2^30) >> 31 on even and odd lanes; the low 32 bits are the same for any shift kind.
    __m256i nudge = _mm256_set1_epi64x(INT64_C(1) << 30);
    __m256i even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(x, m), nudge), 31);
    __m256i odd = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), m_odd), nudge);
    __m256i high = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 1), 0xAA);
    if (saturates) {
        __m256i minimum = _mm256_set1_epi32(INT32_MIN);
        __m256i overflow = _mm256_and_si256(_mm256_cmpeq_epi32(x, minimum), _mm256_cmpeq_epi32(m, minimum));
        high = _mm256_blendv_epi8(high, _mm256_set1_epi32(INT32_MAX), overflow);
    }
    // RoundingDivideByPOT: round half away from zero.
    __m256i threshold = _mm256_sub_epi32(half, _mm256_cmpgt_epi32(_mm256_setzero_si256(), high));
    return _mm256_sub_epi32(_mm256_srav_epi32(high, right), _mm256_cmpgt_epi32(_mm256_and_si256(high, mask), threshold));
}

/// `requant` on the 8 channels from `c` (fixed-point path only), as int32 lanes.
CK_AVX2 __attribute__((always_inline)) static inline __m256i requant8(__m256i s, size_t c, const ck_i8_requant *q) {
#define LANES8(array) _mm256_loadu_si256((const __m256i *)((array) + c))
    __m256i scaled = rescale8_lanes(s, LANES8(q->multipliers), LANES8(q->multipliers + 1), LANES8(q->left_shifts),
                                    LANES8(q->right_shifts), LANES8(q->round_masks), LANES8(q->round_halves), q->min_multiplier);
#undef LANES8
    __m256i v = _mm256_add_epi32(scaled, _mm256_set1_epi32(q->output_offset));
    v = _mm256_max_epi32(v, _mm256_set1_epi32(q->act_min));
    return _mm256_min_epi32(v, _mm256_set1_epi32(q->act_max));
}

/// Requantizes 16 sums of channels `c..<c+16` into 16 int8 outputs at `out`.
CK_AVX2 __attribute__((always_inline)) static inline void requant16(__m256i lo, __m256i hi, size_t c, const ck_i8_requant *q, int8_t *out) {
    if (q->double_scales) {
        int32_t sums[16];
        _mm256_storeu_si256((__m256i *)sums, lo);
        _mm256_storeu_si256((__m256i *)(sums + 8), hi);
        for (size_t j = 0; j < 16; j++) out[j] = requant(sums[j], c + j, q);
        return;
    }
    __m256i words = _mm256_permute4x64_epi64(_mm256_packs_epi32(requant8(lo, c, q), requant8(hi, c + 8, q)), 0xD8);
    __m128i bytes = _mm_packs_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
    _mm_storeu_si128((__m128i *)out, bytes);
}

/// The exact requantization constants of 16 lanes (`requant16_scale`).
typedef struct {
    __m512i multiplier, odd_multiplier, left, right, mask, half_mask, offset;
    int saturates;
    int shifts_left;   // some channel has a left shift (a real multiplier above 1)
} requant16_constants;

/// 16 lanes of a per-channel array from channel `c`, or (`paired`) channels `c..<c+8` in both halves.
CK_VNNI __attribute__((always_inline)) static inline __m512i requant16_lanes(const int32_t *values, size_t c, int paired) {
    return paired ? _mm512_broadcast_i32x8(_mm256_loadu_si256((const __m256i *)(values + c))) : _mm512_loadu_si512(values + c);
}

/// The exact constants of channels `c..<c+16`, or (`paired`) of channels `c..<c+8` repeated in both
/// halves (the arrays' padding makes whole-vector loads safe).
CK_VNNI __attribute__((always_inline)) static inline requant16_constants requant16_exact_load(size_t c, const ck_i8_requant *q,
                                                                                            int paired) {
    requant16_constants k;
    k.multiplier = requant16_lanes(q->multipliers, c, paired);
    // Element 2i of this load is m[c + 2i + 1], the multiplier of odd lane 2i + 1.
    k.odd_multiplier = requant16_lanes(q->multipliers, c + 1, paired);
    k.left = requant16_lanes(q->left_shifts, c, paired);
    k.right = requant16_lanes(q->right_shifts, c, paired);
    k.mask = requant16_lanes(q->round_masks, c, paired);
    k.half_mask = requant16_lanes(q->round_halves, c, paired);
    k.offset = _mm512_set1_epi32(q->output_offset);
    k.saturates = q->min_multiplier;
    k.shifts_left = _mm512_test_epi32_mask(k.left, k.left) != 0;
    return k;
}

/// Distance (in output units) from an integer below which the float shortcut's sum is too close
/// to a rounding boundary to trust; it exceeds that sum's error bound (< 2^-15 for every
/// unsaturated output, see i8_requant_shortcut.c).
#define CK_REQUANT_SHORTCUT_MARGIN (1.0f / 8192.0f)

/// The requantization of 16 output channels as the kernels hold it across many rows: the float
/// shortcut's constants when it applies. The exact constants are loaded where needed (for the
/// rare undecided vectors, or every vector when the shortcut does not apply), which keeps this
/// small enough to copy freely.
typedef struct {
    __m512 scale, bias_positive, bias_negative;
    int fast;                   // the float shortcut applies (`ck_i8_requant_shortcut`)
    int whole_range;            // the activation keeps the whole int8 range: saturating narrowing clamps
    int paired;                 // lanes 8..15 repeat channels c..<c+8 (two rows of a narrow panel)
    size_t c;
    const ck_i8_requant *q;
} requant16_channels;

/// 16 floats from `values`, or (`paired`) its first 8 in both halves.
CK_VNNI __attribute__((always_inline)) static inline __m512 requant16_float_lanes(const float *values, int paired) {
    return paired ? _mm512_broadcast_f32x8(_mm256_loadu_ps(values)) : _mm512_loadu_ps(values);
}

/// The requantization of channels `c..<c+16`, or (`paired`) of channels `c..<c+8` in both halves;
/// `c` a multiple of 16.
CK_VNNI __attribute__((always_inline)) static inline requant16_channels requant16_load_lanes(size_t c, const ck_i8_requant *q,
                                                                                           int paired) {
    requant16_channels k;
    k.c = c;
    k.q = q;
    k.paired = paired;
    k.whole_range = q->act_min <= -128 && q->act_max >= 127;
    k.fast = q->shortcut != NULL;
    if (k.fast) {
        const float *block = q->shortcut + 3 * c;
        k.scale = requant16_float_lanes(block, paired);
        k.bias_positive = requant16_float_lanes(block + 16, paired);
        k.bias_negative = requant16_float_lanes(block + 32, paired);
    }
    return k;
}

/// The requantization of channels `c..<c+16`, `c` a multiple of 16.
CK_VNNI __attribute__((always_inline)) static inline requant16_channels requant16_load(size_t c, const ck_i8_requant *q) {
    return requant16_load_lanes(c, q, 0);
}

/// The constants of one multiplier and shift for all 16 lanes (no offset, no clamp), for the
/// elementwise kernels' rescales.
CK_VNNI __attribute__((always_inline)) static inline requant16_constants requant16_uniform(int32_t multiplier, int32_t left,
                                                                                          int32_t right) {
    requant16_constants k;
    int32_t mask = (int32_t)((INT64_C(1) << right) - 1);
    k.multiplier = k.odd_multiplier = _mm512_set1_epi32(multiplier);
    k.left = _mm512_set1_epi32(left);
    k.right = _mm512_set1_epi32(right);
    k.mask = _mm512_set1_epi32(mask);
    k.half_mask = _mm512_set1_epi32(mask >> 1);
    k.offset = _mm512_setzero_si512();
    k.saturates = multiplier == INT32_MIN;
    k.shifts_left = left != 0;
    return k;
}

/// TFLite's MultiplyByQuantizedMultiplier (double rounding) plus the output offset on 16 lanes.
CK_VNNI __attribute__((always_inline)) static inline __m512i requant16_scale(__m512i s, const requant16_constants *k) {
    __m512i x = k->shifts_left ? _mm512_sllv_epi32(s, k->left) : s;
    __m512i half = _mm512_set1_epi64(INT64_C(1) << 30);
    __m512i even = _mm512_srli_epi64(_mm512_add_epi64(_mm512_mul_epi32(x, k->multiplier), half), 31);
    __m512i odd = _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(x, 32), k->odd_multiplier), half);
    __m512i high = _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 1));
    if (k->saturates) {
        __m512i minimum = _mm512_set1_epi32(INT32_MIN);
        __mmask16 overflow = _mm512_cmpeq_epi32_mask(x, minimum) & _mm512_cmpeq_epi32_mask(k->multiplier, minimum);
        high = _mm512_mask_mov_epi32(high, overflow, _mm512_set1_epi32(INT32_MAX));
    }
    __m512i one = _mm512_set1_epi32(1);
    __m512i threshold = _mm512_mask_add_epi32(k->half_mask, _mm512_cmplt_epi32_mask(high, _mm512_setzero_si512()), k->half_mask, one);
    __m512i shifted = _mm512_srav_epi32(high, k->right);
    __mmask16 round_up = _mm512_cmpgt_epi32_mask(_mm512_and_si512(high, k->mask), threshold);
    return _mm512_add_epi32(_mm512_mask_add_epi32(shifted, round_up, shifted, one), k->offset);
}

/// Most vectors `requant16_values` takes at once.
#define REQUANT16_MAX_ROWS 8

/// The offset (unclamped) outputs of `n` ≤ REQUANT16_MAX_ROWS vectors of 16 int32 sums, vector
/// `i` with the channels `k[i·k_step]`: through the float shortcut (see `ck_i8_requant_shortcut`)
/// when it applies and no lane of the `n` vectors lies too close to a rounding boundary for float
/// to decide, otherwise through the exact integer arithmetic. All results are computed before any
/// is stored, so stores through int8 pointers cannot force the constants to be reloaded between.
CK_VNNI __attribute__((always_inline)) static inline void requant16_values(size_t n, const __m512i *sums, const requant16_channels *k,
                                                                          size_t k_step, __m512i *values) {
    int fast = 1;
    for (size_t i = 0; i < n; i++) fast &= k[i * k_step].fast;
    if (fast) {
        const __m512 tie_zone = _mm512_set1_ps(1.0f - 2.0f * CK_REQUANT_SHORTCUT_MARGIN);
        __m512 lowered[REQUANT16_MAX_ROWS];
        __mmask16 undecided = 0;
        for (size_t i = 0; i < n; i++) {
            const requant16_channels *ki = &k[i * k_step];
            __m512 bias = _mm512_mask_blend_ps(_mm512_movepi32_mask(sums[i]), ki->bias_positive, ki->bias_negative);
            // The sum lowered by the margin: a fraction above 1 − 2·margin means within margin of an integer.
            lowered[i] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(sums[i]), ki->scale, bias);
            undecided |= _mm512_cmp_ps_mask(_mm512_reduce_ps(lowered[i], _MM_FROUND_TO_NEG_INF), tie_zone, _CMP_GT_OQ);
        }
        if (!undecided) {
            for (size_t i = 0; i < n; i++) values[i] = _mm512_cvt_roundps_epi32(lowered[i], _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
            return;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const requant16_channels *ki = &k[i * k_step];
        requant16_constants exact = requant16_exact_load(ki->c, ki->q, ki->paired);
        values[i] = requant16_scale(sums[i], &exact);
    }
}

/// The clamped int8 bytes of 16 offset outputs.
CK_VNNI __attribute__((always_inline)) static inline __m128i requant16_narrow(__m512i v, const requant16_channels *k) {
    if (k->whole_range) return _mm512_cvtsepi32_epi8(v);
    __m512i low = _mm512_set1_epi32(k->q->act_min), high = _mm512_set1_epi32(k->q->act_max);
    return _mm512_cvtepi32_epi8(_mm512_min_epi32(_mm512_max_epi32(v, low), high));
}

/// `bytes` clamped to the activation range of `q` (already saturated to int8).
CK_VNNI __attribute__((always_inline)) static inline __m512i requant_clamp_bytes(__m512i bytes, const ck_i8_requant *q) {
    if (q->act_min <= -128 && q->act_max >= 127) return bytes;
    return _mm512_min_epi8(_mm512_max_epi8(bytes, _mm512_set1_epi8((char)q->act_min)), _mm512_set1_epi8((char)q->act_max));
}

/// The clamped int8 bytes of 4 vectors of 16 offset outputs (rows of the same channels), vector
/// `i` in bytes 16i..16i+15: two saturating packs (which interleave 4-lane chunks) and one dword
/// permute back to row order.
CK_VNNI __attribute__((always_inline)) static inline __m512i requant16_narrow4(const __m512i *v, const ck_i8_requant *q) {
    // After the packs, 128-bit lane L holds chunk L (4 values) of rows 0, 1, 2, 3.
    __m512i packed = _mm512_packs_epi16(_mm512_packs_epi32(v[0], v[1]), _mm512_packs_epi32(v[2], v[3]));
    const __m512i rows = _mm512_set_epi32(15, 11, 7, 3, 14, 10, 6, 2, 13, 9, 5, 1, 12, 8, 4, 0);
    return requant_clamp_bytes(_mm512_permutexvar_epi32(rows, packed), q);
}

/// The MR×CK_I8_PANEL int32 sums of MR int16 rows (`2·pairs` values each, contiguous in `wide`)
/// with one packed weight panel.
CK_AVX2 void ck_i8_tile_avx2(const int16_t *wide, size_t pairs, const int16_t *w, int32_t tile[MR][CK_I8_PANEL]);
#endif

/// The int16-pair GEMM: `out[i*out_stride + j] = requant(folded[j] + Σ_kk a[i*a_stride + kk]·W[j][kk], j)` for
/// `i < m`, `j < n`; each `a` row holds `k` values.
void ck_i8_gemm(size_t m, size_t n, size_t k, const int8_t *a, size_t a_stride, const int16_t *packed,
                const int32_t *folded, const ck_i8_requant *q, int8_t *out, size_t out_stride);

/// Which depthwise kernel a plan runs.
typedef enum { CK_DW_PORTABLE, CK_DW_AVX2, CK_DW_AVX512_PIXELS, CK_DW_AVX512_ROWS } ck_dw_kernel;

/// A depthwise plan: the window, the weights in the kernel's layout and the requantization, laid
/// over the channel pattern in row mode (`period` channels; entry `e` is channel `e % in_c`).
struct ck_i8_dw_plan {
    ck_dw_kernel kernel;
    ck_window window;
    int8_t *weights;  // [taps][in_c], as given
    int32_t *weight_sums; // per channel, Σ over taps
    int16_t *packed;  // the kernel's layout (NULL for the portable kernel)
    size_t period;    // row mode: bytes of the repeating channel pattern, lcm(in_c, 32)
    int32_t *pattern; // row mode when period ≠ in_c: replicated requantization arrays
    double *pattern_scales;
    float *pattern_shortcut;
    ck_i8_requant q;  // the kernel's requantization (over the pattern in row mode)
};

/// int16 values `ck_i8_dw_pack_avx512` writes.
size_t ck_i8_dw_packed_avx512(size_t channels, size_t taps);

/// Depthwise weights `w[tap*channels + c]` for the AVX-512 kernels: per block of 32 channels and
/// per tap pair, two vectors of (tap, next tap) int16 pairs in `unpacklo/hi_epi16` lane order.
void ck_i8_dw_pack_avx512(size_t channels, size_t taps, const int8_t *w, int16_t *packed);

/// Lays the weights and requantization over the row-mode pattern; 0 when out of memory.
int ck_i8_dw_plan_rows(ck_i8_dw_plan *plan);

/// Depthwise outputs of `pixels` pixels from their tap rows (`rows[p*taps + t]`) with AVX-512 VNNI
/// (`vpdpwssd` on tap pairs, 32 channels per step, channel blocks outermost).
void ck_i8_dw_avx512(const int8_t *const *rows, size_t pixels, size_t taps, size_t channels, const int16_t *packed,
                     const int32_t *folded, const ck_i8_requant *q, int8_t *out);

/// Row-mode depthwise (AVX-512 VNNI; stride 1, or stride 2 with 8 or a multiple of 16 channels): each output row's interior as one flat run, border pixels one by one; `folded` is
/// per channel. 0 when out of memory.
int ck_i8_dw_rows_avx512(const ck_i8_dw_plan *plan, const int8_t *input, int8_t pad, const int32_t *folded, int8_t *out,
                         size_t first, size_t count);

/// Images `b0..<b0+images` of the window's input as unsigned bytes x + 128, each `height` ×
/// `width` pixels with the window's top and left padding (and the padding value wherever no input
/// falls), plus 64 readable bytes (AVX-512).
void ck_i8_fill_padded(const ck_window *g, const int8_t *input, int8_t pad, size_t b0, size_t images, size_t height,
                       size_t width, uint8_t *image);

/// Whether `ck_i8_conv_vnni_direct` handles `g` (undilated kernel rows of at most 16 bytes).
int ck_i8_conv_direct_applies(const ck_window *g);

/// `ck_i8_conv_vnni` without im2col, for windows `ck_i8_conv_direct_applies` accepts; `shifted` is
/// the bias with −128·Σw folded in. 0 when out of memory.
int ck_i8_conv_vnni_direct(const ck_window *g, const int8_t *input, int8_t pad, const ck_i8_weights *w, const int32_t *shifted,
                           const ck_i8_requant *q, int8_t *out, size_t first, size_t count);

/// `ck_i8_conv` for weights in the quads layout (AVX-512 VNNI); 0 when out of memory.
int ck_i8_conv_vnni(const ck_window *g, const int8_t *input, int8_t pad, const ck_i8_weights *w, const int32_t *folded,
                    const ck_i8_requant *q, int8_t *out, size_t first, size_t count);

#endif
