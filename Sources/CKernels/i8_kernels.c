// The int8 GEMM on int16-pair packed weights with exact TFLite requantization: portable C
// plus AVX2 versions (vectorized requantization included) compiled with per-function target
// attributes, chosen with the float ones.
#include "i8_requant.h"

#include <stdlib.h>

size_t ck_i8_packed_count(size_t n, size_t k) {
    return (n + CK_I8_PANEL - 1) / CK_I8_PANEL * CK_I8_PANEL * ((k + 1) / 2 * 2);
}

void ck_i8_pack(size_t n, size_t k, const int8_t *w, int16_t *packed) {
    size_t panels = (n + CK_I8_PANEL - 1) / CK_I8_PANEL, pairs = (k + 1) / 2;
    for (size_t p = 0; p < panels; p++) {
        for (size_t q = 0; q < pairs; q++) {
            int16_t *dst = packed + (p * pairs + q) * CK_I8_PANEL * 2;
            for (size_t j = 0; j < CK_I8_PANEL; j++) {
                size_t row = p * CK_I8_PANEL + j;
                for (size_t e = 0; e < 2; e++) {
                    size_t kk = 2 * q + e;
                    dst[2 * j + e] = (row < n && kk < k) ? w[row * k + kk] : 0;
                }
            }
        }
    }
}

// MARK: portable

static void gemm_portable(size_t m, size_t n, size_t k, const int8_t *a, size_t a_stride, const int16_t *packed,
                          const int32_t *folded, const ck_i8_requant *q, int8_t *out, size_t out_stride) {
    size_t panels = (n + CK_I8_PANEL - 1) / CK_I8_PANEL, pairs = (k + 1) / 2;
    for (size_t i = 0; i < m; i++) {
        const int8_t *row = a + i * a_stride;
        for (size_t p = 0; p < panels; p++) {
            uint32_t acc[CK_I8_PANEL] = {0};
            const int16_t *w = packed + p * pairs * CK_I8_PANEL * 2;
            for (size_t qq = 0; qq < pairs; qq++, w += CK_I8_PANEL * 2) {
                int32_t x0 = row[2 * qq], x1 = 2 * qq + 1 < k ? row[2 * qq + 1] : 0;
                for (size_t j = 0; j < CK_I8_PANEL; j++) acc[j] += (uint32_t)(x0 * w[2 * j] + x1 * w[2 * j + 1]);
            }
            size_t column = p * CK_I8_PANEL, columns = min_size(CK_I8_PANEL, n - column);
            for (size_t j = 0; j < columns; j++) {
                int32_t s = (int32_t)(acc[j] + (uint32_t)folded[column + j]);
                out[i * out_stride + column + j] = requant(s, column + j, q);
            }
        }
    }
}

// MARK: AVX2

#if CK_X86

