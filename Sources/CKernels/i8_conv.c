// Whole int8 convolutions over a pixel range: CONV_2D by im2col blocks into the packed GEMM (VNNI
// for quad-packed weights, else the int16-pair kernels), and DEPTHWISE_CONV_2D (multiplier 1) with
// tap pointers computed per pixel, AVX2 `madd` on interleaved tap pairs, or portable C.
#include "i8_requant.h"

#include <stdlib.h>

/// Patch rows per im2col block of the int16-pair path.
#define BLOCK_ROWS 64

/// Whether the window reads each output pixel's input pixel as is (1×1, stride 1, no padding).
static int is_pointwise(const ck_window *g) {
    return g->k_h == 1 && g->k_w == 1 && g->stride_h == 1 && g->stride_w == 1 && g->pad_top == 0 && g->pad_left == 0
        && g->out_h == g->in_h && g->out_w == g->in_w;
}

/// The input pixel under output pixel `pixel`'s tap (`fy`, `fx`), or NULL in the padding.
static inline const int8_t *tap_source(const ck_window *g, const int8_t *input, size_t pixel, size_t fy, size_t fx) {
    size_t ox = pixel % g->out_w, oy = pixel / g->out_w % g->out_h, b = pixel / (g->out_w * g->out_h);
    ptrdiff_t iy = (ptrdiff_t)(oy * g->stride_h + fy * g->dil_h) - g->pad_top;
    ptrdiff_t ix = (ptrdiff_t)(ox * g->stride_w + fx * g->dil_w) - g->pad_left;
    if (iy < 0 || iy >= (ptrdiff_t)g->in_h || ix < 0 || ix >= (ptrdiff_t)g->in_w) return NULL;
    return input + ((b * g->in_h + (size_t)iy) * g->in_w + (size_t)ix) * g->in_c;
}

int ck_i8_conv(const ck_window *g, const int8_t *input, int8_t pad, const ck_i8_weights *w, const int32_t *folded,
               const ck_i8_requant *q, int8_t *out, size_t first, size_t count) {
    if (count == 0 || w->n == 0) return 1;
    if (w->layout == CK_I8_LAYOUT_QUADS) return ck_i8_conv_vnni(g, input, pad, w, folded, q, out, first, count);
    size_t n = w->n, k = w->k, c = g->in_c;
    if (is_pointwise(g)) {
        ck_i8_gemm(count, n, k, input + first * c, c, w->packed, folded, q, out + first * n, n);
        return 1;
    }
    int8_t *patches = malloc(BLOCK_ROWS * k + 1);
    if (!patches) return 0;
    for (size_t start = first; start < first + count; start += BLOCK_ROWS) {
        size_t rows = min_size(BLOCK_ROWS, first + count - start);
        for (size_t r = 0; r < rows; r++) {
            int8_t *dst = patches + r * k;
            for (size_t fy = 0; fy < g->k_h; fy++) {
                for (size_t fx = 0; fx < g->k_w; fx++, dst += c) {
                    const int8_t *src = tap_source(g, input, start + r, fy, fx);
                    if (src) memcpy(dst, src, c); else memset(dst, pad, c);
                }
            }
        }
        ck_i8_gemm(rows, n, k, patches, k, w->packed, folded, q, out + start * n, n);
    }
    free(patches);
    return 1;
}

// MARK: depthwise

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

#if CK_I8_X86
/// One output pixel from its tap rows: 16- and 8-channel blocks with `madd` on tap pairs, then a
/// scalar tail.
AVX2 static void dw_pixel_avx2(const int8_t *const *rows, size_t taps, size_t channels, const int16_t *packed, const int8_t *w,
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

/// Which depthwise pixel kernel runs.
typedef enum { DW_PORTABLE, DW_AVX2, DW_AVX512 } dw_kernel;

int ck_i8_dwconv(const ck_window *g, const int8_t *input, int8_t pad, const int8_t *w, const int32_t *folded,
                 const ck_i8_requant *q, int8_t *out, size_t first, size_t count) {
    size_t channels = g->in_c, taps = g->k_h * g->k_w;
    if (count == 0 || channels == 0) return 1;
    dw_kernel kernel = DW_PORTABLE;
#if CK_I8_X86
    if (ck_i8_uses_vnni() && channels > 16) kernel = DW_AVX512;
    else if (ck_f32_uses_avx2()) kernel = DW_AVX2;
#endif
    size_t packed_count = kernel == DW_AVX512 ? ck_i8_dw_packed_avx512(channels, taps)
        : kernel == DW_AVX2 ? dw_packed_count(channels, taps) : 0;
    int8_t *pad_row = malloc(channels);
    const int8_t **rows = malloc(DW_CHUNK * taps * sizeof(*rows));
    ptrdiff_t *offsets = malloc(taps * sizeof(*offsets));
    int16_t *packed = malloc(packed_count * sizeof(int16_t) + 64);
    if (!pad_row || !rows || !offsets || !packed) {
        free(pad_row), free(rows), free(offsets), free(packed);
        return 0;
    }
    memset(pad_row, pad, channels);
    for (size_t t = 0; t < taps; t++)
        offsets[t] = (ptrdiff_t)(((t / g->k_w) * g->dil_h * g->in_w + (t % g->k_w) * g->dil_w) * channels);
    if (kernel == DW_AVX512) ck_i8_dw_pack_avx512(channels, taps, w, packed);
    if (kernel == DW_AVX2) dw_pack(channels, taps, w, packed);
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
                    const int8_t *src = tap_source(g, input, p, t / g->k_w, t % g->k_w);
                    tp[t] = src ? src : pad_row;
                }
            }
        }
        int8_t *o = out + start * channels;
        switch (kernel) {
#if CK_I8_X86
        case DW_AVX512: ck_i8_dw_avx512(rows, pixels, taps, channels, packed, folded, q, o); break;
        case DW_AVX2:
            for (size_t i = 0; i < pixels; i++) dw_pixel_avx2(rows + i * taps, taps, channels, packed, w, folded, q, o + i * channels);
            break;
#endif
        default:
            for (size_t i = 0; i < pixels; i++) dw_pixel_portable(rows + i * taps, taps, channels, w, folded, q, o + i * channels);
        }
    }
    free(pad_row), free(rows), free(offsets), free(packed);
    return 1;
}
