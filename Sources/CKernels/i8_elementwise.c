// Same-shape quantized ADD/SUB/MUL: portable C, AVX2 (8 int32 lanes) and AVX-512 (16 lanes, where
// the int8 VNNI kernels run) versions with the exact double-rounding rescale.
#include "i8_requant.h"

/// MultiplyByQuantizedMultiplier with hoisted shifts.
static inline int32_t rescale(int32_t s, const ck_q_rescale *r) { return ck_rescale(s, r->multiplier, r->left, r->right); }

static inline int32_t add_one(int32_t a, int32_t b, const ck_q_add_params *p, int subtract) {
    int32_t x = rescale((int32_t)(((uint32_t)a + (uint32_t)p->input1_offset) << p->left_shift), &p->input1);
    int32_t y = rescale((int32_t)(((uint32_t)b + (uint32_t)p->input2_offset) << p->left_shift), &p->input2);
    int32_t raw = (int32_t)(subtract ? (uint32_t)x - (uint32_t)y : (uint32_t)x + (uint32_t)y);
    int32_t v = (int32_t)((uint32_t)rescale(raw, &p->output) + (uint32_t)p->output_offset);
    v = v < p->act_min ? p->act_min : v;
    return v > p->act_max ? p->act_max : v;
}

static inline int32_t mul_one(int32_t a, int32_t b, const ck_q_mul_params *p) {
    int32_t product = (int32_t)(((uint32_t)a + (uint32_t)p->input1_offset) * ((uint32_t)b + (uint32_t)p->input2_offset));
    int32_t v = (int32_t)((uint32_t)rescale(product, &p->output) + (uint32_t)p->output_offset);
    v = v < p->act_min ? p->act_min : v;
    return v > p->act_max ? p->act_max : v;
}

#if CK_X86

/// `rescale` on 8 int32 lanes (the int8 kernels' requantization with one multiplier and shift).
CK_AVX2 __attribute__((always_inline)) static inline __m256i rescale8(__m256i s, const ck_q_rescale *r) {
    int32_t mask = (int32_t)((INT64_C(1) << r->right) - 1);
    __m256i m = _mm256_set1_epi32(r->multiplier);
    return rescale8_lanes(s, m, m, _mm256_set1_epi32(r->left), _mm256_set1_epi32(r->right), _mm256_set1_epi32(mask),
                          _mm256_set1_epi32(mask >> 1), r->multiplier == INT32_MIN);
}

CK_AVX2 __attribute__((always_inline)) static inline __m256i clamp8(__m256i v, const ck_q_add_params *p) {
    v = _mm256_add_epi32(v, _mm256_set1_epi32(p->output_offset));
    v = _mm256_max_epi32(v, _mm256_set1_epi32(p->act_min));
    return _mm256_min_epi32(v, _mm256_set1_epi32(p->act_max));
}

CK_AVX2 __attribute__((always_inline)) static inline __m256i add8(__m256i a, __m256i b, const ck_q_add_params *p, int subtract) {
    __m128i shift = _mm_cvtsi32_si128(p->left_shift);
    __m256i x = rescale8(_mm256_sll_epi32(_mm256_add_epi32(a, _mm256_set1_epi32(p->input1_offset)), shift), &p->input1);
    __m256i y = rescale8(_mm256_sll_epi32(_mm256_add_epi32(b, _mm256_set1_epi32(p->input2_offset)), shift), &p->input2);
    __m256i raw = subtract ? _mm256_sub_epi32(x, y) : _mm256_add_epi32(x, y);
    return clamp8(rescale8(raw, &p->output), p);
}

CK_AVX2 __attribute__((always_inline)) static inline __m256i mul8(__m256i a, __m256i b, const ck_q_mul_params *p) {
    __m256i product = _mm256_mullo_epi32(_mm256_add_epi32(a, _mm256_set1_epi32(p->input1_offset)),
                                         _mm256_add_epi32(b, _mm256_set1_epi32(p->input2_offset)));
    return clamp8(rescale8(product, &p->output), p);
}

/// 8 clamped int32 lanes (already in the int16 range) as 8 int16 values.
CK_AVX2 __attribute__((always_inline)) static inline __m128i narrow16(__m256i v) {
    return _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
}

