// Internal to CKernels: the int16×8 requantizations (int64 fixed point, or FULLY_CONNECTED's
// double rescale), scalar and vectorized for AVX2.
#ifndef EDGEWISE_CKERNELS_I16_REQUANT_H
#define EDGEWISE_CKERNELS_I16_REQUANT_H

#include "i8_requant.h"

/// Either requantization: `scales` non-NULL selects the double rescale, else `reduced`/`totals`.
typedef struct {
    const int64_t *reduced;
    const int64_t *totals;
    const double *scales;
    int32_t offset, lo, hi;
} rq16;

static inline rq16 rq16_fixed(const ck_i16_requant *q) {
    return (rq16){q->reduced, q->totals, NULL, q->output_offset, q->act_min, q->act_max};
}

static inline rq16 rq16_rescaled(const ck_i16_rescale *q) {
    return (rq16){NULL, NULL, q->scales, q->output_offset, q->act_min, q->act_max};
}

/// One output of channel `c` for the int64 sum `s` (bias included).
static inline int16_t rq16_one(int64_t s, size_t c, const rq16 *q) {
    int32_t scaled;
    if (q->scales) {
        scaled = ck_round_saturated((double)s * q->scales[c]);
    } else {
        int64_t total = q->totals[c];
        uint64_t product = (uint64_t)s * (uint64_t)q->reduced[c] + ((uint64_t)1 << (total - 1));
        scaled = (int32_t)((int64_t)product >> total);
    }
    int32_t v = (int32_t)((uint32_t)scaled + (uint32_t)q->offset);
    v = v < q->lo ? q->lo : v;
    v = v > q->hi ? q->hi : v;
    return (int16_t)v;
}

#if CK_X86
/// The fixed-point scaling of four int64 sums of channels `c..<c+4`, as int64 lanes whose low
/// halves are the int32 results.
CK_AVX2 __attribute__((always_inline)) static inline __m256i rq16_scale4(__m256i s, size_t c, const rq16 *q) {
    __m256i r = _mm256_loadu_si256((const __m256i *)(q->reduced + c));
    __m256i t = _mm256_loadu_si256((const __m256i *)(q->totals + c));
    // s·r mod 2^64 from the unsigned 32-bit halves of s (r < 2^31).
    __m256i product = _mm256_add_epi64(_mm256_mul_epu32(s, r), _mm256_slli_epi64(_mm256_mul_epu32(_mm256_srli_epi64(s, 32), r), 32));
    __m256i one = _mm256_set1_epi64x(1);
    product = _mm256_add_epi64(product, _mm256_sllv_epi64(one, _mm256_sub_epi64(t, one)));
    // Arithmetic shift right by t: logical shift, then sign-extend from bit 63 − t.
    __m256i sign = _mm256_srlv_epi64(_mm256_set1_epi64x(INT64_MIN), t);
    return _mm256_sub_epi64(_mm256_xor_si256(_mm256_srlv_epi64(product, t), sign), sign);
}

/// Eight requantized outputs of channels `c..<c+8` from int64 sums `a` (c..<c+4) and `b`
/// (c+4..<c+8), offset and clamped, as int32 lanes (fixed-point requantization only).
CK_AVX2 __attribute__((always_inline)) static inline __m256i rq16_eight(__m256i a, __m256i b, size_t c, const rq16 *q) {
    __m256 halves = _mm256_shuffle_ps(_mm256_castsi256_ps(rq16_scale4(a, c, q)), _mm256_castsi256_ps(rq16_scale4(b, c + 4, q)),
                                      _MM_SHUFFLE(2, 0, 2, 0));
    __m256i v = _mm256_permute4x64_epi64(_mm256_castps_si256(halves), 0xD8);
    v = _mm256_add_epi32(v, _mm256_set1_epi32(q->offset));
    v = _mm256_max_epi32(v, _mm256_set1_epi32(q->lo));
    return _mm256_min_epi32(v, _mm256_set1_epi32(q->hi));
}

/// `rq16_eight` for int32 sums of channels `c..<c+8` plus their int64 `bias` (may be NULL).
CK_AVX2 __attribute__((always_inline)) static inline __m256i rq16_eight32(__m256i s, const int64_t *bias, size_t c, const rq16 *q) {
    __m256i a = _mm256_cvtepi32_epi64(_mm256_castsi256_si128(s)), b = _mm256_cvtepi32_epi64(_mm256_extracti128_si256(s, 1));
    if (bias) {
        a = _mm256_add_epi64(a, _mm256_loadu_si256((const __m256i *)(bias + c)));
        b = _mm256_add_epi64(b, _mm256_loadu_si256((const __m256i *)(bias + c + 4)));
    }
    return rq16_eight(a, b, c, q);
}

/// Stores two vectors of eight int32 outputs in [-32768, 32767] as 16 int16 values.
CK_AVX2 __attribute__((always_inline)) static inline void rq16_store16(int16_t *out, __m256i lo, __m256i hi) {
    _mm256_storeu_si256((__m256i *)out, _mm256_permute4x64_epi64(_mm256_packs_epi32(lo, hi), 0xD8));
}

/// Stores eight int32 outputs in [-32768, 32767] as int16 values.
CK_AVX2 __attribute__((always_inline)) static inline void rq16_store8(int16_t *out, __m256i v) {
    _mm_storeu_si128((__m128i *)out, _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1)));
}
#endif

#endif
