// The AVX-512 VNNI int8 convolution: weights packed as quads of int8 per output channel, blocks of
// activations turned into unsigned bytes x + 128 by one contiguous XOR pass (pointwise
// convolutions from the input rows, others after an im2col fill, or, for inputs with few channels,
// from a padded copy of the image: i8_vnni_direct.c), `vpdpbusd` tiles of up to 8 rows
// × 16 channels whose bias has −128·Σw folded in (which takes the +128 back out), and TFLite's
// exact double-rounding requantization on 16 lanes.
#include "i8_vnni_gemm.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

static atomic_int forbidden = 0;
static atomic_int detected = -1;

int ck_i8_uses_vnni(void) {
    if (atomic_load_explicit(&forbidden, memory_order_relaxed) || !ck_f32_uses_avx2()) return 0;
    int vnni = atomic_load_explicit(&detected, memory_order_relaxed);
    if (vnni >= 0) return vnni;
    vnni = 0;
#if CK_X86
    const char *kernels = getenv("EDGEWISE_KERNELS");
    if (!(kernels && strcmp(kernels, "avx2") == 0)) {
        __builtin_cpu_init();
        vnni = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
            && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq")
            && __builtin_cpu_supports("avx512vnni");
    }
#endif
    atomic_store_explicit(&detected, vnni, memory_order_relaxed);
    return vnni;
}

void ck_i8_forbid_vnni(int forbid) { atomic_store_explicit(&forbidden, forbid != 0, memory_order_relaxed); }

int ck_i8_preferred_layout(void) { return ck_i8_uses_vnni() ? CK_I8_LAYOUT_QUADS : CK_I8_LAYOUT_PAIRS; }

/// Panels of 16 rows, depth rounded up to whole quads.
static size_t quad_bytes(size_t n, size_t k) { return (n + 15) / 16 * 16 * ((k + 3) / 4 * 4); }

size_t ck_i8_weights_bytes(int layout, size_t n, size_t k) {
    return layout == CK_I8_LAYOUT_QUADS ? quad_bytes(n, k) : ck_i8_packed_count(n, k) * sizeof(int16_t);
}

void ck_i8_pack_weights(int layout, size_t n, size_t k, const int8_t *w, void *packed) {
    if (layout != CK_I8_LAYOUT_QUADS) {
        ck_i8_pack(n, k, w, packed);
        return;
    }
    int8_t *dst = packed;
    size_t panels = (n + 15) / 16, quads = (k + 3) / 4;
    for (size_t p = 0; p < panels; p++) {
        for (size_t qd = 0; qd < quads; qd++, dst += 64) {
            for (size_t j = 0; j < 16; j++) {
                for (size_t e = 0; e < 4; e++) {
                    size_t row = p * 16 + j, kk = 4 * qd + e;
                    dst[4 * j + e] = row < n && kk < k ? w[row * k + kk] : 0;
                }
            }
        }
    }
}

#if CK_X86

/// Rows of the patch block each call handles.
#define BLOCK_ROWS 64

/// `dst[i] = src[i] ^ 0x80` (int8 x to the unsigned byte x + 128) for `count` bytes.
CK_VNNI static void flip_signs(uint8_t *dst, const int8_t *src, size_t count) {
    const __m512i flip = _mm512_set1_epi8((char)0x80);
    size_t i = 0;
    for (; i + 64 <= count; i += 64)
        _mm512_storeu_si512(dst + i, _mm512_xor_si512(_mm512_loadu_si512(src + i), flip));
    if (i < count) {
        __mmask64 mask = ((__mmask64)1 << (count - i)) - 1;
        _mm512_mask_storeu_epi8(dst + i, mask, _mm512_xor_si512(_mm512_maskz_loadu_epi8(mask, src + i), flip));
    }
}

/// `memcpy` for the short runs of im2col: overlapping 8- or 4-byte moves below 16 bytes.
static inline void copy_run(int8_t *dst, const int8_t *src, size_t n) {
    uint64_t a, b;
    uint32_t c, d;
    if (n >= 16) {
        memcpy(dst, src, n);
    } else if (n >= 8) {
        memcpy(&a, src, 8), memcpy(&b, src + n - 8, 8);
        memcpy(dst, &a, 8), memcpy(dst + n - 8, &b, 8);
    } else if (n >= 4) {
        memcpy(&c, src, 4), memcpy(&d, src + n - 4, 4);
        memcpy(dst, &c, 4), memcpy(dst + n - 4, &d, 4);
    } else {
        for (size_t i = 0; i < n; i++) dst[i] = src[i];
    }
}