#define LOAD8(p) _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(p)))
#define LOAD16(p) _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(p)))
#define STORE8(p, v) _mm_storel_epi64((__m128i *)(p), _mm_packs_epi16(narrow16(v), narrow16(v)))
#define STORE16(p, v) _mm_storeu_si128((__m128i *)(p), narrow16(v))

CK_AVX2 static size_t q8_add_avx2(size_t n, const int8_t *a, const int8_t *b, const ck_q_add_params *p, int subtract, int8_t *out) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) STORE8(out + i, add8(LOAD8(a + i), LOAD8(b + i), p, subtract));
    return i;
}

CK_AVX2 static size_t q16_add_avx2(size_t n, const int16_t *a, const int16_t *b, const ck_q_add_params *p, int subtract, int16_t *out) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) STORE16(out + i, add8(LOAD16(a + i), LOAD16(b + i), p, subtract));
    return i;
}

CK_AVX2 static size_t q8_mul_avx2(size_t n, const int8_t *a, const int8_t *b, const ck_q_mul_params *p, int8_t *out) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) STORE8(out + i, mul8(LOAD8(a + i), LOAD8(b + i), p));
    return i;
}

CK_AVX2 static size_t q16_mul_avx2(size_t n, const int16_t *a, const int16_t *b, const ck_q_mul_params *p, int16_t *out) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) STORE16(out + i, mul8(LOAD16(a + i), LOAD16(b + i), p));
    return i;
}

/// `rescale` on 16 int32 lanes (the int8 kernels' requantization with one multiplier and shift).
CK_VNNI __attribute__((always_inline)) static inline __m512i rescale16(__m512i s, const ck_q_rescale *r) {
    requant16_constants k = requant16_uniform(r->multiplier, r->left, r->right);
    return requant16_scale(s, &k);
}

CK_VNNI __attribute__((always_inline)) static inline __m512i clamp16(__m512i v, int32_t offset, int32_t low, int32_t high) {
    v = _mm512_add_epi32(v, _mm512_set1_epi32(offset));
    return _mm512_min_epi32(_mm512_max_epi32(v, _mm512_set1_epi32(low)), _mm512_set1_epi32(high));
}

CK_VNNI __attribute__((always_inline)) static inline __m512i add16(__m512i a, __m512i b, const ck_q_add_params *p, int subtract) {
    __m128i shift = _mm_cvtsi32_si128(p->left_shift);
    __m512i x = rescale16(_mm512_sll_epi32(_mm512_add_epi32(a, _mm512_set1_epi32(p->input1_offset)), shift), &p->input1);
    __m512i y = rescale16(_mm512_sll_epi32(_mm512_add_epi32(b, _mm512_set1_epi32(p->input2_offset)), shift), &p->input2);
    __m512i raw = subtract ? _mm512_sub_epi32(x, y) : _mm512_add_epi32(x, y);
    return clamp16(rescale16(raw, &p->output), p->output_offset, p->act_min, p->act_max);
}

CK_VNNI __attribute__((always_inline)) static inline __m512i mul16(__m512i a, __m512i b, const ck_q_mul_params *p) {
    __m512i product = _mm512_mullo_epi32(_mm512_add_epi32(a, _mm512_set1_epi32(p->input1_offset)),
                                         _mm512_add_epi32(b, _mm512_set1_epi32(p->input2_offset)));
    return clamp16(rescale16(product, &p->output), p->output_offset, p->act_min, p->act_max);
}

#define LOAD8X16(p) _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(p)))
#define LOAD16X16(p) _mm512_cvtepi16_epi32(_mm256_loadu_si256((const __m256i *)(p)))
#define STORE8X16(p, v) _mm_storeu_si128((__m128i *)(p), _mm512_cvtsepi32_epi8(v))
#define STORE16X16(p, v) _mm256_storeu_si256((__m256i *)(p), _mm512_cvtsepi32_epi16(v))

CK_VNNI static size_t q8_add_avx512(size_t n, const int8_t *a, const int8_t *b, const ck_q_add_params *p, int subtract, int8_t *out) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) STORE8X16(out + i, add16(LOAD8X16(a + i), LOAD8X16(b + i), p, subtract));
    return i;
}

