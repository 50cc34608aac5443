// Hybrid CONV_2D and FULLY_CONNECTED sums: int8 rows (im2col patches padded with the zero
// point, or the input rows in place) times int16-pair weight panels, portable C and AVX2.
#include "CKernels.h"

#include <stdlib.h>
#include <string.h>

#include "ck_target.h"

/// Rows per AVX2 tile and patches per im2col block.
enum { TILE = 4, BLOCK = 64 };

static inline size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

static inline size_t pairs_of(size_t k) { return (k + 1) / 2; }

size_t ck_hyb_padded_rows(size_t n) { return (n + CK_HYB_PANEL - 1) / CK_HYB_PANEL * CK_HYB_PANEL; }

size_t ck_hyb_packed_count(size_t n, size_t k) { return ck_hyb_padded_rows(n) * 2 * pairs_of(k); }

void ck_hyb_pack(size_t n, size_t k, const int8_t *w, int16_t *packed, int32_t *row_sums) {
    size_t pairs = pairs_of(k), rows = ck_hyb_padded_rows(n);
    for (size_t p = 0; p < rows / CK_HYB_PANEL; p++) {
        int16_t *dst = packed + p * CK_HYB_PANEL * 2 * pairs;
        for (size_t q = 0; q < pairs; q++) {
            for (size_t j = 0; j < CK_HYB_PANEL; j++) {
                size_t row = p * CK_HYB_PANEL + j;
                for (size_t e = 0; e < 2; e++) {
                    size_t kk = 2 * q + e;
                    dst[(q * CK_HYB_PANEL + j) * 2 + e] = (row < n && kk < k) ? w[row * k + kk] : 0;
                }
            }
        }
    }
    for (size_t j = 0; j < rows; j++) {
        uint32_t sum = 0;
        for (size_t kk = 0; j < n && kk < k; kk++) sum += (uint32_t)(int32_t)w[j * k + kk];
        row_sums[j] = (int32_t)sum;
    }
}

/// `sums[r*stride + j] = Σ rows[r][kk]·W[j][kk] − zero_points[r*zp_step]·row_sums[j]`, wrapping.
typedef void gemm_fn(size_t m, size_t k, const int8_t *const *rows, const int32_t *zero_points, size_t zp_step,
                     const int16_t *packed, const int32_t *row_sums, size_t n, int32_t *sums, size_t stride,
                     int16_t *wide);

static void gemm_portable(size_t m, size_t k, const int8_t *const *rows, const int32_t *zero_points, size_t zp_step,
                          const int16_t *packed, const int32_t *row_sums, size_t n, int32_t *sums, size_t stride,
                          int16_t *wide) {
    (void)wide;
    size_t pairs = pairs_of(k), panels = ck_hyb_padded_rows(n) / CK_HYB_PANEL;
    for (size_t r = 0; r < m; r++) {
        const int8_t *a = rows[r];
        uint32_t zero_point = (uint32_t)zero_points[r * zp_step];
        for (size_t p = 0; p < panels; p++) {
            const int16_t *w = packed + p * CK_HYB_PANEL * 2 * pairs;
            uint32_t acc[CK_HYB_PANEL] = {0};
            for (size_t q = 0; q < pairs; q++, w += 2 * CK_HYB_PANEL) {
                int32_t a0 = a[2 * q], a1 = 2 * q + 1 < k ? a[2 * q + 1] : 0;
                for (size_t j = 0; j < CK_HYB_PANEL; j++) acc[j] += (uint32_t)(a0 * w[2 * j] + a1 * w[2 * j + 1]);
            }
            size_t column = p * CK_HYB_PANEL, columns = min_size(CK_HYB_PANEL, n - column);
            for (size_t j = 0; j < columns; j++)
                sums[r * stride + column + j] = (int32_t)(acc[j] - zero_point * (uint32_t)row_sums[column + j]);
        }
    }
}

#if CK_X86
/// The int16 pair at `p` as one 32-bit lane, broadcast.
CK_AVX2 static inline __m256i pair_set(const int16_t *p) {
    int32_t v;
    memcpy(&v, p, sizeof v);
    return _mm256_set1_epi32(v);
}

/// Widens `k` int8 values to int16 (an odd `k` gets one zero after them).
CK_AVX2 static void widen(const int8_t *a, size_t k, int16_t *out) {
    size_t kk = 0;
    for (; kk + 16 <= k; kk += 16)
        _mm256_storeu_si256((__m256i *)(out + kk), _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(a + kk))));
    for (; kk < k; kk++) out[kk] = a[kk];
    if (k % 2) out[k] = 0;
}