/// Writes the int8 patches of output pixels `first..<first+rows` (`row_bytes` apart, zero past the
/// depth), stepping through columns, rows and images without divisions; a kernel row wholly inside
/// the image (undilated) is one run. (Flipping the block afterwards in one pass measures faster
/// than flipping each run.)
static void fill_patches(const ck_window *g, const int8_t *input, int8_t pad, size_t first, size_t rows, int8_t *patches,
                         size_t row_bytes) {
    size_t c = g->in_c, k = g->k_h * g->k_w * c, span = g->k_w * c;
    size_t ox = first % g->out_w, oy = first / g->out_w % g->out_h, b = first / (g->out_w * g->out_h);
    size_t span_h = (g->k_h - 1) * g->dil_h, row_step = g->dil_h * g->in_w * c;
    for (size_t r = 0; r < rows; r++) {
        int8_t *dst = patches + r * row_bytes;
        ptrdiff_t ix0 = (ptrdiff_t)(ox * g->stride_w) - g->pad_left, iy0 = (ptrdiff_t)(oy * g->stride_h) - g->pad_top;
        int columns_inside = g->dil_w == 1 && ix0 >= 0 && ix0 + (ptrdiff_t)g->k_w <= (ptrdiff_t)g->in_w;
        if (columns_inside && iy0 >= 0 && iy0 + (ptrdiff_t)span_h < (ptrdiff_t)g->in_h) {
            // The whole window inside the image: one run per kernel row.
            const int8_t *src = input + ((b * g->in_h + (size_t)iy0) * g->in_w + (size_t)ix0) * c;
            for (size_t fy = 0; fy < g->k_h; fy++) copy_run(dst + fy * span, src + fy * row_step, span);
            dst += k;
        } else {
            for (size_t fy = 0; fy < g->k_h; fy++, dst += span) {
                ptrdiff_t iy = iy0 + (ptrdiff_t)(fy * g->dil_h);
                if (iy < 0 || iy >= (ptrdiff_t)g->in_h) {
                    memset(dst, pad, span);
                    continue;
                }
                const int8_t *line = input + (b * g->in_h + (size_t)iy) * g->in_w * c;
                if (columns_inside) {
                    copy_run(dst, line + (size_t)ix0 * c, span);
                    continue;
                }
                for (size_t fx = 0; fx < g->k_w; fx++) {
                    ptrdiff_t ix = ix0 + (ptrdiff_t)(fx * g->dil_w);
                    if (ix >= 0 && ix < (ptrdiff_t)g->in_w) copy_run(dst + fx * c, line + (size_t)ix * c, c);
                    else memset(dst + fx * c, pad, c);
                }
            }
        }
        for (size_t i = k; i < row_bytes; i++) patches[r * row_bytes + i] = 0;
        if (++ox == g->out_w) {
            ox = 0;
            if (++oy == g->out_h) oy = 0, b++;
        }
    }
}

