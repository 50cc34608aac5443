// int16×8 packed-weight GEMM of any depth: int32 pair sums over chunks of at most
// CK_I16_MAX_DEPTH values, widened into int64 between chunks, then TFLite's exact int64
// requantization (or FULLY_CONNECTED's double rescale); portable C plus AVX2.
#include "i16_requant.h"

/// Depth pairs per int32 chunk.
#define CHUNK_PAIRS (CK_I16_MAX_DEPTH / 2)

// MARK: portable

static void gemm16_portable(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                            const int64_t *bias, const rq16 *q, int16_t *out, size_t out_stride) {
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
                out[i * out_stride + column + j] = rq16_one(acc[j] + (bias ? bias[column + j] : 0), column + j, q);
            }
        }
    }
}

// MARK: AVX2

#if CK_X86
/// The int16 pair starting at value `2·qq` of a row of `k` values (0 past the end).
static inline int32_t pair_or_last(const int16_t *row, size_t qq, size_t k) {
    return 2 * qq + 1 < k ? pair_at(row + 2 * qq) : (int32_t)(uint16_t)row[2 * qq];
}

/// Adds the int32 sums `lo` (columns 0..<8) and `hi` (8..<16) to the int64 row `acc`.
CK_AVX2 static inline void widen_into(int64_t *acc, __m256i lo, __m256i hi) {
    __m256i parts[4] = {_mm256_cvtepi32_epi64(_mm256_castsi256_si128(lo)), _mm256_cvtepi32_epi64(_mm256_extracti128_si256(lo, 1)),
                        _mm256_cvtepi32_epi64(_mm256_castsi256_si128(hi)), _mm256_cvtepi32_epi64(_mm256_extracti128_si256(hi, 1))};
    for (size_t e = 0; e < 4; e++) {
        __m256i *slot = (__m256i *)(acc + 4 * e);
        _mm256_storeu_si256(slot, _mm256_add_epi64(_mm256_loadu_si256(slot), parts[e]));
    }
}

/// Adds the products of MR rows' pairs `x` with one depth pair of a weight panel to `c`.
CK_AVX2 __attribute__((always_inline)) static inline void step_rows4(__m256i c[2 * MR], const int32_t x[MR], const int16_t *wp) {
    __m256i w0 = _mm256_loadu_si256((const __m256i *)wp), w1 = _mm256_loadu_si256((const __m256i *)(wp + 16));
    for (size_t row = 0; row < MR; row++) {
        __m256i v = _mm256_set1_epi32(x[row]);
        c[2 * row] = _mm256_add_epi32(c[2 * row], _mm256_madd_epi16(v, w0));
        c[2 * row + 1] = _mm256_add_epi32(c[2 * row + 1], _mm256_madd_epi16(v, w1));
    }
}

/// int64 sums of MR rows (`r[0..<MR]`, `k` values each) with one packed weight panel.
CK_AVX2 static void tile_rows4(const int16_t *const r[MR], size_t k, const int16_t *w, int64_t acc[MR][CK_I8_PANEL]) {
    memset(acc, 0, sizeof(int64_t) * MR * CK_I8_PANEL);
    size_t pairs = (k + 1) / 2, full = k / 2;
    for (size_t start = 0; start < pairs; start += CHUNK_PAIRS) {
        size_t end = min_size(pairs, start + CHUNK_PAIRS), stop = min_size(end, full);
        __m256i c[2 * MR];
        for (size_t e = 0; e < 2 * MR; e++) c[e] = _mm256_setzero_si256();
        const int16_t *wp = w + start * CK_I8_PANEL * 2;
        size_t qq = start;
        for (; qq < stop; qq++, wp += CK_I8_PANEL * 2) {
            int32_t x[MR] = {pair_at(r[0] + 2 * qq), pair_at(r[1] + 2 * qq), pair_at(r[2] + 2 * qq), pair_at(r[3] + 2 * qq)};
            step_rows4(c, x, wp);
        }
        if (qq < end) {
            int32_t x[MR] = {pair_or_last(r[0], qq, k), pair_or_last(r[1], qq, k), pair_or_last(r[2], qq, k), pair_or_last(r[3], qq, k)};
            step_rows4(c, x, wp);
        }
        for (size_t row = 0; row < MR; row++) widen_into(acc[row], c[2 * row], c[2 * row + 1]);
    }
}

