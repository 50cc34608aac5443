// Internal to CKernels: the exact TFLite requantizations shared by the int8 and int16 kernels
// (scalar, and vectorized for AVX2), and the shared AVX2 int16-pair tile.
#ifndef EDGEWISE_CKERNELS_REQUANT_H
#define EDGEWISE_CKERNELS_REQUANT_H

#include "CKernels.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CK_I8_X86 1
#include <immintrin.h>
#define AVX2 __attribute__((target("avx2")))
#else
#define CK_I8_X86 0
#endif

/// Rows per int16-pair GEMM tile.
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

/// One int16×8 output: TFLite's int64 MultiplyByQuantizedMultiplier, offset, clamp.
static inline int16_t requant16x8(int64_t s, size_t c, const ck_i16_requant *q) {
    int64_t reduced = q->reduced[c], total = q->totals[c];
    int64_t scaled = (int64_t)((uint64_t)s * (uint64_t)reduced + ((uint64_t)1 << (total - 1))) >> total;
    int32_t v = (int32_t)((uint32_t)(int32_t)scaled + (uint32_t)q->output_offset);
    v = v < q->act_min ? q->act_min : v;
    v = v > q->act_max ? q->act_max : v;
    return (int16_t)v;
}

#if CK_I8_X86
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
AVX2 void ck_i8_tile_avx2(const int16_t *wide, size_t pairs, const int16_t *w, int32_t tile[MR][CK_I8_PANEL]);
#endif

#endif
