// The im2col-free AVX-512 VNNI convolution for inputs with few channels (a kernel row of at most
// 16 bytes, as in the first layer of an image model): the input is copied once, flipped to
// unsigned bytes and surrounded by its padding, and the tiles read each output pixel's quads
// straight from that image: per kernel row, ⌈k_w·C/4⌉ quads whose bytes past the row meet zero
// weights, with the weights repacked to that layout.
#include "i8_vnni_gemm.h"

#include <stdlib.h>

#if CK_X86
/// Rows of each tile-pointer block.
#define DIRECT_BLOCK 64

/// The quads of one kernel row.
static size_t row_quads(const ck_window *g) { return (g->k_w * g->in_c + 3) / 4; }

int ck_i8_conv_direct_applies(const ck_window *g) {
    return g->dil_w == 1 && g->k_w * g->in_c <= 16 && g->k_h * row_quads(g) <= 64;
}

/// `w` (quads over the im2col depth) repacked to the direct layout: quad `fy·row_quads + j` holds
/// bytes 4j..4j+3 of kernel row `fy`, zero past the row.
static void repack_rows(const ck_window *g, const ck_i8_weights *w, int8_t *packed) {
    size_t span = g->k_w * g->in_c, per_row = row_quads(g), quads = (w->k + 3) / 4;
    const int8_t *from = w->packed;
    for (size_t p = 0; p < (w->n + 15) / 16; p++)
        for (size_t fy = 0; fy < g->k_h; fy++)
            for (size_t j = 0; j < per_row; j++, packed += 64)
                for (size_t ch = 0; ch < 16; ch++)
                    for (size_t e = 0; e < 4; e++) {
                        size_t r = 4 * j + e, kk = fy * span + r;
                        packed[4 * ch + e] = r < span ? from[(p * quads + kk / 4) * 64 + 4 * ch + kk % 4] : 0;
                    }
}

CK_VNNI void ck_i8_fill_padded(const ck_window *g, const int8_t *input, int8_t pad, size_t b0, size_t images, size_t height,
                               size_t width, uint8_t *image) {
    size_t c = g->in_c, row_bytes = width * c;
    const __m512i flip = _mm512_set1_epi8((char)0x80);
    uint8_t padding = (uint8_t)pad ^ 0x80;
    // The columns of the padded row that hold input: [left, left + count).
    size_t left = (size_t)g->pad_left, skip = 0;
    if (g->pad_left < 0) skip = (size_t)(-g->pad_left), left = 0;
    left = min_size(left, width);
    size_t count = g->in_w > skip ? min_size(g->in_w - skip, width - left) : 0;
    for (size_t b = 0; b < images; b++)
        for (size_t y = 0; y < height; y++) {
            uint8_t *dst = image + (b * height + y) * row_bytes;
            ptrdiff_t iy = (ptrdiff_t)y - g->pad_top;
            if (iy < 0 || iy >= (ptrdiff_t)g->in_h || count == 0) {
                memset(dst, padding, row_bytes);
                continue;
            }
            memset(dst, padding, left * c);
            memset(dst + (left + count) * c, padding, row_bytes - (left + count) * c);
            const int8_t *src = input + (((b0 + b) * g->in_h + (size_t)iy) * g->in_w + skip) * c;
            dst += left * c;
            size_t i = 0, bytes = count * c;
            for (; i + 64 <= bytes; i += 64)
                _mm512_storeu_si512(dst + i, _mm512_xor_si512(_mm512_loadu_si512(src + i), flip));
            __mmask64 tail = ((__mmask64)1 << (bytes - i)) - 1;
            _mm512_mask_storeu_epi8(dst + i, tail, _mm512_xor_si512(_mm512_maskz_loadu_epi8(tail, src + i), flip));
        }
    memset(image + images * height * row_bytes, padding, 64);
}

CK_VNNI int ck_i8_conv_vnni_direct(const ck_window *g, const int8_t *input, int8_t pad, const ck_i8_weights *w,
                                   const int32_t *shifted, const ck_i8_requant *q, int8_t *out, size_t first, size_t count) {
    size_t c = g->in_c, per_row = row_quads(g), quads = g->k_h * per_row, plane = g->out_h * g->out_w;
    size_t height = (g->out_h - 1) * g->stride_h + (g->k_h - 1) * g->dil_h + 1;
    size_t width = (g->out_w - 1) * g->stride_w + g->k_w, row_bytes = width * c;
    size_t b0 = first / plane, images = (first + count - 1) / plane - b0 + 1;
    size_t image_bytes = (images * height * row_bytes + 64 + 63) / 64 * 64;
    uint8_t *image = malloc(image_bytes + (w->n + 15) / 16 * quads * 64);
    if (!image) return 0;
    int8_t *packed = (int8_t *)image + image_bytes;
    ck_i8_fill_padded(g, input, pad, b0, images, height, width, image);
    repack_rows(g, w, packed);
    ck_i8_weights rows_weights = {CK_I8_LAYOUT_QUADS, w->n, 4 * quads, packed, w->row_sums};
    size_t offsets[64];
    for (size_t fy = 0; fy < g->k_h; fy++)
        for (size_t j = 0; j < per_row; j++) offsets[fy * per_row + j] = fy * g->dil_h * row_bytes + 4 * j;
    const uint8_t *pointers[DIRECT_BLOCK];
    size_t ox = first % g->out_w, oy = first / g->out_w % g->out_h, b = b0;
    for (size_t start = first; start < first + count; start += DIRECT_BLOCK) {
        size_t rows = min_size(DIRECT_BLOCK, first + count - start);
        for (size_t r = 0; r < rows; r++) {
            pointers[r] = image + (((b - b0) * height + oy * g->stride_h) * width + ox * g->stride_w) * c;
            if (++ox == g->out_w) {
                ox = 0;
                if (++oy == g->out_h) oy = 0, b++;
            }
        }
        tile_source src = {NULL, 0, pointers, offsets};
        multiply_rows(rows, 1, src, &rows_weights, shifted, q, out + start * w->n);
    }
    free(image);
    return 1;
}
#endif
