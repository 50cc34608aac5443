// int16×8 depthwise convolution (multiplier 1) straight from the NHWC input: tap pointers per
// output pixel (constant offsets inside the image, a zero row in the padding), weights packed
// as int16 tap pairs so AVX2 `madd` sums two taps per instruction, exact int64 requantization.
#include "i16_requant.h"

#include <stdlib.h>

/// Packed position of channel `c`'s weight pair `qq` (value `e`): channels go in groups of 16,
/// then one of 8, then the rest; a group of 16 stores its channels in `unpack` order
/// (0–3, 8–11, 4–7, 12–15) so interleaved 256-bit input halves line up with it.
static size_t packed_index(size_t c, size_t channels, size_t pairs, size_t qq, size_t e) {
    size_t c16 = channels / 16 * 16, first, width;
    if (c < c16) {
        first = c / 16 * 16;
        width = 16;
    } else if (channels - c16 >= 8 && c < c16 + 8) {
        first = c16;
        width = 8;
    } else {
        first = channels - c16 >= 8 ? c16 + 8 : c16;
        width = channels - first;
    }
    size_t j = c - first, slot = width == 16 ? (j & 3) | ((j & 8) >> 1) | ((j & 4) << 1) : j;
    return first * pairs * 2 + (qq * width + slot) * 2 + e;
}

size_t ck_i16_depthwise_packed_count(size_t taps, size_t channels) { return (taps + 1) / 2 * 2 * channels; }

void ck_i16_depthwise_pack(size_t taps, size_t channels, const int8_t *w, int16_t *packed) {
    size_t pairs = (taps + 1) / 2;
    for (size_t c = 0; c < channels; c++) {
        for (size_t t = 0; t < 2 * pairs; t++) {
            packed[packed_index(c, channels, pairs, t / 2, t % 2)] = t < taps ? w[t * channels + c] : 0;
        }
    }
}

/// Fills `tp[0..<2·pairs]` with the input row of each tap of output pixel `pixel` (`zeros` in
/// the padding and for the odd tap count's last, weightless tap).
static void tap_pointers(const ck_window *g, const int16_t *input, const int16_t *zeros, const ptrdiff_t *offsets,
                         size_t pixel, const int16_t **tp) {
    size_t taps = g->k_h * g->k_w;
    size_t ox = pixel % g->out_w, oy = (pixel / g->out_w) % g->out_h, b = pixel / (g->out_w * g->out_h);
    int64_t iy0 = (int64_t)(oy * g->stride_h) - g->pad_top, ix0 = (int64_t)(ox * g->stride_w) - g->pad_left;
    int64_t h = (int64_t)g->in_h, w = (int64_t)g->in_w;
    int64_t last_y = iy0 + (int64_t)((g->k_h - 1) * g->dil_h);
    int64_t last_x = ix0 + (int64_t)((g->k_w - 1) * g->dil_w);
    if (iy0 >= 0 && ix0 >= 0 && last_y < h && last_x < w) {
        const int16_t *origin = input + (((int64_t)b * h + iy0) * w + ix0) * (int64_t)g->in_c;
        for (size_t t = 0; t < taps; t++) tp[t] = origin + offsets[t];
    } else {
        for (size_t t = 0; t < taps; t++) {
            int64_t iy = iy0 + (int64_t)(t / g->k_w * g->dil_h);
            int64_t ix = ix0 + (int64_t)(t % g->k_w * g->dil_w);
            tp[t] = iy >= 0 && iy < h && ix >= 0 && ix < w ? input + (((int64_t)b * h + iy) * w + ix) * (int64_t)g->in_c : zeros;
        }
    }
    if (taps & 1) tp[taps] = zeros;
}

// MARK: portable

static void pixel_portable(size_t channels, size_t pairs, const int16_t *const *tp, const int16_t *packed, const int64_t *bias,
                           const rq16 *q, int16_t *o) {
    for (size_t c = 0; c < channels; c++) {
        int64_t acc = bias ? bias[c] : 0;
        for (size_t t = 0; t < 2 * pairs; t++) acc += (int64_t)tp[t][c] * packed[packed_index(c, channels, pairs, t / 2, t % 2)];
        o[c] = rq16_one(acc, c, q);
    }
}

