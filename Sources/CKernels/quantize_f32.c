// float32 → int16/int8/uint8 QUANTIZE with TFLite's exact rounding: portable C and AVX2.
#include "i8_requant.h"

/// The quantized value of `v` minus the zero point, clamped to [lo, hi] (both integers).
static inline int32_t quantize_one(float v, float scale, float lo, float hi) {
    float r = roundf(v / scale);
    r = r != r ? 0.0f : r;
    r = r < lo ? lo : r;
    r = r > hi ? hi : r;
    return (int32_t)r;
}

#if CK_X86
/// `quantize_one` on eight values plus the zero point, as int32 lanes.
CK_AVX2 static inline __m256i quantize8(const float *x, __m256 scale, __m256 lo, __m256 hi, __m256i zero_point) {
    __m256 r = _mm256_div_ps(_mm256_loadu_ps(x), scale);
    // Round half away from zero: truncate, then step away from zero when |fraction| ≥ 0.5
    // (the fraction r − trunc(r) is exact).
    __m256 t = _mm256_round_ps(r, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    __m256 fraction = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), _mm256_sub_ps(r, t));
    __m256 away = _mm256_or_ps(_mm256_and_ps(r, _mm256_set1_ps(-0.0f)), _mm256_set1_ps(1.0f));
    r = _mm256_add_ps(t, _mm256_and_ps(_mm256_cmp_ps(fraction, _mm256_set1_ps(0.5f), _CMP_GE_OQ), away));
    r = _mm256_andnot_ps(_mm256_cmp_ps(r, r, _CMP_UNORD_Q), r);
    r = _mm256_min_ps(_mm256_max_ps(r, lo), hi);
    return _mm256_add_epi32(_mm256_cvttps_epi32(r), zero_point);
}

/// 16 quantized values from `x` as int16 lanes in order.
CK_AVX2 static inline __m256i quantize16(const float *x, __m256 scale, __m256 lo, __m256 hi, __m256i zero_point) {
    __m256i a = quantize8(x, scale, lo, hi, zero_point), b = quantize8(x + 8, scale, lo, hi, zero_point);
    return _mm256_permute4x64_epi64(_mm256_packs_epi32(a, b), 0xD8);
}

CK_AVX2 static size_t quantize_avx2(size_t count, const float *x, float scale, int32_t zero_point, float lo, float hi, void *out, int kind) {
    __m256 s = _mm256_set1_ps(scale), l = _mm256_set1_ps(lo), h = _mm256_set1_ps(hi);
    __m256i z = _mm256_set1_epi32(zero_point);
    size_t i = 0;
    if (kind == 16) {
        for (; i + 16 <= count; i += 16) _mm256_storeu_si256((__m256i *)((int16_t *)out + i), quantize16(x + i, s, l, h, z));
        return i;
    }
    for (; i + 32 <= count; i += 32) {
        __m256i a = quantize16(x + i, s, l, h, z), b = quantize16(x + i + 16, s, l, h, z);
        __m256i bytes = kind == 8 ? _mm256_packs_epi16(a, b) : _mm256_packus_epi16(a, b);
        _mm256_storeu_si256((__m256i *)((uint8_t *)out + i), _mm256_permute4x64_epi64(bytes, 0xD8));
    }
    return i;
}
#endif

/// Quantizes into int16 (`kind` 16), int8 (8) or uint8 (0) values with range [qmin, qmax].
static void quantize(size_t count, const float *x, float scale, int32_t zero_point, int32_t qmin, int32_t qmax, void *out, int kind) {
    float lo = (float)(qmin - zero_point), hi = (float)(qmax - zero_point);
    size_t i = 0;
#if CK_X86
    if (ck_f32_uses_avx2()) i = quantize_avx2(count, x, scale, zero_point, lo, hi, out, kind);
#endif
    for (; i < count; i++) {
        int32_t v = quantize_one(x[i], scale, lo, hi) + zero_point;
        if (kind == 16) {
            ((int16_t *)out)[i] = (int16_t)v;
        } else if (kind == 8) {
            ((int8_t *)out)[i] = (int8_t)v;
        } else {
            ((uint8_t *)out)[i] = (uint8_t)v;
        }
    }
}

void ck_quantize_f32_i16(size_t count, const float *x, float scale, int32_t zero_point, int16_t *out) {
    quantize(count, x, scale, zero_point, INT16_MIN, INT16_MAX, out, 16);
}

void ck_quantize_f32_i8(size_t count, const float *x, float scale, int32_t zero_point, int8_t *out) {
    quantize(count, x, scale, zero_point, INT8_MIN, INT8_MAX, out, 8);
}

void ck_quantize_f32_u8(size_t count, const float *x, float scale, int32_t zero_point, uint8_t *out) {
    quantize(count, x, scale, zero_point, 0, UINT8_MAX, out, 0);
}