/// Unsigned patches (x + 128) of at most 64 bytes, stored whole (bytes past the depth meet zero
/// weights). Kernel rows of at most 16 bytes are copied as overlapping 16-byte vectors in kernel
/// row order (each later store overwrites the previous one's excess), read with plain loads where
/// 16 bytes stay inside the image; longer kernel rows merge masked loads into one vector (masked-off
/// bytes are never read). The padding value fills rows outside the image. Rows whose window leaves
/// the image sideways (or is dilated sideways) take `fill_patches` and a flip. `patches` needs 64
/// bytes past the last row.
CK_VNNI static void fill_small_patches(const ck_window *g, const int8_t *input, int8_t pad, size_t first, size_t rows,
                                       uint8_t *patches, size_t row_bytes) {
    size_t c = g->in_c, span = g->k_w * c, image = g->in_h * g->in_w * c;
    size_t ox = first % g->out_w, oy = first / g->out_w % g->out_h, b = first / (g->out_w * g->out_h);
    const __m512i flip = _mm512_set1_epi8((char)0x80), padding = _mm512_set1_epi8(pad);
    const __m128i flip16 = _mm512_castsi512_si128(flip), padded16 = _mm_xor_si128(_mm512_castsi512_si128(padding), flip16);
    __mmask64 run = span >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << span) - 1);
    for (size_t r = 0; r < rows; r++) {
        uint8_t *dst = patches + r * row_bytes;
        ptrdiff_t ix0 = (ptrdiff_t)(ox * g->stride_w) - g->pad_left, iy0 = (ptrdiff_t)(oy * g->stride_h) - g->pad_top;
        if (g->dil_w == 1 && ix0 >= 0 && ix0 + (ptrdiff_t)g->k_w <= (ptrdiff_t)g->in_w) {
            const int8_t *image_end = input + (b + 1) * image;
            if (span <= 16) {
                for (size_t fy = 0; fy < g->k_h; fy++) {
                    ptrdiff_t iy = iy0 + (ptrdiff_t)(fy * g->dil_h);
                    __m128i v = padded16;
                    if (iy >= 0 && iy < (ptrdiff_t)g->in_h) {
                        const int8_t *src = input + ((b * g->in_h + (size_t)iy) * g->in_w + (size_t)ix0) * c;
                        v = src + 16 <= image_end ? _mm_loadu_si128((const __m128i *)src)
                                                  : _mm_maskz_loadu_epi8((__mmask16)run, src);
                        v = _mm_xor_si128(v, flip16);
                    }
                    _mm_storeu_si128((__m128i *)(dst + fy * span), v);
                }
            } else {
                __m512i v = padding;
                for (size_t fy = 0; fy < g->k_h; fy++) {
                    ptrdiff_t iy = iy0 + (ptrdiff_t)(fy * g->dil_h);
                    if (iy < 0 || iy >= (ptrdiff_t)g->in_h) continue;
                    const int8_t *src = input + ((b * g->in_h + (size_t)iy) * g->in_w + (size_t)ix0) * c;
                    v = _mm512_mask_loadu_epi8(v, run << (fy * span), src - fy * span);
                }
                _mm512_storeu_si512(dst, _mm512_xor_si512(v, flip));
            }
        } else {
            int8_t patch[64];
            fill_patches(g, input, pad, first + r, 1, patch, row_bytes);
            flip_signs(dst, patch, row_bytes);
        }
        if (++ox == g->out_w) {
            ox = 0;
            if (++oy == g->out_h) oy = 0, b++;
        }
    }
}

CK_VNNI int ck_i8_conv_vnni(const ck_window *g, const int8_t *input, int8_t pad, const ck_i8_weights *w, const int32_t *folded,
                         const ck_i8_requant *q, int8_t *out, size_t first, size_t count) {
    size_t n = w->n, k = w->k, row_bytes = (k + 3) / 4 * 4;
    int pointwise = ck_is_pointwise(g) && k % 4 == 0;
    int direct = !pointwise && ck_i8_conv_direct_applies(g);
    // One allocation: the shifted bias, then (unless direct) the unsigned block and the patches.
    size_t block = direct ? 0 : BLOCK_ROWS * row_bytes + 64, shifted_bytes = (n * sizeof(int32_t) + 63) / 64 * 64;
    size_t patch_bytes = pointwise || direct || row_bytes <= 64 ? 0 : BLOCK_ROWS * row_bytes + 64;
    int32_t *shifted = malloc(shifted_bytes + block + patch_bytes);
    if (!shifted) return 0;
    uint8_t *flipped = (uint8_t *)shifted + shifted_bytes;
    int8_t *patches = patch_bytes ? (int8_t *)flipped + block : NULL;
    // Σ (x + 128)·w = Σ x·w + 128·Σ w: take the 128·Σ w back out of the folded bias.
    for (size_t j = 0; j < n; j++) shifted[j] = (int32_t)((uint32_t)folded[j] - ((uint32_t)w->row_sums[j] << 7));
    if (direct) {
        int done = ck_i8_conv_vnni_direct(g, input, pad, w, shifted, q, out, first, count);
        free(shifted);
        return done;
    }
    for (size_t start = first; start < first + count; start += BLOCK_ROWS) {
        size_t rows = min_size(BLOCK_ROWS, first + count - start);
        if (pointwise) {
            flip_signs(flipped, input + start * k, rows * k);
        } else if (row_bytes <= 64) {
            fill_small_patches(g, input, pad, start, rows, flipped, row_bytes);
        } else {
            fill_patches(g, input, pad, start, rows, patches, row_bytes);
            flip_signs(flipped, patches, rows * row_bytes);
        }
        tile_source src = {flipped, row_bytes, NULL, NULL};
        multiply_rows(rows, 0, src, w, shifted, q, out + start * n);
    }
    free(shifted);
    return 1;
}
#else
int ck_i8_conv_vnni(const ck_window *g, const int8_t *input, int8_t pad, const ck_i8_weights *w, const int32_t *folded,
                    const ck_i8_requant *q, int8_t *out, size_t first, size_t count) {
    (void)g, (void)input, (void)pad, (void)w, (void)folded, (void)q, (void)out, (void)first, (void)count;
    return 0;
}
#endif
