// Int8 packed-weight GEMM and depthwise kernels with exact TFLite requantization: portable C
// plus AVX2 versions (vectorized requantization included) compiled with per-function target
// attributes, chosen with the float ones.
#include "CKernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CK_I8_X86 1
#include <immintrin.h>
#else
#define CK_I8_X86 0
#endif

#define MR 4

static inline size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

/// Two adjacent int16 values as one 32-bit lane.
static inline int32_t pair_at(const int16_t *p) {
    int32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/// One output value: TFLite's MultiplyByQuantizedMultiplier (or the double rescale), offset, clamp.
static inline int8_t requant(int32_t s, size_t c, const ck_i8_requant *q) {
    int32_t scaled;
    if (q->double_scales) {
        double v = round((double)s * q->double_scales[c]);
        v = v < -2147483648.0 ? -2147483648.0 : v;
        v = v > 2147483647.0 ? 2147483647.0 : v;
        scaled = (int32_t)v;
    } else {
        int32_t left = q->left_shifts[c], right = q->right_shifts[c], m = q->multipliers[c];
        int32_t x = left >= 32 ? 0 : (int32_t)((uint32_t)s << left);
        int32_t high;
        if (x == INT32_MIN && m == INT32_MIN) {
            high = INT32_MAX;
        } else {
            int64_t product = (int64_t)x * m;
            int64_t nudge = product >= 0 ? (INT64_C(1) << 30) : 1 - (INT64_C(1) << 30);
            high = (int32_t)((product + nudge) / (INT64_C(1) << 31));
        }
        int32_t mask = (int32_t)((INT64_C(1) << right) - 1);
        int32_t threshold = (mask >> 1) + (high < 0 ? 1 : 0);
        scaled = (high >> right) + ((high & mask) > threshold ? 1 : 0);
    }
    int32_t v = (int32_t)((uint32_t)scaled + (uint32_t)q->output_offset);
    v = v < q->act_min ? q->act_min : v;
    v = v > q->act_max ? q->act_max : v;
    return (int8_t)v;
}

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

/// One int16×8 output: TFLite's int64 MultiplyByQuantizedMultiplier, offset, clamp.
static inline int16_t requant16x8(int64_t s, size_t c, const ck_i16_requant *q) {
    int64_t reduced = q->reduced[c], total = q->totals[c];
    int64_t scaled = (int64_t)((uint64_t)s * (uint64_t)reduced + ((uint64_t)1 << (total - 1))) >> total;
    int32_t v = (int32_t)((uint32_t)(int32_t)scaled + (uint32_t)q->output_offset);
    v = v < q->act_min ? q->act_min : v;
    v = v > q->act_max ? q->act_max : v;
    return (int16_t)v;
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

static void depthwise_portable(size_t pixels, size_t channels, size_t taps, const int8_t *const *rows, const int8_t *w,
                               const int32_t *folded, const ck_i8_requant *q, int8_t *out) {
    for (size_t p = 0; p < pixels; p++) {
        const int8_t *const *tp = rows + p * taps;
        for (size_t c = 0; c < channels; c++) {
            uint32_t acc = (uint32_t)folded[c];
            for (size_t t = 0; t < taps; t++) acc += (uint32_t)((int32_t)tp[t][c] * w[t * channels + c]);
            out[p * channels + c] = requant((int32_t)acc, c, q);
        }
    }
}

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
#define AVX2 __attribute__((target("avx2")))

/// `requant` on the 8 channels from `c` (fixed-point path only), as int32 lanes.
AVX2 __attribute__((always_inline)) static inline __m256i requant8(__m256i s, size_t c, const ck_i8_requant *q) {
    __m256i m = _mm256_loadu_si256((const __m256i *)(q->multipliers + c));
    __m256i left = _mm256_loadu_si256((const __m256i *)(q->left_shifts + c));
    __m256i right = _mm256_loadu_si256((const __m256i *)(q->right_shifts + c));
    __m256i x = _mm256_sllv_epi32(s, left);
    // (x·m + 2^30) >> 31 on even and odd lanes; the low 32 bits are the same for any shift kind.
    __m256i half = _mm256_set1_epi64x(INT64_C(1) << 30);
    __m256i even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(x, m), half), 31);
    __m256i odd = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(m, 32)), half);
    __m256i high = _mm256_blend_epi32(even, _mm256_slli_epi64(_mm256_srli_epi64(odd, 31), 32), 0xAA);
    __m256i minimum = _mm256_set1_epi32(INT32_MIN);
    __m256i overflow = _mm256_and_si256(_mm256_cmpeq_epi32(x, minimum), _mm256_cmpeq_epi32(m, minimum));
    high = _mm256_blendv_epi8(high, _mm256_set1_epi32(INT32_MAX), overflow);
    __m256i one = _mm256_set1_epi32(1);
    __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, right), one);
    __m256i threshold = _mm256_sub_epi32(_mm256_srai_epi32(mask, 1), _mm256_cmpgt_epi32(_mm256_setzero_si256(), high));
    __m256i scaled = _mm256_sub_epi32(_mm256_srav_epi32(high, right),
                                      _mm256_cmpgt_epi32(_mm256_and_si256(high, mask), threshold));
    __m256i v = _mm256_add_epi32(scaled, _mm256_set1_epi32(q->output_offset));
    v = _mm256_max_epi32(v, _mm256_set1_epi32(q->act_min));
    return _mm256_min_epi32(v, _mm256_set1_epi32(q->act_max));
}