/// int64 sums of one row of `k` values with one packed weight panel.
CK_AVX2 static void tile_row1(const int16_t *r, size_t k, const int16_t *w, int64_t acc[CK_I8_PANEL]) {
    memset(acc, 0, sizeof(int64_t) * CK_I8_PANEL);
    size_t pairs = (k + 1) / 2, full = k / 2;
    for (size_t start = 0; start < pairs; start += CHUNK_PAIRS) {
        size_t end = min_size(pairs, start + CHUNK_PAIRS), stop = min_size(end, full);
        __m256i c0 = _mm256_setzero_si256(), c1 = c0, c2 = c0, c3 = c0;
        const int16_t *wp = w + start * CK_I8_PANEL * 2;
        size_t qq = start;
        for (; qq + 2 <= stop; qq += 2, wp += CK_I8_PANEL * 4) {
            __m256i x = _mm256_set1_epi32(pair_at(r + 2 * qq)), y = _mm256_set1_epi32(pair_at(r + 2 * qq + 2));
            c0 = _mm256_add_epi32(c0, _mm256_madd_epi16(x, _mm256_loadu_si256((const __m256i *)wp)));
            c1 = _mm256_add_epi32(c1, _mm256_madd_epi16(x, _mm256_loadu_si256((const __m256i *)(wp + 16))));
            c2 = _mm256_add_epi32(c2, _mm256_madd_epi16(y, _mm256_loadu_si256((const __m256i *)(wp + 32))));
            c3 = _mm256_add_epi32(c3, _mm256_madd_epi16(y, _mm256_loadu_si256((const __m256i *)(wp + 48))));
        }
        for (; qq < end; qq++, wp += CK_I8_PANEL * 2) {
            __m256i x = _mm256_set1_epi32(pair_or_last(r, qq, k));
            c0 = _mm256_add_epi32(c0, _mm256_madd_epi16(x, _mm256_loadu_si256((const __m256i *)wp)));
            c1 = _mm256_add_epi32(c1, _mm256_madd_epi16(x, _mm256_loadu_si256((const __m256i *)(wp + 16))));
        }
        widen_into(acc, _mm256_add_epi32(c0, c2), _mm256_add_epi32(c1, c3));
    }
}

/// Requantizes one tile row `acc` (+ bias) of `columns` outputs from column `column` into `o`.
CK_AVX2 static void store_row(const int64_t *acc, const int64_t *bias, size_t column, size_t columns, const rq16 *q, int16_t *o) {
    if (columns < CK_I8_PANEL || q->scales) {
        for (size_t j = 0; j < columns; j++) o[j] = rq16_one(acc[j] + (bias ? bias[column + j] : 0), column + j, q);
        return;
    }
    __m256i s[4];
    for (size_t e = 0; e < 4; e++) {
        s[e] = _mm256_loadu_si256((const __m256i *)(acc + 4 * e));
        if (bias) s[e] = _mm256_add_epi64(s[e], _mm256_loadu_si256((const __m256i *)(bias + column + 4 * e)));
    }
    rq16_store16(o, rq16_eight(s[0], s[1], column, q), rq16_eight(s[2], s[3], column + 8, q));
}

CK_AVX2 static void gemm16_avx2(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                             const int64_t *bias, const rq16 *q, int16_t *out, size_t out_stride) {
    size_t panels = (n + CK_I8_PANEL - 1) / CK_I8_PANEL, pairs = (k + 1) / 2;
    for (size_t i = 0; i < m; i += MR) {
        size_t rows = min_size(MR, m - i);
        const int16_t *r[MR];
        for (size_t row = 0; row < MR; row++) r[row] = a + (i + min_size(row, rows - 1)) * a_stride;
        for (size_t p = 0; p < panels; p++) {
            const int16_t *w = packed + p * pairs * CK_I8_PANEL * 2;
            int64_t acc[MR][CK_I8_PANEL];
            if (rows == MR) {
                tile_rows4(r, k, w, acc);
            } else {
                for (size_t row = 0; row < rows; row++) tile_row1(r[row], k, w, acc[row]);
            }
            size_t column = p * CK_I8_PANEL, columns = min_size(CK_I8_PANEL, n - column);
            for (size_t row = 0; row < rows; row++) store_row(acc[row], bias, column, columns, q, out + (i + row) * out_stride + column);
        }
    }
}
#endif

// MARK: dispatch

static void gemm16(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                   const int64_t *bias, const rq16 *q, int16_t *out, size_t out_stride) {
    if (m == 0 || n == 0) return;
#if CK_X86
    if (ck_f32_uses_avx2()) {
        gemm16_avx2(m, n, k, a, a_stride, packed, bias, q, out, out_stride);
        return;
    }
#endif
    gemm16_portable(m, n, k, a, a_stride, packed, bias, q, out, out_stride);
}

void ck_i16_gemm(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                 const int64_t *bias, const ck_i16_requant *q, int16_t *out, size_t out_stride) {
    rq16 r = rq16_fixed(q);
    gemm16(m, n, k, a, a_stride, packed, bias, &r, out, out_stride);
}

void ck_i16_gemm_rescaled(size_t m, size_t n, size_t k, const int16_t *a, size_t a_stride, const int16_t *packed,
                          const int64_t *bias, const ck_i16_rescale *q, int16_t *out, size_t out_stride) {
    rq16 r = rq16_rescaled(q);
    gemm16(m, n, k, a, a_stride, packed, bias, &r, out, out_stride);
}
