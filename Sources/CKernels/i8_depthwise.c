// int8 DEPTHWISE_CONV_2D (depth multiplier 1): plans that pack the weights once for the kernel
// chosen on this CPU, and the pixel-range driver — tap pointers per pixel (constant offsets inside
// the image, a row of the zero point outside) into AVX2 `madd` on interleaved tap pairs, AVX-512
// VNNI, or portable C; stride-1 windows run along output rows with AVX-512 (i8_depthwise_avx512.c).
#include "i8_requant.h"

#include <stdlib.h>

/// Depthwise weights for the AVX2 pixel kernel: per block of 16 (then 8) channels and per tap pair,
/// each channel's two tap weights as adjacent int16, in the lane order `unpacklo/hi_epi16` give.
static size_t dw_packed_count(size_t channels, size_t taps) { return (taps + 1) / 2 * 2 * (channels / 8 * 8); }

static void dw_pack(size_t channels, size_t taps, const int8_t *w, int16_t *dst) {
    size_t pairs = (taps + 1) / 2, c = 0;
    for (; c + 16 <= channels; c += 16) {
        for (size_t t = 0; t < pairs; t++) {
            // lo vector: channels c+0..3 | c+8..11; hi vector: c+4..7 | c+12..15.
            static const size_t order[16] = {0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15};
            for (size_t i = 0; i < 16; i++) {
                size_t ch = c + order[i];
                *dst++ = w[2 * t * channels + ch];
                *dst++ = 2 * t + 1 < taps ? w[(2 * t + 1) * channels + ch] : 0;
            }
        }
    }
    for (; c + 8 <= channels; c += 8) {
        for (size_t t = 0; t < pairs; t++) {
            for (size_t i = 0; i < 8; i++) {
                *dst++ = w[2 * t * channels + c + i];
                *dst++ = 2 * t + 1 < taps ? w[(2 * t + 1) * channels + c + i] : 0;
            }
        }
    }
}

/// One output pixel from its tap rows, portable.
static void dw_pixel_portable(const int8_t *const *rows, size_t taps, size_t channels, const int8_t *w, const int32_t *folded,
                              const ck_i8_requant *q, int8_t *out) {
    for (size_t c = 0; c < channels; c++) {
        uint32_t acc = (uint32_t)folded[c];
        for (size_t t = 0; t < taps; t++) acc += (uint32_t)((int32_t)rows[t][c] * w[t * channels + c]);
        out[c] = requant((int32_t)acc, c, q);
    }
}

#if CK_X86
/// One output pixel from its tap rows: 16- and 8-channel blocks with `madd` on tap pairs, then a
/// scalar tail.
CK_AVX2 static void dw_pixel_avx2(const int8_t *const *rows, size_t taps, size_t channels, const int16_t *packed, const int8_t *w,
                               const int32_t *folded, const ck_i8_requant *q, int8_t *out) {
    size_t full = taps / 2, c = 0;
    const __m128i zero = _mm_setzero_si128();
    for (; c + 16 <= channels; c += 16) {
        __m256i lo = _mm256_setzero_si256(), hi = lo;
        for (size_t t = 0; t < full; t++, packed += 32) {
            __m256i a = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(rows[2 * t] + c)));
            __m256i b = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(rows[2 * t + 1] + c)));
            lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), _mm256_loadu_si256((const __m256i *)packed)));
            hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), _mm256_loadu_si256((const __m256i *)(packed + 16))));
        }
        if (taps & 1) {
            __m256i a = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(rows[taps - 1] + c)));
            __m256i b = _mm256_setzero_si256();
            lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), _mm256_loadu_si256((const __m256i *)packed)));
            hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), _mm256_loadu_si256((const __m256i *)(packed + 16))));
            packed += 32;
        }
        __m256i s0 = _mm256_add_epi32(_mm256_permute2x128_si256(lo, hi, 0x20), _mm256_loadu_si256((const __m256i *)(folded + c)));
        __m256i s1 = _mm256_add_epi32(_mm256_permute2x128_si256(lo, hi, 0x31), _mm256_loadu_si256((const __m256i *)(folded + c + 8)));
        requant16(s0, s1, c, q, out + c);
    }
    for (; c + 8 <= channels; c += 8) {
        __m256i acc = _mm256_loadu_si256((const __m256i *)(folded + c));
        for (size_t t = 0; t < (taps + 1) / 2; t++, packed += 16) {
            __m128i a = _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)(rows[2 * t] + c)));
            __m128i b = 2 * t + 1 < taps ? _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)(rows[2 * t + 1] + c))) : zero;
            __m256i pairs = _mm256_set_m128i(_mm_unpackhi_epi16(a, b), _mm_unpacklo_epi16(a, b));
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(pairs, _mm256_loadu_si256((const __m256i *)packed)));
        }
        if (q->double_scales) {
            int32_t sums[8];
            _mm256_storeu_si256((__m256i *)sums, acc);
            for (size_t j = 0; j < 8; j++) out[c + j] = requant(sums[j], c + j, q);
            continue;
        }
        __m256i v = requant8(acc, c, q);
        __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
        _mm_storel_epi64((__m128i *)(out + c), _mm_packs_epi16(words, words));
    }
    for (; c < channels; c++) {
        uint32_t acc = (uint32_t)folded[c];
        for (size_t t = 0; t < taps; t++) acc += (uint32_t)((int32_t)rows[t][c] * w[t * channels + c]);
        out[c] = requant((int32_t)acc, c, q);
    }
}
#endif