/// The float route to int8 ADD/SUB: with a' = a + offset1, b' = b + offset2, TFLite's three
/// roundings give clamp(⌊raw·s3 + 1/2 ± 2^-(r3+1)⌋ + zp) where raw = x ± y and x, y are a',
/// b' rescaled, each within 3/4 of its real value (see i8_requant_shortcut.c for one rescale). So
/// the output is ⌊a·A + b·B + bias⌋ with A, B the combined real factors, up to 1.5·s3 from the
/// two inner roundings plus float error; a sum farther than `margin` (above both) from an integer
/// has the exact floor, others take the exact path.
typedef struct {
    float a_scale, b_scale, offsets, bias_positive, bias_negative, tie_zone;
} add_shortcut;

/// The float route's constants for `p`; 0 when it does not apply (a rescale with a left shift or a
/// non-positive multiplier, an output rescale without a right shift) or its error bound is too
/// wide to be worth it.
static int add_shortcut_make(const ck_q_add_params *p, int subtract, add_shortcut *k) {
    // The input rescales need only the 3/4 bound (a right shift of 0 rounds once, within 1/2); the
    // output's single floor needs a right shift of at least 1.
    const ck_q_rescale *r[3] = {&p->input1, &p->input2, &p->output};
    for (int i = 0; i < 3; i++)
        if (r[i]->left != 0 || r[i]->right < (i == 2) || r[i]->right > 60 || r[i]->multiplier <= 0) return 0;
    if (p->left_shift < 0 || p->left_shift > 24) return 0;
    double s3 = ldexp(p->output.multiplier, -31 - p->output.right);
    double a = ldexp(p->input1.multiplier, p->left_shift - 31 - p->input1.right) * s3;
    double b = ldexp(p->input2.multiplier, p->left_shift - 31 - p->input2.right) * s3 * (subtract ? -1 : 1);
    double step = ldexp(1.0, -(p->output.right + 1)), terms = 256 * (fabs(a) + fabs(b));
    double bound = 1.5 * s3 + (8 * terms + 4 * (fabs((double)p->output_offset) + 1)) * ldexp(1.0, -24);
    double margin = fmax(ldexp(1.0, -13), 2 * bound);
    if (margin > ldexp(1.0, -8)) return 0;
    k->a_scale = (float)a;
    k->b_scale = (float)b;
    k->offsets = (float)(p->input1_offset * a + p->input2_offset * b);
    k->bias_positive = (float)(p->output_offset + 0.5 + step - margin);
    k->bias_negative = (float)(p->output_offset + 0.5 - step - margin);
    k->tie_zone = (float)(1 - 2 * margin);
    return 1;
}

/// int8 ADD/SUB of 16-value blocks through the float route, exact `add16` for undecided blocks.
CK_VNNI static size_t q8_add_shortcut(size_t n, const int8_t *a, const int8_t *b, const ck_q_add_params *p, int subtract,
                                   const add_shortcut *k, int8_t *out) {
    const __m512 a_scale = _mm512_set1_ps(k->a_scale), b_scale = _mm512_set1_ps(k->b_scale), offsets = _mm512_set1_ps(k->offsets);
    const __m512 up = _mm512_set1_ps(k->bias_positive), down = _mm512_set1_ps(k->bias_negative), tie = _mm512_set1_ps(k->tie_zone);
    const __m512i low = _mm512_set1_epi32(p->act_min), high = _mm512_set1_epi32(p->act_max);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512i x = LOAD8X16(a + i), y = LOAD8X16(b + i);
        __m512 real = _mm512_fmadd_ps(_mm512_cvtepi32_ps(x), a_scale, _mm512_fmadd_ps(_mm512_cvtepi32_ps(y), b_scale, offsets));
        // The sign of raw picks the rounding direction; where float gets it wrong the sum is far from an integer.
        __m512 sum = _mm512_add_ps(real, _mm512_mask_blend_ps(_mm512_movepi32_mask(_mm512_castps_si512(real)), up, down));
        __m512i v;
        if (_mm512_cmp_ps_mask(_mm512_reduce_ps(sum, _MM_FROUND_TO_NEG_INF), tie, _CMP_GT_OQ)) {
            v = add16(x, y, p, subtract);
        } else {
            v = _mm512_cvt_roundps_epi32(sum, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
            v = _mm512_min_epi32(_mm512_max_epi32(v, low), high);
        }
        STORE8X16(out + i, v);
    }
    return i;
}

