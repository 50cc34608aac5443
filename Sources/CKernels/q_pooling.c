// Quantized int8/int16 max and average pooling: channels innermost, AVX2 over channel blocks
// with portable C for the rest, exactly TFLite's reference integer pooling.
#include "CKernels.h"
#include "ck_target.h"

/// Channels the portable code sums per pass (its int32 accumulators live on the stack).
#define BLOCK 64

/// The in-bounds tap rectangle of one output pixel.
typedef struct {
    size_t y0, y1, x0, x1, image;
} taps;

static taps pixel_taps(const ck_window *g, size_t pixel) {
    size_t ox = pixel % g->out_w, oy = pixel / g->out_w % g->out_h;
    ptrdiff_t iy = (ptrdiff_t)(oy * g->stride_h) - g->pad_top, ix = (ptrdiff_t)(ox * g->stride_w) - g->pad_left;
    ptrdiff_t y1 = iy + (ptrdiff_t)g->k_h, x1 = ix + (ptrdiff_t)g->k_w;
    taps t;
    t.y0 = iy < 0 ? 0 : (size_t)iy;
    t.x0 = ix < 0 ? 0 : (size_t)ix;
    t.y1 = y1 > (ptrdiff_t)g->in_h ? g->in_h : (y1 < 0 ? 0 : (size_t)y1);
    t.x1 = x1 > (ptrdiff_t)g->in_w ? g->in_w : (x1 < 0 ? 0 : (size_t)x1);
    if (t.y1 < t.y0) t.y1 = t.y0;
    if (t.x1 < t.x0) t.x1 = t.x0;
    t.image = pixel / (g->out_w * g->out_h);
    return t;
}

/// Element offset of input pixel (`y`, `x`) of the pixel's image.
static inline size_t tap_offset(const ck_window *g, const taps *t, size_t y, size_t x) {
    return ((t->image * g->in_h + y) * g->in_w + x) * g->in_c;
}

/// The rounded mean of `sum` over `n` taps (half away from zero), clamped.
static inline int32_t mean_clamped(int32_t sum, int32_t n, int32_t lo, int32_t hi) {
    int32_t v = n == 0 ? 0 : (sum > 0 ? (sum + n / 2) / n : (sum - n / 2) / n);
    return v < lo ? lo : (v > hi ? hi : v);
}

static inline int32_t clamp32(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

// Portable channel ranges `c0..<c1` of one pixel, for both element types.
#define PORTABLE_POOL(NAME, T, MIN)                                                                           \
    static void NAME##_max_range(const ck_window *g, const taps *t, const T *input, T *out, int32_t lo,       \
                                 int32_t hi, size_t c0, size_t c1) {                                          \
        for (size_t c = c0; c < c1; c++) out[c] = MIN;                                                        \
        for (size_t y = t->y0; y < t->y1; y++)                                                                \
            for (size_t x = t->x0; x < t->x1; x++) {                                                          \
                const T *tap = input + tap_offset(g, t, y, x);                                                \
                for (size_t c = c0; c < c1; c++) out[c] = tap[c] > out[c] ? tap[c] : out[c];                  \
            }                                                                                                 \
        for (size_t c = c0; c < c1; c++) out[c] = (T)clamp32(out[c], lo, hi);                                 \
    }                                                                                                         \
    static void NAME##_avg_range(const ck_window *g, const taps *t, const T *input, T *out, int32_t lo,       \
                                 int32_t hi, size_t c0, size_t c1) {                                          \
        int32_t n = (int32_t)((t->y1 - t->y0) * (t->x1 - t->x0));                                             \
        for (size_t b = c0; b < c1; b += BLOCK) {                                                             \
            size_t width = c1 - b < BLOCK ? c1 - b : BLOCK;                                                   \
            int32_t sum[BLOCK] = {0};                                                                         \
            for (size_t y = t->y0; y < t->y1; y++)                                                            \
                for (size_t x = t->x0; x < t->x1; x++) {                                                      \
                    const T *tap = input + tap_offset(g, t, y, x) + b;                                        \
                    for (size_t c = 0; c < width; c++) sum[c] += tap[c];                                      \
                }                                                                                             \
            for (size_t c = 0; c < width; c++) out[b + c] = (T)mean_clamped(sum[c], n, lo, hi);               \
        }                                                                                                     \
    }

PORTABLE_POOL(i8, int8_t, INT8_MIN)
PORTABLE_POOL(i16, int16_t, INT16_MIN)

#if CK_X86
/// Channels of one pixel's maximum, 32 bytes at a time (int8, or int16 when `wide`, a
/// compile-time constant after inlining); returns where it stopped.
CK_AVX2 __attribute__((always_inline)) static inline size_t max_avx2(const ck_window *g, const taps *t, const void *input, void *out,
                                                                  int32_t lo, int32_t hi, const int wide) {
    size_t c = 0, step = wide ? 16 : 32, bytes = wide ? 2 : 1;
    __m256i low = wide ? _mm256_set1_epi16((int16_t)lo) : _mm256_set1_epi8((int8_t)lo);
    __m256i high = wide ? _mm256_set1_epi16((int16_t)hi) : _mm256_set1_epi8((int8_t)hi);
    for (; c + step <= g->in_c; c += step) {
        __m256i best = wide ? _mm256_set1_epi16(INT16_MIN) : _mm256_set1_epi8(INT8_MIN);
        for (size_t y = t->y0; y < t->y1; y++)
            for (size_t x = t->x0; x < t->x1; x++) {
                __m256i v = _mm256_loadu_si256((const __m256i *)((const char *)input + (tap_offset(g, t, y, x) + c) * bytes));
                best = wide ? _mm256_max_epi16(best, v) : _mm256_max_epi8(best, v);
            }
        best = wide ? _mm256_min_epi16(_mm256_max_epi16(best, low), high) : _mm256_min_epi8(_mm256_max_epi8(best, low), high);
        _mm256_storeu_si256((__m256i *)((char *)out + c * bytes), best);
    }
    return c;
}