/// Output pixels per tap-pointer table.
#define DW_CHUNK 32

ck_i8_dw_plan *ck_i8_dw_plan_create(const ck_window *window, const int8_t *w, const ck_i8_requant *q) {
    size_t channels = window->in_c, taps = window->k_h * window->k_w;
    ck_i8_dw_plan *plan = calloc(1, sizeof(*plan));
    if (!plan) return NULL;
    plan->window = *window;
    plan->q = *q;
    plan->kernel = CK_DW_PORTABLE;
#if CK_X86
    if (ck_i8_uses_vnni()) {
        // Row mode: stride 1, or stride 2 with 8 or a multiple of 16 channels (whole vectors, 16-byte
        // chunks or 2–4 pixels per vector).
        int strided = window->stride_w == 2 && (channels % 16 == 0 || channels == 8);
        int rows = (window->stride_w == 1 || strided) && channels > 0 && channels <= 1024;
        plan->kernel = rows ? CK_DW_AVX512_ROWS : CK_DW_AVX512_PIXELS;
    } else if (ck_f32_uses_avx2()) {
        plan->kernel = CK_DW_AVX2;
    }
#endif
    plan->weights = malloc(taps * channels + 1);
    plan->weight_sums = calloc(channels + 1, sizeof(int32_t));
    if (!plan->weights || !plan->weight_sums) goto fail;
    memcpy(plan->weights, w, taps * channels);
    for (size_t t = 0; t < taps; t++)
        for (size_t c = 0; c < channels; c++) plan->weight_sums[c] += w[t * channels + c];
    switch (plan->kernel) {
    case CK_DW_AVX2:
        plan->packed = malloc(dw_packed_count(channels, taps) * sizeof(int16_t) + 2);
        if (!plan->packed) goto fail;
        dw_pack(channels, taps, w, plan->packed);
        break;
    case CK_DW_AVX512_PIXELS:
        plan->packed = malloc(ck_i8_dw_packed_avx512(channels, taps) * sizeof(int16_t));
        if (!plan->packed) goto fail;
        ck_i8_dw_pack_avx512(channels, taps, w, plan->packed);
        break;
    case CK_DW_AVX512_ROWS:
        if (!ck_i8_dw_plan_rows(plan)) goto fail;
        break;
    default:
        break;
    }
    return plan;
fail:
    ck_i8_dw_plan_destroy(plan);
    return NULL;
}

void ck_i8_dw_plan_destroy(ck_i8_dw_plan *plan) {
    if (!plan) return;
    free(plan->weights), free(plan->weight_sums), free(plan->packed), free(plan->pattern), free(plan->pattern_scales);
    free(plan->pattern_shortcut);
    free(plan);
}