/// Requantizes 16 sums of channels `c..<c+16` into 16 int8 outputs at `out`.
AVX2 __attribute__((always_inline)) static inline void requant16(__m256i lo, __m256i hi, size_t c, const ck_i8_requant *q, int8_t *out) {
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

/// The MR×CK_I8_PANEL int32 sums of MR int16 rows (`2·pairs` values each, contiguous in `wide`)
/// with one packed weight panel.
AVX2 static void tile_avx2(const int16_t *wide, size_t pairs, const int16_t *w, int32_t tile[MR][CK_I8_PANEL]) {
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

AVX2 static void gemm_avx2(size_t m, size_t n, size_t k, const int8_t *a, size_t a_stride, const int16_t *packed,
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
            tile_avx2(wide, pairs, w, tile);
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
            tile_avx2(wide, pairs, packed + p * pairs * CK_I8_PANEL * 2, tile);
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

AVX2 static void depthwise_avx2(size_t pixels, size_t channels, size_t taps, const int8_t *const *rows, const int8_t *w,
                                const int32_t *folded, const ck_i8_requant *q, int8_t *out) {
    for (size_t p = 0; p < pixels; p++) {
        const int8_t *const *tp = rows + p * taps;
        int8_t *o = out + p * channels;
        size_t c = 0;
        for (; c + 16 <= channels; c += 16) {
            __m256i lo = _mm256_loadu_si256((const __m256i *)(folded + c));
            __m256i hi = _mm256_loadu_si256((const __m256i *)(folded + c + 8));
            for (size_t t = 0; t < taps; t++) {
                __m256i x = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(tp[t] + c)));
                __m256i y = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w + t * channels + c)));
                __m256i product = _mm256_mullo_epi16(x, y);
                lo = _mm256_add_epi32(lo, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(product)));
                hi = _mm256_add_epi32(hi, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(product, 1)));
            }
            requant16(lo, hi, c, q, o + c);
        }
        for (; c < channels; c++) {
            uint32_t acc = (uint32_t)folded[c];
            for (size_t t = 0; t < taps; t++) acc += (uint32_t)((int32_t)tp[t][c] * w[t * channels + c]);
            o[c] = requant((int32_t)acc, c, q);
        }
    }
}
#endif

// MARK: dispatch

void ck_i8_gemm(size_t m, size_t n, size_t k, const int8_t *a, size_t a_stride, const int16_t *packed,
                const int32_t *folded, const ck_i8_requant *q, int8_t *out, size_t out_stride) {
    if (m == 0 || n == 0) return;
#if CK_I8_X86
    if (ck_f32_uses_avx2()) {
        gemm_avx2(m, n, k, a, a_stride, packed, folded, q, out, out_stride);
        return;
    }
#endif
    gemm_portable(m, n, k, a, a_stride, packed, folded, q, out, out_stride);
}

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

void ck_i8_depthwise(size_t pixels, size_t channels, size_t taps, const int8_t *const *rows, const int8_t *w,
                     const int32_t *folded, const ck_i8_requant *q, int8_t *out) {
#if CK_I8_X86
    if (ck_f32_uses_avx2()) {
        depthwise_avx2(pixels, channels, taps, rows, w, folded, q, out);
        return;
    }
#endif
    depthwise_portable(pixels, channels, taps, rows, w, folded, q, out);
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
