// The float ends of the hybrid kernels: the on-the-fly row quantization of their inputs
// (`HybridQuantization` in Swift), with LiteRT's x86 arithmetic — the products with the inverse
// scale rounded by adding ±0.5 and truncating in groups of 8, the rest half away from zero, each
// converted like `cvttps2dq` — and the rescale of their integer sums to float outputs.
#include "i8_requant.h"

/// The x86 float → int32 conversion of an integral value: INT32_MIN when out of range or NaN.
static inline int32_t x86_int32(float x) {
    double d = x;
    return d > -2147483649.0 && d < 2147483648.0 ? (int32_t)d : INT32_MIN;
}

/// One quantized value: `rounded` + zero point (wrapping), clamped to [lo, hi].
static inline int8_t finish(float rounded, int32_t zero_point, int32_t lo, int32_t hi) {
    int32_t v = (int32_t)((uint32_t)x86_int32(rounded) + (uint32_t)zero_point);
    return (int8_t)(v < lo ? lo : v > hi ? hi : v);
}

#if CK_X86
CK_AVX2 static void range_avx2(size_t count, const float *x, float *low, float *high) {
    __m256 lo = _mm256_set1_ps(*low), hi = _mm256_set1_ps(*high);
    size_t i = 0;
    // min/max with the new value first keep the old bound when the value is NaN.
    for (; i + 8 <= count; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        lo = _mm256_min_ps(v, lo), hi = _mm256_max_ps(v, hi);
    }
    float l[8], h[8];
    _mm256_storeu_ps(l, lo), _mm256_storeu_ps(h, hi);
    for (size_t j = 0; j < 8; j++) {
        *low = l[j] < *low ? l[j] : *low;
        *high = h[j] > *high ? h[j] : *high;
    }
    for (; i < count; i++) {
        *low = x[i] < *low ? x[i] : *low;
        *high = x[i] > *high ? x[i] : *high;
    }
}

CK_AVX2 static size_t quantize_avx2(size_t count, const float *x, float inverse, int32_t zero_point, int32_t lo, int32_t hi,
                                    int8_t *out) {
    const __m256 scale = _mm256_set1_ps(inverse), half = _mm256_set1_ps(0.5f), minus_half = _mm256_set1_ps(-0.5f);
    const __m256i zp = _mm256_set1_epi32(zero_point), low = _mm256_set1_epi32(lo), high = _mm256_set1_epi32(hi);
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 v = _mm256_mul_ps(_mm256_loadu_ps(x + i), scale);
        __m256 nudged = _mm256_add_ps(v, _mm256_blendv_ps(half, minus_half, _mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_LT_OQ)));
        __m256i q = _mm256_add_epi32(_mm256_cvttps_epi32(nudged), zp);
        q = _mm256_min_epi32(_mm256_max_epi32(q, low), high);
        __m256i bytes = _mm256_packs_epi16(_mm256_packs_epi32(q, q), _mm256_setzero_si256());
        __m128i both = _mm_unpacklo_epi32(_mm256_castsi256_si128(bytes), _mm256_extracti128_si256(bytes, 1));
        _mm_storel_epi64((__m128i *)(out + i), both);
    }
    return i;
}
#endif

/// One output of `ck_hyb_dequantize`: Swift's max(v, low) then min(·, high).
static inline float clamp_like_swift(float v, float low, float high) {
    v = low >= v ? low : v;
    return high < v ? high : v;
}

#if CK_X86
CK_AVX2 static size_t dequantize_avx2(size_t channels, const int32_t *sums, const float *factors, int factor_per_channel,
                                      const float *row_scale, const float *bias, float low, float high, float *out) {
    const __m256 vlo = _mm256_set1_ps(low), vhi = _mm256_set1_ps(high);
    size_t oc = 0;
    for (; oc + 8 <= channels; oc += 8) {
        __m256 v = _mm256_cvtepi32_ps(_mm256_loadu_si256((const __m256i *)(sums + oc)));
        v = _mm256_mul_ps(v, factor_per_channel ? _mm256_loadu_ps(factors + oc) : _mm256_set1_ps(factors[0]));
        if (row_scale) v = _mm256_mul_ps(v, _mm256_set1_ps(*row_scale));
        v = _mm256_add_ps(v, bias ? _mm256_loadu_ps(bias + oc) : _mm256_setzero_ps());
        v = _mm256_blendv_ps(v, vlo, _mm256_cmp_ps(vlo, v, _CMP_GE_OQ));
        v = _mm256_blendv_ps(v, vhi, _mm256_cmp_ps(vhi, v, _CMP_LT_OQ));
        _mm256_storeu_ps(out + oc, v);
    }
    return oc;
}
#endif

void ck_hyb_dequantize(size_t pixels, size_t channels, const int32_t *sums, const float *factors, int factor_per_channel,
                       const float *row_scale, const float *bias, float low, float high, float *out) {
    for (size_t p = 0; p < pixels; p++, sums += channels, out += channels) {
        size_t oc = 0;
#if CK_X86
        if (ck_f32_uses_avx2())
            oc = dequantize_avx2(channels, sums, factors, factor_per_channel, row_scale, bias, low, high, out);
#endif
        for (; oc < channels; oc++) {
            float v = (float)sums[oc] * factors[factor_per_channel ? oc : 0];
            if (row_scale) v = v * *row_scale;
            out[oc] = clamp_like_swift(v + (bias ? bias[oc] : 0.0f), low, high);
        }
    }
}

void ck_f32_range(size_t count, const float *x, float *low, float *high) {
#if CK_X86
    if (ck_f32_uses_avx2()) {
        range_avx2(count, x, low, high);
        return;
    }
#endif
    for (size_t i = 0; i < count; i++) {
        *low = x[i] < *low ? x[i] : *low;
        *high = x[i] > *high ? x[i] : *high;
    }
}

void ck_hyb_quantize_row(size_t count, const float *x, float inverse, int32_t zero_point, int32_t lo, int32_t hi, int8_t *out) {
    size_t i = 0, groups = count & ~(size_t)7;
#if CK_X86
    if (ck_f32_uses_avx2()) i = quantize_avx2(groups, x, inverse, zero_point, lo, hi, out);
#endif
    for (; i < groups; i++) {
        float v = x[i] * inverse;
        out[i] = finish(truncf(v + (v < 0 ? -0.5f : 0.5f)), zero_point, lo, hi);
    }
    for (; i < count; i++) out[i] = finish(roundf(x[i] * inverse), zero_point, lo, hi);
}