/// Depthwise over pixel ranges with a tap-pointer table per chunk of pixels.
static int dw_pixels(const ck_i8_dw_plan *plan, const int8_t *input, int8_t pad, const int32_t *folded, int8_t *out,
                     size_t first, size_t count) {
    const ck_window *g = &plan->window;
    size_t channels = g->in_c, taps = g->k_h * g->k_w;
    int8_t *pad_row = malloc(channels);
    const int8_t **rows = malloc(DW_CHUNK * taps * sizeof(*rows));
    ptrdiff_t *offsets = malloc(taps * sizeof(*offsets));
    if (!pad_row || !rows || !offsets) {
        free(pad_row), free(rows), free(offsets);
        return 0;
    }
    memset(pad_row, pad, channels);
    for (size_t t = 0; t < taps; t++)
        offsets[t] = (ptrdiff_t)(((t / g->k_w) * g->dil_h * g->in_w + (t % g->k_w) * g->dil_w) * channels);
    size_t span_h = (g->k_h - 1) * g->dil_h, span_w = (g->k_w - 1) * g->dil_w;
    for (size_t start = first; start < first + count; start += DW_CHUNK) {
        size_t pixels = min_size(DW_CHUNK, first + count - start);
        for (size_t i = 0; i < pixels; i++) {
            size_t p = start + i, ox = p % g->out_w, oy = p / g->out_w % g->out_h, b = p / (g->out_w * g->out_h);
            ptrdiff_t iy = (ptrdiff_t)(oy * g->stride_h) - g->pad_top, ix = (ptrdiff_t)(ox * g->stride_w) - g->pad_left;
            const int8_t **tp = rows + i * taps;
            if (iy >= 0 && iy + (ptrdiff_t)span_h < (ptrdiff_t)g->in_h && ix >= 0 && ix + (ptrdiff_t)span_w < (ptrdiff_t)g->in_w) {
                const int8_t *base = input + ((b * g->in_h + (size_t)iy) * g->in_w + (size_t)ix) * channels;
                for (size_t t = 0; t < taps; t++) tp[t] = base + offsets[t];
            } else {
                for (size_t t = 0; t < taps; t++) {
                    const int8_t *src = ck_tap_source(g, input, p, t / g->k_w, t % g->k_w);
                    tp[t] = src ? src : pad_row;
                }
            }
        }
        int8_t *o = out + start * channels;
        switch (plan->kernel) {
#if CK_X86
        case CK_DW_AVX512_PIXELS: ck_i8_dw_avx512(rows, pixels, taps, channels, plan->packed, folded, &plan->q, o); break;
        case CK_DW_AVX2:
            for (size_t i = 0; i < pixels; i++)
                dw_pixel_avx2(rows + i * taps, taps, channels, plan->packed, plan->weights, folded, &plan->q, o + i * channels);
            break;
#endif
        default:
            for (size_t i = 0; i < pixels; i++)
                dw_pixel_portable(rows + i * taps, taps, channels, plan->weights, folded, &plan->q, o + i * channels);
        }
    }
    free(pad_row), free(rows), free(offsets);
    return 1;
}

int ck_i8_dwconv(const ck_i8_dw_plan *plan, const int8_t *input, int32_t input_offset, const int32_t *bias, int8_t *out,
                 size_t first, size_t count) {
    size_t channels = plan->window.in_c;
    if (count == 0 || channels == 0) return 1;
    // The input offset folds into the bias through each channel's weight sum.
    int32_t *folded = malloc(channels * sizeof(int32_t));
    if (!folded) return 0;
    for (size_t c = 0; c < channels; c++)
        folded[c] = (int32_t)((uint32_t)(bias ? bias[c] : 0) + (uint32_t)input_offset * (uint32_t)plan->weight_sums[c]);
    int8_t pad = (int8_t)(-input_offset);
    int done = plan->kernel == CK_DW_AVX512_ROWS ? ck_i8_dw_rows_avx512(plan, input, pad, folded, out, first, count)
                                                  : dw_pixels(plan, input, pad, folded, out, first, count);
    free(folded);
    return done;
}