CK_AVX2 void ck_i8_tile_avx2(const int16_t *wide, size_t pairs, const int16_t *w, int32_t tile[MR][CK_I8_PANEL]) {
    __m256i c00 = _mm256_setzero_si256(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    const int16_t *a0 = wide, *a1 = a0 + 2 * pairs, *a2 = a1 + 2 * pairs, *a3 = a2 + 2 * pairs;
    for (size_t qq = 0; qq < pairs; qq++, w += CK_I8_PANEL * 2) {
        __m256i w0 = _mm256_loadu_si256((const __m256i *)w), w1 = _mm256_loadu_si256((const __m256i *)(w + 16));
        __m256i x;
        x = _mm256_set1_epi32(pair_at(a0 + 2 * qq));
        c00 = _mm256_add_epi32(c00, _mm256_madd_epi16(x, w0));
        c01 = _mm256_add_epi32(c01, _mm256_madd_epi16(x, w1));
        x = _mm256_set1_epi32(pair_at(a1 + 2 * qq));
        c10 = _mm256_add_epi32(c10, _mm256_madd_epi16(x, w0));
        c11 = _mm256_add_epi32(c11, _mm256_madd_epi16(x, w1));
        x = _mm256_set1_epi32(pair_at(a2 + 2 * qq));
        c20 = _mm256_add_epi32(c20, _mm256_madd_epi16(x, w0));
        c21 = _mm256_add_epi32(c21, _mm256_madd_epi16(x, w1));
        x = _mm256_set1_epi32(pair_at(a3 + 2 * qq));
        c30 = _mm256_add_epi32(c30, _mm256_madd_epi16(x, w0));
        c31 = _mm256_add_epi32(c31, _mm256_madd_epi16(x, w1));
    }
    _mm256_storeu_si256((__m256i *)tile[0], c00);
    _mm256_storeu_si256((__m256i *)(tile[0] + 8), c01);
    _mm256_storeu_si256((__m256i *)tile[1], c10);
    _mm256_storeu_si256((__m256i *)(tile[1] + 8), c11);
    _mm256_storeu_si256((__m256i *)tile[2], c20);
    _mm256_storeu_si256((__m256i *)(tile[2] + 8), c21);
    _mm256_storeu_si256((__m256i *)tile[3], c30);
    _mm256_storeu_si256((__m256i *)(tile[3] + 8), c31);
}

CK_AVX2 static void gemm_avx2(size_t m, size_t n, size_t k, const int8_t *a, size_t a_stride, const int16_t *packed,
                           const int32_t *folded, const ck_i8_requant *q, int8_t *out, size_t out_stride) {
    size_t panels = (n + CK_I8_PANEL - 1) / CK_I8_PANEL, pairs = (k + 1) / 2;
    int16_t *wide = malloc(MR * pairs * 2 * sizeof(int16_t) + 64);
    if (!wide) {
        gemm_portable(m, n, k, a, a_stride, packed, folded, q, out, out_stride);
        return;
    }
    for (size_t i = 0; i < m; i += MR) {
        size_t rows = min_size(MR, m - i);
        for (size_t r = 0; r < MR; r++) {
            const int8_t *src = a + min_size(i + r, m - 1) * a_stride;
            int16_t *dst = wide + r * pairs * 2;
            for (size_t kk = 0; kk < k; kk++) dst[kk] = src[kk];
            if (k & 1) dst[k] = 0;
        }
        for (size_t p = 0; p < panels; p++) {
            const int16_t *w = packed + p * pairs * CK_I8_PANEL * 2;
            int32_t tile[MR][CK_I8_PANEL];
            ck_i8_tile_avx2(wide, pairs, w, tile);
            size_t column = p * CK_I8_PANEL, columns = min_size(CK_I8_PANEL, n - column);
            for (size_t r = 0; r < rows; r++) {
                int8_t *o = out + (i + r) * out_stride + column;
                if (columns == CK_I8_PANEL) {
                    __m256i lo = _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)tile[r]),
                                                  _mm256_loadu_si256((const __m256i *)(folded + column)));
                    __m256i hi = _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(tile[r] + 8)),
                                                  _mm256_loadu_si256((const __m256i *)(folded + column + 8)));
                    requant16(lo, hi, column, q, o);
                    continue;
                }
                for (size_t j = 0; j < columns; j++) {
                    int32_t s = (int32_t)((uint32_t)tile[r][j] + (uint32_t)folded[column + j]);
                    o[j] = requant(s, column + j, q);
                }
            }
        }
    }
    free(wide);
}

#endif

// MARK: dispatch

void ck_i8_gemm(size_t m, size_t n, size_t k, const int8_t *a, size_t a_stride, const int16_t *packed,
                const int32_t *folded, const ck_i8_requant *q, int8_t *out, size_t out_stride) {
    if (m == 0 || n == 0) return;
#if CK_X86
    if (ck_f32_uses_avx2()) {
        gemm_avx2(m, n, k, a, a_stride, packed, folded, q, out, out_stride);
        return;
    }
#endif
    gemm_portable(m, n, k, a, a_stride, packed, folded, q, out, out_stride);
}