// MARK: AVX2

#if CK_X86
CK_AVX2 static void pixel_avx2(size_t channels, size_t pairs, const int16_t *const *tp, const int16_t *packed, const int64_t *bias,
                            const rq16 *q, int16_t *o) {
    size_t c = 0;
    for (; c + 16 <= channels; c += 16) {
        const int16_t *w = packed + c * pairs * 2;
        __m256i lo = _mm256_setzero_si256(), hi = lo;
        for (size_t qq = 0; qq < pairs; qq++, w += 32) {
            __m256i x0 = _mm256_loadu_si256((const __m256i *)(tp[2 * qq] + c));
            __m256i x1 = _mm256_loadu_si256((const __m256i *)(tp[2 * qq + 1] + c));
            lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(x0, x1), _mm256_loadu_si256((const __m256i *)w)));
            hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(x0, x1), _mm256_loadu_si256((const __m256i *)(w + 16))));
        }
        // lo holds channels 0–3 and 8–11, hi 4–7 and 12–15.
        __m256i first = _mm256_permute2x128_si256(lo, hi, 0x20), second = _mm256_permute2x128_si256(lo, hi, 0x31);
        rq16_store16(o + c, rq16_eight32(first, bias, c, q), rq16_eight32(second, bias, c + 8, q));
    }
    if (c + 8 <= channels) {
        const int16_t *w = packed + c * pairs * 2;
        __m256i acc = _mm256_setzero_si256();
        for (size_t qq = 0; qq < pairs; qq++, w += 16) {
            __m128i x0 = _mm_loadu_si128((const __m128i *)(tp[2 * qq] + c)), x1 = _mm_loadu_si128((const __m128i *)(tp[2 * qq + 1] + c));
            __m256i x = _mm256_set_m128i(_mm_unpackhi_epi16(x0, x1), _mm_unpacklo_epi16(x0, x1));
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(x, _mm256_loadu_si256((const __m256i *)w)));
        }
        rq16_store8(o + c, rq16_eight32(acc, bias, c, q));
        c += 8;
    }
    for (; c < channels; c++) {
        int64_t acc = bias ? bias[c] : 0;
        for (size_t t = 0; t < 2 * pairs; t++) acc += (int64_t)tp[t][c] * packed[packed_index(c, channels, pairs, t / 2, t % 2)];
        o[c] = rq16_one(acc, c, q);
    }
}
#endif

// MARK: driver

void ck_i16_depthwise(const ck_window *g, const int16_t *input, const int16_t *packed, const int64_t *bias,
                      const ck_i16_requant *q, size_t first, size_t count, int16_t *out) {
    size_t taps = g->k_h * g->k_w, pairs = (taps + 1) / 2, channels = g->in_c;
    if (count == 0 || channels == 0) return;
    int16_t *zeros = calloc(channels + 16, sizeof(int16_t));
    ptrdiff_t *offsets = malloc(taps * sizeof(ptrdiff_t) + 2 * pairs * sizeof(const int16_t *));
    if (!zeros || !offsets) abort();
    const int16_t **tp = (const int16_t **)(offsets + taps);
    for (size_t t = 0; t < taps; t++) {
        offsets[t] = (ptrdiff_t)(((t / g->k_w) * g->dil_h * g->in_w + (t % g->k_w) * g->dil_w) *
                                 channels);
    }
    rq16 r = rq16_fixed(q);
#if CK_X86
    int vector = ck_f32_uses_avx2();
#endif
    for (size_t p = first; p < first + count; p++) {
        tap_pointers(g, input, zeros, offsets, p, tp);
#if CK_X86
        if (vector) {
            pixel_avx2(channels, pairs, tp, packed, bias, &r, out + p * channels);
            continue;
        }
#endif
        pixel_portable(channels, pairs, tp, packed, bias, &r, out + p * channels);
    }
    free(offsets);
    free(zeros);
}
