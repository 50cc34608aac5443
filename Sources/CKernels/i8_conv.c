// Whole int8 CONV_2D over a pixel range: im2col blocks into the packed GEMM (VNNI for quad-packed
// weights, else the int16-pair kernels).
#include "i8_requant.h"

#include <stdlib.h>

/// Patch rows per im2col block of the int16-pair path.
#define BLOCK_ROWS 64

int ck_i8_conv(const ck_window *g, const int8_t *input, int32_t input_offset, const ck_i8_weights *w, const int32_t *bias,
               const ck_i8_requant *q, int8_t *out, size_t first, size_t count) {
    if (count == 0 || w->n == 0) return 1;
    size_t n = w->n, k = w->k, c = g->in_c;
    // The input offset folds into the bias through each output channel's weight sum.
    int32_t *folded = malloc(n * sizeof(int32_t));
    int im2col = w->layout == CK_I8_LAYOUT_PAIRS && !ck_is_pointwise(g);
    int8_t *patches = im2col ? malloc(BLOCK_ROWS * k + 1) : NULL;
    if (!folded || (im2col && !patches)) {
        free(folded), free(patches);
        return 0;
    }
    for (size_t j = 0; j < n; j++)
        folded[j] = (int32_t)((uint32_t)(bias ? bias[j] : 0) + (uint32_t)input_offset * (uint32_t)w->row_sums[j]);
    int8_t pad = (int8_t)(-input_offset);
    int done = 1;
    if (w->layout == CK_I8_LAYOUT_QUADS) {
        done = ck_i8_conv_vnni(g, input, pad, w, folded, q, out, first, count);
    } else if (!im2col) {
        ck_i8_gemm(count, n, k, input + first * c, c, w->packed, folded, q, out + first * n, n);
    } else {
        for (size_t start = first; start < first + count; start += BLOCK_ROWS) {
            size_t rows = min_size(BLOCK_ROWS, first + count - start);
            for (size_t r = 0; r < rows; r++) {
                int8_t *dst = patches + r * k;
                for (size_t fy = 0; fy < g->k_h; fy++) {
                    for (size_t fx = 0; fx < g->k_w; fx++, dst += c) {
                        const int8_t *src = ck_tap_source(g, input, start + r, fy, fx);
                        if (src) memcpy(dst, src, c); else memset(dst, pad, c);
                    }
                }
            }
            ck_i8_gemm(rows, n, k, patches, k, w->packed, folded, q, out + start * n, n);
        }
    }
    free(folded), free(patches);
    return done;
}
