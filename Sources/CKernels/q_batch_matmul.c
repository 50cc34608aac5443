// int8 BATCH_MATMUL on int16 pairs: B packed once per batch, four A rows per pass, int32 sums
// with AVX2 `madd` (portable C otherwise), TFLite's double-rounding requantization.
#include <stdlib.h>
#include <string.h>

#include "i8_requant.h"

/// Columns per packed panel and rows per pass.
#define COLS 8
#define ROWS 4

size_t ck_i8_bmm_packed_size(size_t n, size_t k) { return (n + COLS - 1) / COLS * ((k + 1) / 2) * 2 * COLS; }

void ck_i8_bmm_pack(size_t n, size_t k, const int8_t *rhs, size_t depth_stride, size_t column_stride, int32_t offset,
                    int16_t *packed) {
    size_t pairs = (k + 1) / 2, panels = (n + COLS - 1) / COLS;
    for (size_t panel = 0; panel < panels; panel++)
        for (size_t pair = 0; pair < pairs; pair++)
            for (size_t col = 0; col < COLS; col++)
                for (size_t t = 0; t < 2; t++) {
                    size_t j = panel * COLS + col, kk = 2 * pair + t;
                    int32_t v = j < n && kk < k ? rhs[kk * depth_stride + j * column_stride] + offset : 0;
                    packed[((panel * pairs + pair) * COLS + col) * 2 + t] = (int16_t)v;
                }
}

/// TFLite's MultiplyByQuantizedMultiplier (int32, double rounding), output offset and clamp.
static inline int8_t requantize(uint32_t sum, const ck_i8_bmm_params *p) {
    int32_t scaled = ck_rescale((int32_t)sum, p->rescale.multiplier, p->rescale.left, p->rescale.right);
    int32_t v = (int32_t)((uint32_t)scaled + (uint32_t)p->output_offset);
    v = v < p->act_min ? p->act_min : v;
    return (int8_t)(v > p->act_max ? p->act_max : v);
}

/// The wrapping int32 sums of ROWS widened rows (`2·pairs` values each) with one panel.
static void panel_portable(const int16_t *rows, size_t pairs, const int16_t *w, uint32_t sums[ROWS][COLS]) {
    memset(sums, 0, sizeof(uint32_t) * ROWS * COLS);
    for (size_t pair = 0; pair < pairs; pair++)
        for (size_t r = 0; r < ROWS; r++) {
            const int16_t *a = rows + r * 2 * pairs + 2 * pair;
            for (size_t col = 0; col < COLS; col++) {
                const int16_t *b = w + (pair * COLS + col) * 2;
                sums[r][col] += (uint32_t)(a[0] * b[0] + a[1] * b[1]);
            }
        }
}

#if CK_X86
CK_AVX2 static void panel_avx2(const int16_t *rows, size_t pairs, const int16_t *w, uint32_t sums[ROWS][COLS]) {
    __m256i s0 = _mm256_setzero_si256(), s1 = s0, s2 = s0, s3 = s0;
    const int16_t *r0 = rows, *r1 = rows + 2 * pairs, *r2 = rows + 4 * pairs, *r3 = rows + 6 * pairs;
    for (size_t pair = 0; pair < pairs; pair++) {
        __m256i b = _mm256_loadu_si256((const __m256i *)(w + pair * 2 * COLS));
        int32_t a0, a1, a2, a3;
        memcpy(&a0, r0 + 2 * pair, 4);
        memcpy(&a1, r1 + 2 * pair, 4);
        memcpy(&a2, r2 + 2 * pair, 4);
        memcpy(&a3, r3 + 2 * pair, 4);
        s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(_mm256_set1_epi32(a0), b));
        s1 = _mm256_add_epi32(s1, _mm256_madd_epi16(_mm256_set1_epi32(a1), b));
        s2 = _mm256_add_epi32(s2, _mm256_madd_epi16(_mm256_set1_epi32(a2), b));
        s3 = _mm256_add_epi32(s3, _mm256_madd_epi16(_mm256_set1_epi32(a3), b));
    }
    _mm256_storeu_si256((__m256i *)sums[0], s0);
    _mm256_storeu_si256((__m256i *)sums[1], s1);
    _mm256_storeu_si256((__m256i *)sums[2], s2);
    _mm256_storeu_si256((__m256i *)sums[3], s3);
}
#endif

int ck_i8_bmm(const ck_i8_bmm_params *p, const int8_t *lhs, const int16_t *packed, int8_t *out, size_t first, size_t count) {
    size_t pairs = (p->k + 1) / 2, panels = (p->n + COLS - 1) / COLS;
    int16_t *rows = calloc(ROWS * 2 * pairs + 1, sizeof(int16_t));
    if (!rows) return 0;
    void (*panel)(const int16_t *, size_t, const int16_t *, uint32_t[ROWS][COLS]) = panel_portable;
#if CK_X86
    if (ck_f32_uses_avx2()) panel = panel_avx2;
#endif
    for (size_t i0 = first; i0 < first + count; i0 += ROWS) {
        size_t height = first + count - i0 < ROWS ? first + count - i0 : ROWS;
        for (size_t r = 0; r < height; r++) {
            const int8_t *a = lhs + (i0 + r) * p->row_stride;
            for (size_t kk = 0; kk < p->k; kk++) rows[r * 2 * pairs + kk] = (int16_t)(a[kk * p->depth_stride] + p->lhs_offset);
        }
        for (size_t panel_index = 0; panel_index < panels; panel_index++) {
            uint32_t sums[ROWS][COLS];
            panel(rows, pairs, packed + panel_index * pairs * 2 * COLS, sums);
            size_t width = p->n - panel_index * COLS < COLS ? p->n - panel_index * COLS : COLS;
            for (size_t r = 0; r < height; r++)
                for (size_t col = 0; col < width; col++)
                    out[(i0 + r) * p->n + panel_index * COLS + col] = requantize(sums[r][col], p);
        }
    }
    free(rows);
    return 1;
}