CK_VNNI static size_t q8_requantize_avx512(size_t n, const int32_t *sums, int32_t bias, const ck_q_rescale *r,
                                        int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out) {
    const __m512i b = _mm512_set1_epi32(bias);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512i s = _mm512_add_epi32(_mm512_loadu_si512(sums + i), b);
        STORE8X16(out + i, clamp16(rescale16(s, r), output_offset, act_min, act_max));
    }
    return i;
}

CK_VNNI static size_t q16_add_avx512(size_t n, const int16_t *a, const int16_t *b, const ck_q_add_params *p, int subtract, int16_t *out) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) STORE16X16(out + i, add16(LOAD16X16(a + i), LOAD16X16(b + i), p, subtract));
    return i;
}

CK_VNNI static size_t q8_mul_avx512(size_t n, const int8_t *a, const int8_t *b, const ck_q_mul_params *p, int8_t *out) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) STORE8X16(out + i, mul16(LOAD8X16(a + i), LOAD8X16(b + i), p));
    return i;
}

CK_VNNI static size_t q16_mul_avx512(size_t n, const int16_t *a, const int16_t *b, const ck_q_mul_params *p, int16_t *out) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) STORE16X16(out + i, mul16(LOAD16X16(a + i), LOAD16X16(b + i), p));
    return i;
}
#endif

void ck_q8_add(size_t n, const int8_t *a, const int8_t *b, const ck_q_add_params *p, int subtract, int8_t *out) {
    size_t i = 0;
#if CK_X86
    if (ck_i8_uses_vnni()) {
        add_shortcut k;
        i = add_shortcut_make(p, subtract, &k) ? q8_add_shortcut(n, a, b, p, subtract, &k, out)
                                               : q8_add_avx512(n, a, b, p, subtract, out);
    }
    if (ck_f32_uses_avx2()) i += q8_add_avx2(n - i, a + i, b + i, p, subtract, out + i);
#endif
    for (; i < n; i++) out[i] = (int8_t)add_one(a[i], b[i], p, subtract);
}

void ck_q8_requantize(size_t n, const int32_t *sums, int32_t bias, const ck_q_rescale *r, int32_t output_offset,
                      int32_t act_min, int32_t act_max, int8_t *out) {
    size_t i = 0;
#if CK_X86
    if (ck_i8_uses_vnni()) i = q8_requantize_avx512(n, sums, bias, r, output_offset, act_min, act_max, out);
#endif
    for (; i < n; i++) {
        int32_t v = (int32_t)((uint32_t)rescale((int32_t)((uint32_t)sums[i] + (uint32_t)bias), r) + (uint32_t)output_offset);
        out[i] = (int8_t)(v < act_min ? act_min : v > act_max ? act_max : v);
    }
}

void ck_q16_add(size_t n, const int16_t *a, const int16_t *b, const ck_q_add_params *p, int subtract, int16_t *out) {
    size_t i = 0;
#if CK_X86
    if (ck_i8_uses_vnni()) i = q16_add_avx512(n, a, b, p, subtract, out);
    if (ck_f32_uses_avx2()) i += q16_add_avx2(n - i, a + i, b + i, p, subtract, out + i);
#endif
    for (; i < n; i++) out[i] = (int16_t)add_one(a[i], b[i], p, subtract);
}

void ck_q8_mul(size_t n, const int8_t *a, const int8_t *b, const ck_q_mul_params *p, int8_t *out) {
    size_t i = 0;
#if CK_X86
    if (ck_i8_uses_vnni()) i = q8_mul_avx512(n, a, b, p, out);
    if (ck_f32_uses_avx2()) i += q8_mul_avx2(n - i, a + i, b + i, p, out + i);
#endif
    for (; i < n; i++) out[i] = (int8_t)mul_one(a[i], b[i], p);
}

void ck_q16_mul(size_t n, const int16_t *a, const int16_t *b, const ck_q_mul_params *p, int16_t *out) {
    size_t i = 0;
#if CK_X86
    if (ck_i8_uses_vnni()) i = q16_mul_avx512(n, a, b, p, out);
    if (ck_f32_uses_avx2()) i += q16_mul_avx2(n - i, a + i, b + i, p, out + i);
#endif
    for (; i < n; i++) out[i] = (int16_t)mul_one(a[i], b[i], p);
}