CK_AVX2 static inline void store_sums(int32_t *out, __m256i lo, __m256i hi, __m256i zero_point,
                                       const int32_t *row_sums, size_t columns) {
    lo = _mm256_sub_epi32(lo, _mm256_mullo_epi32(zero_point, _mm256_loadu_si256((const __m256i *)row_sums)));
    hi = _mm256_sub_epi32(hi, _mm256_mullo_epi32(zero_point, _mm256_loadu_si256((const __m256i *)(row_sums + 8))));
    if (columns == CK_HYB_PANEL) {
        _mm256_storeu_si256((__m256i *)out, lo);
        _mm256_storeu_si256((__m256i *)(out + 8), hi);
        return;
    }
    int32_t tmp[CK_HYB_PANEL];
    _mm256_storeu_si256((__m256i *)tmp, lo);
    _mm256_storeu_si256((__m256i *)(tmp + 8), hi);
    memcpy(out, tmp, columns * sizeof *out);
}

CK_AVX2 static void gemm_avx2(size_t m, size_t k, const int8_t *const *rows, const int32_t *zero_points, size_t zp_step,
                               const int16_t *packed, const int32_t *row_sums, size_t n, int32_t *sums, size_t stride,
                               int16_t *wide) {
    size_t pairs = pairs_of(k), panels = ck_hyb_padded_rows(n) / CK_HYB_PANEL, width = 2 * pairs;
    for (size_t r0 = 0; r0 < m; r0 += TILE) {
        size_t live = min_size(TILE, m - r0);
        for (size_t t = 0; t < TILE; t++) widen(rows[r0 + (t < live ? t : 0)], k, wide + t * width);
        const int16_t *x0 = wide, *x1 = wide + width, *x2 = wide + 2 * width, *x3 = wide + 3 * width;
        for (size_t p = 0; p < panels; p++) {
            const int16_t *w = packed + p * CK_HYB_PANEL * width;
            __m256i c00 = _mm256_setzero_si256(), c01 = c00, c10 = c00, c11 = c00;
            __m256i c20 = c00, c21 = c00, c30 = c00, c31 = c00;
            for (size_t q = 0; q < pairs; q++, w += 2 * CK_HYB_PANEL) {
                __m256i w0 = _mm256_loadu_si256((const __m256i *)w), w1 = _mm256_loadu_si256((const __m256i *)(w + 16));
                __m256i a = pair_set(x0 + 2 * q);
                c00 = _mm256_add_epi32(c00, _mm256_madd_epi16(a, w0)); c01 = _mm256_add_epi32(c01, _mm256_madd_epi16(a, w1));
                a = pair_set(x1 + 2 * q);
                c10 = _mm256_add_epi32(c10, _mm256_madd_epi16(a, w0)); c11 = _mm256_add_epi32(c11, _mm256_madd_epi16(a, w1));
                a = pair_set(x2 + 2 * q);
                c20 = _mm256_add_epi32(c20, _mm256_madd_epi16(a, w0)); c21 = _mm256_add_epi32(c21, _mm256_madd_epi16(a, w1));
                a = pair_set(x3 + 2 * q);
                c30 = _mm256_add_epi32(c30, _mm256_madd_epi16(a, w0)); c31 = _mm256_add_epi32(c31, _mm256_madd_epi16(a, w1));
            }
            size_t column = p * CK_HYB_PANEL, columns = min_size(CK_HYB_PANEL, n - column);
            const int32_t *sums_of_rows = row_sums + column;
            int32_t *out = sums + r0 * stride + column;
            store_sums(out, c00, c01, _mm256_set1_epi32(zero_points[r0 * zp_step]), sums_of_rows, columns);
            if (live > 1) store_sums(out + stride, c10, c11, _mm256_set1_epi32(zero_points[(r0 + 1) * zp_step]), sums_of_rows, columns);
            if (live > 2) store_sums(out + 2 * stride, c20, c21, _mm256_set1_epi32(zero_points[(r0 + 2) * zp_step]), sums_of_rows, columns);
            if (live > 3) store_sums(out + 3 * stride, c30, c31, _mm256_set1_epi32(zero_points[(r0 + 3) * zp_step]), sums_of_rows, columns);
        }
    }
}
#endif

