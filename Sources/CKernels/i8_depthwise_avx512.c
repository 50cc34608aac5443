// The AVX-512 VNNI int8 depthwise kernels, 32 channels per vector. Row mode (stride 1, or stride 2
// with 8 or a multiple of 16 channels): each output row is one flat run of (pixel, channel) bytes
// over a padded unsigned copy of the input, whose channel pattern repeats every lcm(channels, 32)
// bytes, with 4 taps at a time interleaved into per-channel quads for `vpdpbusd`. Pixel mode (the
// other strides and channel counts): pixel by pixel, tap pairs as int16 with `vpdpwssd`.
#include "i8_requant.h"

#include <stdint.h>
#include <stdlib.h>

size_t ck_i8_dw_packed_avx512(size_t channels, size_t taps) { return (channels + 31) / 32 * ((taps + 1) / 2) * 64; }

void ck_i8_dw_pack_avx512(size_t channels, size_t taps, const int8_t *w, int16_t *packed) {
    size_t pairs = (taps + 1) / 2;
    for (size_t c = 0; c < channels; c += 32) {
        for (size_t t = 0; t < pairs; t++) {
            // Vector 0 holds channels 8L..8L+3 of each 128-bit lane L, vector 1 channels 8L+4..8L+7.
            for (size_t v = 0; v < 2; v++) {
                for (size_t lane = 0; lane < 4; lane++) {
                    for (size_t i = 0; i < 4; i++) {
                        size_t ch = c + 8 * lane + 4 * v + i;
                        int inside = ch < channels;
                        *packed++ = inside ? w[2 * t * channels + ch] : 0;
                        *packed++ = inside && 2 * t + 1 < taps ? w[(2 * t + 1) * channels + ch] : 0;
                    }
                }
            }
        }
    }
}

#if CK_X86
/// The 32 channel sums (two vectors of 16, in channel order) of the taps at `tap[t] + offset`,
/// with the packed weight pairs `wp` of those channels; `lanes` masks the channels that exist.
CK_VNNI __attribute__((always_inline)) static inline void sums32(const int8_t *const *tap, size_t taps, size_t offset, __mmask32 lanes,
                                                              const int16_t *wp, __m512i *first, __m512i *second) {
    const __m512i first_half = _mm512_set_epi64(11, 10, 3, 2, 9, 8, 1, 0);
    const __m512i second_half = _mm512_set_epi64(15, 14, 7, 6, 13, 12, 5, 4);
    __m512i lo = _mm512_setzero_si512(), hi = lo;
    for (size_t t = 0; t < (taps + 1) / 2; t++) {
        __m512i a = _mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(lanes, tap[2 * t] + offset));
        // The odd tap count's last pair has zero weights for its second tap.
        __m512i b = 2 * t + 1 < taps ? _mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(lanes, tap[2 * t + 1] + offset)) : a;
        lo = _mm512_dpwssd_epi32(lo, _mm512_unpacklo_epi16(a, b), _mm512_loadu_si512(wp + 64 * t));
        hi = _mm512_dpwssd_epi32(hi, _mm512_unpackhi_epi16(a, b), _mm512_loadu_si512(wp + 64 * t + 32));
    }
    // lo holds channels 8L..8L+3 of each 128-bit lane L, hi channels 8L+4..8L+7.
    *first = _mm512_permutex2var_epi64(lo, first_half, hi);
    *second = _mm512_permutex2var_epi64(lo, second_half, hi);
}

/// Bytes of one 32-channel block and 4-tap group in `dw_pack_quads`'s layout.
#define DW_QUAD_GROUP 128

/// Row-mode weights: per block of 32 channels and per group of 4 taps, four 32-byte vectors; vector
/// j holds the group's 4 weights (zero past the taps or channels) of channels 4j..4j+3 in its low
/// 16 bytes and 16+4j..16+4j+3 in its high 16, the order in which `quads32` interleaves taps.
static void dw_pack_quads(size_t channels, size_t taps, const int8_t *w, int8_t *packed) {
    for (size_t block = 0; block < channels; block += 32)
        for (size_t g = 0; g < (taps + 3) / 4; g++)
            for (size_t j = 0; j < 4; j++)
                for (size_t half = 0; half < 2; half++)
                    for (size_t i = 0; i < 4; i++) {
                        size_t ch = block + 16 * half + 4 * j + i;
                        for (size_t k = 0; k < 4; k++) {
                            size_t t = 4 * g + k;
                            *packed++ = ch < channels && t < taps ? w[t * channels + ch] : 0;
                        }
                    }
}