CK_AVX2 static size_t i8_max_avx2(const ck_window *g, const taps *t, const int8_t *input, int8_t *out, int32_t lo, int32_t hi) {
    return max_avx2(g, t, input, out, lo, hi, 0);
}

CK_AVX2 static size_t i16_max_avx2(const ck_window *g, const taps *t, const int16_t *input, int16_t *out, int32_t lo, int32_t hi) {
    return max_avx2(g, t, input, out, lo, hi, 1);
}

/// Eight rounded, clamped means: the truncated quotient of `sum ± n/2` by `n` through doubles,
/// exact because |sum| < 2^31 keeps every non-integral quotient ≥ 2^-31 away from an integer.
CK_AVX2 static inline __m256i mean8(__m256i sum, __m256d n, __m256i half, __m256i lo, __m256i hi) {
    __m256i positive = _mm256_cmpgt_epi32(sum, _mm256_setzero_si256());
    __m256i nudged = _mm256_add_epi32(sum, _mm256_blendv_epi8(_mm256_sub_epi32(_mm256_setzero_si256(), half), half, positive));
    __m128i q0 = _mm256_cvttpd_epi32(_mm256_div_pd(_mm256_cvtepi32_pd(_mm256_castsi256_si128(nudged)), n));
    __m128i q1 = _mm256_cvttpd_epi32(_mm256_div_pd(_mm256_cvtepi32_pd(_mm256_extracti128_si256(nudged, 1)), n));
    __m256i q = _mm256_inserti128_si256(_mm256_castsi128_si256(q0), q1, 1);
    return _mm256_min_epi32(_mm256_max_epi32(q, lo), hi);
}

/// Channels of one pixel's mean, 16 at a time (int8, or int16 when `wide`, a compile-time
/// constant after inlining); returns where it stopped.
CK_AVX2 __attribute__((always_inline)) static inline size_t avg_avx2(const ck_window *g, const taps *t, const void *input, void *out,
                                                                  int32_t lo, int32_t hi, const int wide) {
    int32_t count = (int32_t)((t->y1 - t->y0) * (t->x1 - t->x0));
    if (count == 0) return 0;
    __m256d n = _mm256_set1_pd((double)count);
    __m256i half = _mm256_set1_epi32(count / 2), low = _mm256_set1_epi32(lo), high = _mm256_set1_epi32(hi);
    size_t c = 0, bytes = wide ? 2 : 1;
    for (; c + 16 <= g->in_c; c += 16) {
        __m256i s0 = _mm256_setzero_si256(), s1 = _mm256_setzero_si256();
        for (size_t y = t->y0; y < t->y1; y++)
            for (size_t x = t->x0; x < t->x1; x++) {
                const char *tap = (const char *)input + (tap_offset(g, t, y, x) + c) * bytes;
                // The 16 values as int16, then their halves as int32.
                __m256i v = wide ? _mm256_loadu_si256((const __m256i *)tap) : _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)tap));
                s0 = _mm256_add_epi32(s0, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(v)));
                s1 = _mm256_add_epi32(s1, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(v, 1)));
            }
        __m256i words = _mm256_permute4x64_epi64(_mm256_packs_epi32(mean8(s0, n, half, low, high), mean8(s1, n, half, low, high)), 0xD8);
        if (wide) {
            _mm256_storeu_si256((__m256i *)((char *)out + c * bytes), words);
        } else {
            __m128i narrow = _mm_packs_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
            _mm_storeu_si128((__m128i *)((char *)out + c), narrow);
        }
    }
    return c;
}

CK_AVX2 static size_t i8_avg_avx2(const ck_window *g, const taps *t, const int8_t *input, int8_t *out, int32_t lo, int32_t hi) {
    return avg_avx2(g, t, input, out, lo, hi, 0);
}

CK_AVX2 static size_t i16_avg_avx2(const ck_window *g, const taps *t, const int16_t *input, int16_t *out, int32_t lo, int32_t hi) {
    return avg_avx2(g, t, input, out, lo, hi, 1);
}
#endif

// The public entry points: per pixel, the AVX2 channel blocks when selected, portable C after.
#if CK_X86
#define VECTOR(call) (ck_f32_uses_avx2() ? (call) : 0)
#else
#define VECTOR(call) 0
#endif

#define POOL_ENTRY(NAME, T, KIND)                                                                              \
    void ck_##NAME##_##KIND##_pool(const ck_window *g, const T *input, T *out, int32_t lo, int32_t hi, size_t first, \
                                   size_t count) {                                                            \
        for (size_t p = first; p < first + count; p++) {                                                      \
            taps t = pixel_taps(g, p);                                                                        \
            T *o = out + p * g->in_c;                                                                         \
            size_t done = VECTOR(NAME##_##KIND##_avx2(g, &t, input, o, lo, hi));                              \
            NAME##_##KIND##_range(g, &t, input, o, lo, hi, done, g->in_c);                                    \
        }                                                                                                     \
    }

POOL_ENTRY(i8, int8_t, max)
POOL_ENTRY(i8, int8_t, avg)
POOL_ENTRY(i16, int16_t, max)
POOL_ENTRY(i16, int16_t, avg)