static gemm_fn *select_gemm(void) {
#if CK_X86
    if (ck_f32_uses_avx2()) return gemm_avx2;
#endif
    return gemm_portable;
}

/// Scratch for one call: up to BLOCK row pointers, TILE widened rows, and `patch` int8 values.
typedef struct {
    const int8_t **rows;
    int16_t *wide;
    int8_t *patches;
    void *memory;
} scratch;

static int scratch_make(scratch *s, size_t k, size_t patch) {
    size_t pointers = BLOCK * sizeof(const int8_t *), wide = TILE * 2 * pairs_of(k) * sizeof(int16_t);
    s->memory = malloc(pointers + wide + patch);
    if (!s->memory) return 0;
    s->rows = (const int8_t **)s->memory;
    s->wide = (int16_t *)((char *)s->memory + pointers);
    s->patches = (int8_t *)((char *)s->memory + pointers + wide);
    return 1;
}

int ck_hyb_fc_sums(size_t rows, size_t k, const int8_t *x, const int32_t *zero_points, const int16_t *packed,
                   const int32_t *row_sums, size_t n, int32_t *sums) {
    scratch s;
    if (!scratch_make(&s, k, 0)) return 0;
    gemm_fn *gemm = select_gemm();
    for (size_t r0 = 0; r0 < rows; r0 += BLOCK) {
        size_t m = min_size(BLOCK, rows - r0);
        for (size_t r = 0; r < m; r++) s.rows[r] = x + (r0 + r) * k;
        gemm(m, k, s.rows, zero_points + r0, 1, packed, row_sums, n, sums + r0 * n, n, s.wide);
    }
    free(s.memory);
    return 1;
}

/// Copies output pixel `pixel`'s patch (`k_h·k_w` taps of `group_c` channels), `pad` outside the image.
static void im2col(const ck_window *g, const int8_t *image, int8_t pad, size_t channel_base, size_t group_c,
                   size_t pixel, int8_t *patch) {
    ptrdiff_t oy = (ptrdiff_t)(pixel / g->out_w), ox = (ptrdiff_t)(pixel % g->out_w);
    for (size_t fy = 0; fy < g->k_h; fy++) {
        ptrdiff_t iy = oy * (ptrdiff_t)g->stride_h - g->pad_top + (ptrdiff_t)(fy * g->dil_h);
        for (size_t fx = 0; fx < g->k_w; fx++, patch += group_c) {
            ptrdiff_t ix = ox * (ptrdiff_t)g->stride_w - g->pad_left + (ptrdiff_t)(fx * g->dil_w);
            if (iy < 0 || iy >= (ptrdiff_t)g->in_h || ix < 0 || ix >= (ptrdiff_t)g->in_w) {
                memset(patch, pad, group_c);
            } else {
                memcpy(patch, image + ((size_t)iy * g->in_w + (size_t)ix) * g->in_c + channel_base, group_c);
            }
        }
    }
}

int ck_hyb_conv_sums(const ck_window *g, const int8_t *image, int8_t zero_point, size_t channel_base,
                     size_t group_c, const int16_t *packed, const int32_t *row_sums, size_t n,
                     int32_t *sums, size_t stride, size_t first, size_t count) {
    size_t k = g->k_h * g->k_w * group_c;
    // A 1×1 window without padding reads every patch in place.
    int in_place = g->k_h == 1 && g->k_w == 1 && g->pad_top == 0 && g->pad_left == 0;
    scratch s;
    if (!scratch_make(&s, k, in_place ? 0 : BLOCK * k)) return 0;
    gemm_fn *gemm = select_gemm();
    int32_t zp = zero_point;
    for (size_t p0 = 0; p0 < count; p0 += BLOCK) {
        size_t m = min_size(BLOCK, count - p0);
        for (size_t i = 0; i < m; i++) {
            size_t pixel = first + p0 + i;
            if (in_place) {
                size_t iy = pixel / g->out_w * g->stride_h, ix = pixel % g->out_w * g->stride_w;
                s.rows[i] = image + (iy * g->in_w + ix) * g->in_c + channel_base;
            } else {
                im2col(g, image, zero_point, channel_base, group_c, pixel, s.patches + i * k);
                s.rows[i] = s.patches + i * k;
            }
        }
        gemm(m, k, s.rows, &zp, 0, packed, row_sums, n, sums + p0 * stride, stride, s.wide);
    }
    free(s.memory);
    return 1;
}
