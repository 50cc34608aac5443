// int16×8 packed-weight GEMM and depthwise kernels with TFLite's exact int64 requantization:
// portable C plus AVX2 versions, chosen with the float ones.
#include "i8_requant.h"

#include <stdlib.h>

// MARK: portable

static void gemm16_portable(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                            const int64_t *bias, const ck_i16_requant *q, int16_t *out, size_t out_stride) {
    size_t panels = (n + CK_I8_PANEL - 1) / CK_I8_PANEL, pairs = (k + 1) / 2;
    for (size_t i = 0; i < m; i++) {
        const int16_t *row = a + i * a_stride;
        for (size_t p = 0; p < panels; p++) {
            int64_t acc[CK_I8_PANEL] = {0};
            const int16_t *w = packed + p * pairs * CK_I8_PANEL * 2;
            for (size_t qq = 0; qq < pairs; qq++, w += CK_I8_PANEL * 2) {
                int64_t x0 = row[2 * qq], x1 = 2 * qq + 1 < k ? row[2 * qq + 1] : 0;
                for (size_t j = 0; j < CK_I8_PANEL; j++) acc[j] += x0 * w[2 * j] + x1 * w[2 * j + 1];
            }
            size_t column = p * CK_I8_PANEL, columns = min_size(CK_I8_PANEL, n - column);
            for (size_t j = 0; j < columns; j++) {
                int64_t s = acc[j] + (bias ? bias[column + j] : 0);
                out[i * out_stride + column + j] = requant16x8(s, column + j, q);
            }
        }
    }
}

static void depthwise16_portable(size_t pixels, size_t channels, size_t taps, const int16_t *const *rows, const int8_t *w,
                                 const int64_t *bias, const ck_i16_requant *q, int16_t *out) {
    for (size_t p = 0; p < pixels; p++) {
        const int16_t *const *tp = rows + p * taps;
        for (size_t c = 0; c < channels; c++) {
            int64_t acc = bias ? bias[c] : 0;
            for (size_t t = 0; t < taps; t++) acc += (int64_t)tp[t][c] * w[t * channels + c];
            out[p * channels + c] = requant16x8(acc, c, q);
        }
    }
}

// MARK: AVX2

#if CK_I8_X86
AVX2 static void gemm16_avx2(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                             const int64_t *bias, const ck_i16_requant *q, int16_t *out, size_t out_stride) {
    size_t panels = (n + CK_I8_PANEL - 1) / CK_I8_PANEL, pairs = (k + 1) / 2;
    int16_t *wide = malloc(MR * pairs * 2 * sizeof(int16_t) + 64);
    if (!wide) {
        gemm16_portable(m, n, k, a, a_stride, packed, bias, q, out, out_stride);
        return;
    }
    for (size_t i = 0; i < m; i += MR) {
        size_t rows = min_size(MR, m - i);
        for (size_t r = 0; r < MR; r++) {
            int16_t *dst = wide + r * pairs * 2;
            memcpy(dst, a + min_size(i + r, m - 1) * a_stride, k * sizeof(int16_t));
            if (k & 1) dst[k] = 0;
        }
        for (size_t p = 0; p < panels; p++) {
            int32_t tile[MR][CK_I8_PANEL];
            ck_i8_tile_avx2(wide, pairs, packed + p * pairs * CK_I8_PANEL * 2, tile);
            size_t column = p * CK_I8_PANEL, columns = min_size(CK_I8_PANEL, n - column);
            for (size_t r = 0; r < rows; r++) {
                int16_t *o = out + (i + r) * out_stride + column;
                for (size_t j = 0; j < columns; j++) o[j] = requant16x8((int64_t)tile[r][j] + (bias ? bias[column + j] : 0), column + j, q);
            }
        }
    }
    free(wide);
}

AVX2 static void depthwise16_avx2(size_t pixels, size_t channels, size_t taps, const int16_t *const *rows, const int8_t *w,
                                  const int64_t *bias, const ck_i16_requant *q, int16_t *out) {
    for (size_t p = 0; p < pixels; p++) {
        const int16_t *const *tp = rows + p * taps;
        int16_t *o = out + p * channels;
        size_t c = 0;
        for (; c + 8 <= channels; c += 8) {
            __m256i acc = _mm256_setzero_si256();
            for (size_t t = 0; t < taps; t++) {
                __m256i x = _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(tp[t] + c)));
                __m256i y = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(w + t * channels + c)));
                acc = _mm256_add_epi32(acc, _mm256_mullo_epi32(x, y));
            }
            int32_t sums[8];
            _mm256_storeu_si256((__m256i *)sums, acc);
            for (size_t j = 0; j < 8; j++) o[c + j] = requant16x8((int64_t)sums[j] + (bias ? bias[c + j] : 0), c + j, q);
        }
        for (; c < channels; c++) {
            int64_t acc = bias ? bias[c] : 0;
            for (size_t t = 0; t < taps; t++) acc += (int64_t)tp[t][c] * w[t * channels + c];
            o[c] = requant16x8(acc, c, q);
        }
    }
}

#endif

// MARK: dispatch

void ck_i16_gemm(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                 const int64_t *bias, const ck_i16_requant *q, int16_t *out, size_t out_stride) {
    if (m == 0 || n == 0) return;
#if CK_I8_X86
    if (ck_f32_uses_avx2()) {
        gemm16_avx2(m, n, k, a, a_stride, packed, bias, q, out, out_stride);
        return;
    }
#endif
    gemm16_portable(m, n, k, a, a_stride, packed, bias, q, out, out_stride);
}

void ck_i16_depthwise(size_t pixels, size_t channels, size_t taps, const int16_t *const *rows, const int8_t *w,
                      const int64_t *bias, const ck_i16_requant *q, int16_t *out) {
#if CK_I8_X86
    if (ck_f32_uses_avx2()) {
        depthwise16_avx2(pixels, channels, taps, rows, w, bias, q, out);
        return;
    }
#endif
    depthwise16_portable(pixels, channels, taps, rows, w, bias, q, out);
}