/// How `load32` finds a vector's 32 input bytes: contiguous, as two 16-byte chunks, or every other
/// run of 8 or 16 bytes of 64 (the pixels of a stride-2 row with that many channels).
enum { DW_CONTIGUOUS = 0, DW_CHUNKS = 1, DW_RUNS_OF_8 = 8, DW_RUNS_OF_16 = 16 };

/// 32 unsigned input bytes for `lanes` from `p + first` (and, for DW_CHUNKS, the upper 16 from
/// `p + second`); `lanes` is a prefix for the gathering modes.
CK_VNNI __attribute__((always_inline)) static inline __m256i load32(const uint8_t *p, size_t first, size_t second, __mmask32 lanes,
                                                                 const int gather) {
    int whole = lanes == ~(__mmask32)0;
    if (gather == DW_CONTIGUOUS)
        return whole ? _mm256_loadu_si256((const __m256i *)(p + first)) : _mm256_maskz_loadu_epi8(lanes, p + first);
    if (gather == DW_CHUNKS) {
        __m128i low = whole ? _mm_loadu_si128((const __m128i *)(p + first)) : _mm_maskz_loadu_epi8((__mmask16)lanes, p + first);
        __m128i high = whole ? _mm_loadu_si128((const __m128i *)(p + second)) : _mm_maskz_loadu_epi8((__mmask16)(lanes >> 16), p + second);
        return _mm256_inserti128_si256(_mm256_castsi128_si256(low), high, 1);
    }
    // The wanted bytes of 64: runs of C at 0, 2C, 4C, …, cut to the pixels `lanes` covers.
    __mmask64 wanted = gather == DW_RUNS_OF_8 ? 0x00FF00FF00FF00FFULL : 0x0000FFFF0000FFFFULL;
    if (!whole) wanted &= ((__mmask64)1 << (2 * (size_t)__builtin_popcount(lanes))) - 1;
    const __m512i runs = gather == DW_RUNS_OF_8 ? _mm512_set_epi64(7, 5, 3, 1, 6, 4, 2, 0) : _mm512_set_epi64(7, 6, 3, 2, 5, 4, 1, 0);
    return _mm512_castsi512_si256(_mm512_permutexvar_epi64(runs, _mm512_maskz_loadu_epi8(wanted, p + first)));
}

