// Hybrid DEPTHWISE_CONV_2D sums: per output pixel, the taps inside the image times their weights,
// minus the zero point; portable C and AVX2 (depth multiplier 1, eight channels per step).
#include "CKernels.h"

#include <stdlib.h>

#include "ck_target.h"

/// Lists the taps of output pixel `pixel` that fall inside the image: their index and the offset
/// of their input pixel. Returns how many.
static size_t inside_taps(const ck_window *g, size_t pixel, size_t *taps, size_t *offsets) {
    ptrdiff_t oy = (ptrdiff_t)(pixel / g->out_w), ox = (ptrdiff_t)(pixel % g->out_w);
    size_t count = 0;
    for (size_t fy = 0; fy < g->k_h; fy++) {
        ptrdiff_t iy = oy * (ptrdiff_t)g->stride_h - g->pad_top + (ptrdiff_t)(fy * g->dil_h);
        if (iy < 0 || iy >= (ptrdiff_t)g->in_h) continue;
        for (size_t fx = 0; fx < g->k_w; fx++) {
            ptrdiff_t ix = ox * (ptrdiff_t)g->stride_w - g->pad_left + (ptrdiff_t)(fx * g->dil_w);
            if (ix < 0 || ix >= (ptrdiff_t)g->in_w) continue;
            taps[count] = fy * g->k_w + fx;
            offsets[count] = ((size_t)iy * g->in_w + (size_t)ix) * g->in_c;
            count++;
        }
    }
    return count;
}

/// Channels `from..<out_c` of one pixel, any multiplier.
static void pixel_portable(size_t from, size_t out_c, size_t multiplier, const int8_t *image, int32_t zero_point,
                           const int8_t *w, const size_t *taps, const size_t *offsets, size_t count, int32_t *sums) {
    for (size_t oc = from; oc < out_c; oc++) {
        uint32_t acc = 0;
        for (size_t t = 0; t < count; t++)
            acc += (uint32_t)(w[taps[t] * out_c + oc] * (image[offsets[t] + oc / multiplier] - zero_point));
        sums[oc] = (int32_t)acc;
    }
}

#if CK_X86
/// Multiplier 1: eight channels per step, then the rest one by one.
CK_AVX2 static void pixel_avx2(size_t channels, const int8_t *image, int32_t zero_point, const int8_t *w,
                                const size_t *taps, const size_t *offsets, size_t count, int32_t *sums) {
    __m256i zp = _mm256_set1_epi32(zero_point);
    size_t c = 0;
    for (; c + 8 <= channels; c += 8) {
        __m256i acc = _mm256_setzero_si256();
        for (size_t t = 0; t < count; t++) {
            __m256i x = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(image + offsets[t] + c)));
            __m256i wt = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(w + taps[t] * channels + c)));
            acc = _mm256_add_epi32(acc, _mm256_mullo_epi32(wt, _mm256_sub_epi32(x, zp)));
        }
        _mm256_storeu_si256((__m256i *)(sums + c), acc);
    }
    pixel_portable(c, channels, 1, image, zero_point, w, taps, offsets, count, sums);
}
#endif

int ck_hyb_dw_sums(const ck_window *g, const int8_t *image, int32_t zero_point, const int8_t *w,
                   size_t multiplier, int32_t *sums, size_t first, size_t count) {
    size_t window = g->k_h * g->k_w, out_c = g->in_c * multiplier;
    size_t *taps = malloc(2 * (window ? window : 1) * sizeof *taps);
    if (!taps) return 0;
    size_t *offsets = taps + window;
#if CK_X86
    int vector = multiplier == 1 && ck_f32_uses_avx2();
#endif
    for (size_t i = 0; i < count; i++) {
        size_t inside = inside_taps(g, first + i, taps, offsets);
        int32_t *out = sums + i * out_c;
#if CK_X86
        if (vector) {
            pixel_avx2(out_c, image, zero_point, w, taps, offsets, inside, out);
            continue;
        }
#endif
        pixel_portable(0, out_c, multiplier, image, zero_point, w, taps, offsets, inside, out);
    }
    free(taps);
    return 1;
}