/// The 32 channel sums Σ (x + 128)·w (two vectors of 16, in channel order) of the taps at
/// `tap[t]` (`load32` with `first`, `second` and `gather`), with the `dw_pack_quads` weights `wq`
/// of those channels: per group of 4 taps, bytes interleaved into (tap quad) per channel and
/// `vpdpbusd`.
CK_VNNI __attribute__((always_inline)) static inline void quads32(const uint8_t *const *tap, size_t taps, size_t first, size_t second,
                                                               __mmask32 lanes, const int gather, const int8_t *wq, __m512i *low_sums,
                                                               __m512i *high_sums) {
    __m256i acc[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
    for (size_t g = 0; g < (taps + 3) / 4; g++) {
        // Taps past the last have zero weights: any bytes will do.
        __m256i a = load32(tap[4 * g], first, second, lanes, gather);
        __m256i b = 4 * g + 1 < taps ? load32(tap[4 * g + 1], first, second, lanes, gather) : a;
        __m256i c = 4 * g + 2 < taps ? load32(tap[4 * g + 2], first, second, lanes, gather) : a;
        __m256i d = 4 * g + 3 < taps ? load32(tap[4 * g + 3], first, second, lanes, gather) : a;
        __m256i ab_lo = _mm256_unpacklo_epi8(a, b), ab_hi = _mm256_unpackhi_epi8(a, b);
        __m256i cd_lo = _mm256_unpacklo_epi8(c, d), cd_hi = _mm256_unpackhi_epi8(c, d);
        const int8_t *w = wq + DW_QUAD_GROUP * g;
        acc[0] = _mm256_dpbusd_epi32(acc[0], _mm256_unpacklo_epi16(ab_lo, cd_lo), _mm256_loadu_si256((const __m256i *)w));
        acc[1] = _mm256_dpbusd_epi32(acc[1], _mm256_unpackhi_epi16(ab_lo, cd_lo), _mm256_loadu_si256((const __m256i *)(w + 32)));
        acc[2] = _mm256_dpbusd_epi32(acc[2], _mm256_unpacklo_epi16(ab_hi, cd_hi), _mm256_loadu_si256((const __m256i *)(w + 64)));
        acc[3] = _mm256_dpbusd_epi32(acc[3], _mm256_unpackhi_epi16(ab_hi, cd_hi), _mm256_loadu_si256((const __m256i *)(w + 96)));
    }
    // acc[j] holds channels 4j..4j+3 and 16+4j..16+4j+3.
    __m512i low = _mm512_inserti64x4(_mm512_castsi256_si512(acc[0]), acc[1], 1);   // 0-3, 16-19, 4-7, 20-23
    __m512i high = _mm512_inserti64x4(_mm512_castsi256_si512(acc[2]), acc[3], 1);  // 8-11, 24-27, 12-15, 28-31
    *low_sums = _mm512_shuffle_i64x2(low, high, _MM_SHUFFLE(2, 0, 2, 0));
    *high_sums = _mm512_shuffle_i64x2(low, high, _MM_SHUFFLE(3, 1, 3, 1));
}

/// Requantizes 32 sums (channel pattern position `c`, constants `k[0]` and `k[1]`) and stores the
/// `width` that exist.
CK_VNNI __attribute__((always_inline)) static inline void store32(__m512i s0, __m512i s1, const requant16_channels *k,
                                                               const ck_i8_requant *scalar, size_t c, size_t width, int8_t *out) {
    if (scalar) {
        int32_t sums[32];
        _mm512_storeu_si512(sums, s0);
        _mm512_storeu_si512(sums + 16, s1);
        for (size_t j = 0; j < width; j++) out[j] = requant(sums[j], c + j, scalar);
        return;
    }
    __m512i sums[2] = {s0, s1}, values[4];
    requant16_values(2, sums, k, 1, values);
    values[2] = values[0], values[3] = values[1];  // the repeated packs fold away
    __m256i bytes = _mm512_castsi512_si256(requant16_narrow4(values, k[0].q));
    if (width == 32) _mm256_storeu_si256((__m256i *)out, bytes);
    else _mm256_mask_storeu_epi8(out, ((__mmask32)1 << width) - 1, bytes);
}

CK_VNNI void ck_i8_dw_avx512(const int8_t *const *rows, size_t pixels, size_t taps, size_t channels, const int16_t *packed,
                          const int32_t *folded, const ck_i8_requant *q, int8_t *out) {
    const ck_i8_requant *scalar = q->double_scales ? q : NULL;
    for (size_t c = 0; c < channels; c += 32, packed += (taps + 1) / 2 * 64) {
        size_t width = min_size(32, channels - c);
        __mmask32 lanes = width == 32 ? ~(__mmask32)0 : (((__mmask32)1 << width) - 1);
        __m512i bias0 = _mm512_maskz_loadu_epi32((__mmask16)lanes, folded + c);
        __m512i bias1 = _mm512_maskz_loadu_epi32((__mmask16)(lanes >> 16), folded + c + 16);
        requant16_channels k[2] = {requant16_load(c, q), requant16_load(c + 16, q)};
        for (size_t p = 0; p < pixels; p++) {
            __m512i s0, s1;
            sums32(rows + p * taps, taps, c, lanes, packed, &s0, &s1);
            store32(_mm512_add_epi32(s0, bias0), _mm512_add_epi32(s1, bias1), k, scalar, c, width, out + p * channels + c);
        }
    }
}

/// Depthwise outputs for `length` consecutive (pixel, channel) bytes of one output row whose
/// taps start at `base[t]`; byte `e` has channel pattern position `e % period` (a multiple of 32
/// starts each vector), with `packed`, `folded` and `q` laid out over the pattern. Stride 1 reads
/// input byte `e`; stride 2 reads input pixel 2p for output pixel p, by `gather`: whole vectors of
/// one pixel (DW_CONTIGUOUS, a multiple of 32 channels), 16-byte chunks of one pixel each
/// (DW_CHUNKS, a multiple of 16), or every other run of 8 or 16 bytes (that many channels).
/// `packed` is in `dw_pack_quads`'s layout and `folded` includes −128·Σw. `taps` and `gather` are
/// compile-time constants after inlining.
CK_VNNI __attribute__((always_inline)) static inline void dw_flat_taps(const uint8_t *const *base, const size_t taps, size_t length,
                                                                    size_t period, size_t stride, size_t channels, const int gather,
                                                                    const int8_t *packed, const int32_t *folded,
                                                                    const ck_i8_requant *q, int8_t *out) {
    const ck_i8_requant *scalar = q->double_scales ? q : NULL;
    size_t loaded = SIZE_MAX, c = 0;
    // Stride 2: the output pixel of the next 16-byte chunk and its channel; input byte = e + pixel·C.
    size_t chunk_pixel = 0, chunk_channel = 0;
    requant16_channels k[2];
    __m512i bias0 = _mm512_setzero_si512(), bias1 = bias0;
    for (size_t e = 0; e < length; e += 32) {
        size_t width = min_size(32, length - e);
        if (c != loaded) {
            k[0] = requant16_load(c, q), k[1] = requant16_load(c + 16, q);
            bias0 = _mm512_loadu_si512(folded + c), bias1 = _mm512_loadu_si512(folded + c + 16);
            loaded = c;
        }
        size_t first = e, second = e + 16;
        if (gather == DW_RUNS_OF_8 || gather == DW_RUNS_OF_16) {
            first = 2 * e;
        } else if (stride == 2) {
            first += chunk_pixel * channels;
            if ((chunk_channel += 16) == channels) chunk_channel = 0, chunk_pixel++;
            second += chunk_pixel * channels;
            if ((chunk_channel += 16) == channels) chunk_channel = 0, chunk_pixel++;
        }
        __mmask32 lanes = width == 32 ? ~(__mmask32)0 : (((__mmask32)1 << width) - 1);
        __m512i s0, s1;
        quads32(base, taps, first, second, lanes, gather, packed + c / 32 * ((taps + 3) / 4) * DW_QUAD_GROUP, &s0, &s1);
        store32(_mm512_add_epi32(s0, bias0), _mm512_add_epi32(s1, bias1), k, scalar, c, width, out + e);
        c += 32;
        if (c == period) c = 0;
    }
}

CK_VNNI static void dw_flat(const uint8_t *const *base, size_t taps, size_t length, size_t period, size_t stride, size_t channels,
                         const int8_t *packed, const int32_t *folded, const ck_i8_requant *q, int8_t *out) {
    if (stride == 2 && channels == 8) {
        dw_flat_taps(base, taps, length, period, stride, channels, DW_RUNS_OF_8, packed, folded, q, out);
    } else if (stride == 2 && channels == 16) {
        dw_flat_taps(base, taps, length, period, stride, channels, DW_RUNS_OF_16, packed, folded, q, out);
    } else if (stride == 2 && channels % 32 != 0) {
        dw_flat_taps(base, taps, length, period, stride, channels, DW_CHUNKS, packed, folded, q, out);
    } else if (taps == 9) {
        dw_flat_taps(base, 9, length, period, stride, channels, DW_CONTIGUOUS, packed, folded, q, out);
    } else {
        dw_flat_taps(base, taps, length, period, stride, channels, DW_CONTIGUOUS, packed, folded, q, out);
    }
}

int ck_i8_dw_plan_rows(ck_i8_dw_plan *plan) {
    size_t channels = plan->window.in_c, taps = plan->window.k_h * plan->window.k_w;
    // The pattern repeats every lcm(channels, 32) bytes: whole vectors, whole pixels.
    size_t a = channels, b = 32;
    while (b) {
        size_t r = a % b;
        a = b, b = r;
    }
    size_t period = channels / a * 32, stride = period + CK_I8_REQUANT_PADDING;
    plan->period = period;
    plan->packed = malloc(period / 32 * ((taps + 3) / 4) * DW_QUAD_GROUP);
    if (!plan->packed) return 0;
    if (period == channels) {
        dw_pack_quads(channels, taps, plan->weights, (int8_t *)plan->packed);
        return 1;
    }
    int8_t *weights = malloc(taps * period);
    plan->pattern = calloc(5 * stride, sizeof(int32_t));
    plan->pattern_scales = plan->q.double_scales ? calloc(stride, sizeof(double)) : NULL;
    // Without memory for the float constants the kernels take the exact integer path alone.
    plan->pattern_shortcut = malloc(ck_i8_requant_shortcut_count(period) * sizeof(float));
    if (!weights || !plan->pattern || (plan->q.double_scales && !plan->pattern_scales)) {
        free(weights);
        return 0;
    }
    for (size_t t = 0; t < taps; t++)
        for (size_t e = 0; e < period; e++) weights[t * period + e] = plan->weights[t * channels + e % channels];
    dw_pack_quads(period, taps, weights, (int8_t *)plan->packed);
    free(weights);
    const int32_t *sources[5] = {plan->q.multipliers, plan->q.left_shifts, plan->q.right_shifts, plan->q.round_masks,
                                 plan->q.round_halves};
    for (size_t a = 0; a < 5; a++)
        for (size_t e = 0; e < period; e++) plan->pattern[a * stride + e] = sources[a][e % channels];
    if (plan->q.double_scales)
        for (size_t e = 0; e < period; e++) plan->pattern_scales[e] = plan->q.double_scales[e % channels];
    plan->q.multipliers = plan->pattern;
    plan->q.left_shifts = plan->pattern + stride;
    plan->q.right_shifts = plan->pattern + 2 * stride;
    plan->q.round_masks = plan->pattern + 3 * stride;
    plan->q.round_halves = plan->pattern + 4 * stride;
    plan->q.double_scales = plan->pattern_scales;
    plan->q.shortcut = NULL;
    if (plan->pattern_shortcut)
        plan->q.shortcut = ck_i8_requant_shortcut(period, &plan->q, plan->pattern_shortcut) ? plan->pattern_shortcut : NULL;
    return 1;
}

CK_VNNI int ck_i8_dw_rows_avx512(const ck_i8_dw_plan *plan, const int8_t *input, int8_t pad, const int32_t *folded, int8_t *out,
                              size_t first, size_t count) {
    const ck_window *g = &plan->window;
    size_t channels = g->in_c, taps = g->k_h * g->k_w, period = plan->period, plane = g->out_h * g->out_w;
    size_t height = (g->out_h - 1) * g->stride_h + (g->k_h - 1) * g->dil_h + 1;
    size_t width = (g->out_w - 1) * g->stride_w + (g->k_w - 1) * g->dil_w + 1;
    size_t b0 = first / plane, images = (first + count - 1) / plane - b0 + 1;
    // One allocation: the bias pattern, the tap offsets and pointers, then the image.
    size_t bias_bytes = (period + CK_I8_REQUANT_PADDING) * sizeof(int32_t), tap_bytes = (2 * taps * sizeof(size_t) + 63) / 64 * 64;
    int32_t *pattern_bias = malloc(bias_bytes + tap_bytes + images * height * width * channels + 64);
    if (!pattern_bias) return 0;
    size_t *tap_offset = (size_t *)((char *)pattern_bias + bias_bytes);
    const uint8_t **base = (const uint8_t **)(tap_offset + taps);
    uint8_t *image = (uint8_t *)pattern_bias + bias_bytes + tap_bytes;
    ck_i8_fill_padded(g, input, pad, b0, images, height, width, image);
    // The bias over the pattern, less 128·Σw (the kernel multiplies x + 128): whole copies of the
    // channels (no division per entry).
    for (size_t c = 0; c < channels; c++)
        pattern_bias[c] = (int32_t)((uint32_t)folded[c] - ((uint32_t)plan->weight_sums[c] << 7));
    for (size_t e = channels; e < period + CK_I8_REQUANT_PADDING; e += channels)
        memcpy(pattern_bias + e, pattern_bias, min_size(channels, period + CK_I8_REQUANT_PADDING - e) * sizeof(int32_t));
    // Each tap's place in the padded image relative to its output pixel's window corner.
    for (size_t t = 0; t < taps; t++)
        tap_offset[t] = ((t / g->k_w) * g->dil_h * width + (t % g->k_w) * g->dil_w) * channels;
    for (size_t p = first, end = first + count; p < end;) {
        size_t ox = p % g->out_w, oy = p / g->out_w % g->out_h, b = p / plane;
        size_t row_end = min_size(end - (p - ox), g->out_w);
        const uint8_t *corner = image + (((b - b0) * height + oy * g->stride_h) * width + ox * g->stride_w) * channels;
        for (size_t t = 0; t < taps; t++) base[t] = corner + tap_offset[t];
        dw_flat(base, taps, (row_end - ox) * channels, period, g->stride_w, channels, (const int8_t *)plan->packed, pattern_bias,
                &plan->q, out + p * channels);
        p += row_end - ox;
    }
    free(pattern_bias);
    return 1;
}
#else
int ck_i8_dw_plan_rows(ck_i8_dw_plan *plan) {
    (void)plan;
    return 0;
}

int ck_i8_dw_rows_avx512(const ck_i8_dw_plan *plan, const int8_t *input, int8_t pad, const int32_t *folded, int8_t *out,
                         size_t first, size_t count) {
    (void)plan, (void)input, (void)pad, (void)folded, (void)out, (void)first, (void)count;
    return 0;
}

void ck_i8_dw_avx512(const int8_t *const *rows, size_t pixels, size_t taps, size_t channels, const int16_t *packed,
                     const int32_t *folded, const ck_i8_requant *q, int8_t *out) {
    (void)rows, (void)pixels, (void)taps, (void)channels, (void)packed, (void)folded, (void)q, (void)out;
}
#endif
