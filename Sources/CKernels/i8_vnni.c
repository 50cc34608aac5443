// The AVX-512 VNNI int8 convolution: weights packed as quads of int8 per output channel, blocks of
// activations turned into unsigned bytes x + 128 by one contiguous XOR pass (pointwise
// convolutions from the input rows, others after an im2col fill), `vpdpbusd` tiles of up to 8 rows
// × 16 channels whose bias has −128·Σw folded in (which takes the +128 back out), and TFLite's
// exact double-rounding requantization on 16 lanes.
#include "i8_requant.h"

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
/// Rows per VNNI tile.
#define TILE_ROWS 8

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

/// One panel's bias and requantization, loaded once for all its rows.
typedef struct {
    __m512i folded;
    requant16_channels k;
    __mmask16 lanes;
    size_t c, columns;
    const ck_i8_requant *q;
} panel_epilogue;

CK_VNNI __attribute__((always_inline)) static inline panel_epilogue epilogue_load(const int32_t *folded, size_t c, size_t columns,
                                                                               const ck_i8_requant *q) {
    panel_epilogue e;
    e.lanes = columns >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << columns) - 1);
    e.folded = _mm512_maskz_loadu_epi32(e.lanes, folded + c);
    e.k = requant16_load(c, q);
    e.c = c;
    e.columns = columns;
    e.q = q->double_scales ? q : NULL;
    return e;
}

/// Stores the panel's columns of one row of 16 bytes.
CK_VNNI __attribute__((always_inline)) static inline void store_row(__m128i bytes, const panel_epilogue *e, int8_t *out) {
    if (e->columns >= 16) _mm_storeu_si128((__m128i *)out, bytes);
    else _mm_mask_storeu_epi8(out, e->lanes, bytes);
}

/// Requantizes `rows` rows of 16 sums and stores the panel's columns as int8, `out_stride` apart.
CK_VNNI __attribute__((always_inline)) static inline void store_rows(size_t rows, __m512i *sums, const panel_epilogue *e, int8_t *out,
                                                                  size_t out_stride) {
    for (size_t r = 0; r < rows; r++) sums[r] = _mm512_add_epi32(sums[r], e->folded);
    if (e->q) {
        for (size_t r = 0; r < rows; r++) {
            int32_t values[16];
            _mm512_storeu_si512(values, sums[r]);
            for (size_t j = 0; j < e->columns; j++) out[r * out_stride + j] = requant(values[j], e->c + j, e->q);
        }
        return;
    }
    __m512i values[TILE_ROWS];
    requant16_values(rows, sums, &e->k, 0, values);
    size_t r = 0;
    for (; r + 4 <= rows; r += 4) {
        __m512i bytes = requant16_narrow4(values + r, e->k.q);
        if (e->columns == 16 && out_stride == 16) {
            _mm512_storeu_si512(out + r * 16, bytes);  // four adjacent rows
            continue;
        }
        store_row(_mm512_extracti32x4_epi32(bytes, 0), e, out + r * out_stride);
        store_row(_mm512_extracti32x4_epi32(bytes, 1), e, out + (r + 1) * out_stride);
        store_row(_mm512_extracti32x4_epi32(bytes, 2), e, out + (r + 2) * out_stride);
        store_row(_mm512_extracti32x4_epi32(bytes, 3), e, out + (r + 3) * out_stride);
    }
    for (; r < rows; r++) store_row(requant16_narrow(values[r], &e->k), e, out + r * out_stride);
}

/// `rows` (a compile-time constant after inlining) unsigned rows × one 16-channel panel.
CK_VNNI __attribute__((always_inline)) static inline void tile(const size_t rows, const uint8_t *a, size_t a_stride, size_t quads,
                                                            const int8_t *panel, const int32_t *folded, size_t c, size_t columns,
                                                            const ck_i8_requant *q, int8_t *out, size_t out_stride) {
    __m512i acc[TILE_ROWS];
    for (size_t r = 0; r < rows; r++) acc[r] = _mm512_setzero_si512();
    for (size_t qd = 0; qd < quads; qd++) {
        __m512i w = _mm512_loadu_si512(panel + 64 * qd);
        for (size_t r = 0; r < rows; r++) {
            int32_t x;
            memcpy(&x, a + r * a_stride + 4 * qd, sizeof x);
            acc[r] = _mm512_dpbusd_epi32(acc[r], _mm512_set1_epi32(x), w);
        }
    }
    panel_epilogue e = epilogue_load(folded, c, columns, q);
    store_rows(rows, acc, &e, out, out_stride);
}

/// `rows` (a compile-time constant after inlining) unsigned rows × a panel of `n` ≤ 8 channels
/// (float-shortcut requantization only): 256-bit sums, two rows per requantized vector, whose
/// constants `k` and bias `folded` repeat the 8 channels in both halves.
CK_VNNI __attribute__((always_inline)) static inline void tile_narrow(const size_t rows, const uint8_t *a, size_t a_stride,
                                                                   size_t quads, const int8_t *panel, __m512i folded,
                                                                   const requant16_channels *k, size_t n, int8_t *out) {
    __m256i acc[TILE_ROWS];
    for (size_t r = 0; r < rows; r++) acc[r] = _mm256_setzero_si256();
    for (size_t qd = 0; qd < quads; qd++) {
        // The panel's first 32 bytes per quad hold its first 8 channels.
        __m256i w = _mm256_loadu_si256((const __m256i *)(panel + 64 * qd));
        for (size_t r = 0; r < rows; r++) {
            int32_t x;
            memcpy(&x, a + r * a_stride + 4 * qd, sizeof x);
            acc[r] = _mm256_dpbusd_epi32(acc[r], _mm256_set1_epi32(x), w);
        }
    }
    const size_t pairs = (rows + 1) / 2;
    __m512i sums[TILE_ROWS / 2];
    for (size_t i = 0; i < pairs; i++) {
        __m256i second = 2 * i + 1 < rows ? acc[2 * i + 1] : _mm256_setzero_si256();
        sums[i] = _mm512_add_epi32(_mm512_inserti64x4(_mm512_castsi256_si512(acc[2 * i]), second, 1), folded);
    }
    __m512i values[TILE_ROWS / 2];
    requant16_values(pairs, sums, k, 0, values);
    if (pairs == 4 && rows == 8 && n == 8) {
        _mm512_storeu_si512(out, requant16_narrow4(values, k->q));  // eight adjacent rows of 8
        return;
    }
    __m128i bytes[TILE_ROWS / 2];
    for (size_t i = 0; i < pairs; i++) bytes[i] = requant16_narrow(values[i], k);
    __mmask16 lanes = (__mmask16)((1u << n) - 1);
    for (size_t i = 0; i < pairs; i++) {
        int8_t *row = out + 2 * i * n;
        if (n == 8 && 2 * i + 1 < rows) {
            _mm_storeu_si128((__m128i *)row, bytes[i]);  // two adjacent rows of 8
        } else {
            _mm_mask_storeu_epi8(row, lanes, bytes[i]);
            if (2 * i + 1 < rows) _mm_mask_storeu_epi8(row + n, lanes, _mm_srli_si128(bytes[i], 8));
        }
    }
}

/// The product of `m` ≥ 1 unsigned rows with a panel of `n` ≤ 8 channels (`tile_narrow`).
CK_VNNI static void multiply_narrow(size_t m, const uint8_t *a, size_t a_stride, const ck_i8_weights *w, const int32_t *folded,
                                 const ck_i8_requant *q, int8_t *out) {
    size_t n = w->n, quads = (w->k + 3) / 4;
    const int8_t *panel = (const int8_t *)w->packed;
    __m512i bias = _mm512_broadcast_i32x8(_mm256_maskz_loadu_epi32((__mmask8)((1u << n) - 1), folded));
    requant16_channels k = requant16_load_lanes(0, q, 1);
    size_t i = 0;
    for (; i + TILE_ROWS <= m; i += TILE_ROWS) tile_narrow(TILE_ROWS, a + i * a_stride, a_stride, quads, panel, bias, &k, n, out + i * n);
    switch (m - i) {
    case 7: tile_narrow(7, a + i * a_stride, a_stride, quads, panel, bias, &k, n, out + i * n); break;
    case 6: tile_narrow(6, a + i * a_stride, a_stride, quads, panel, bias, &k, n, out + i * n); break;
    case 5: tile_narrow(5, a + i * a_stride, a_stride, quads, panel, bias, &k, n, out + i * n); break;
    case 4: tile_narrow(4, a + i * a_stride, a_stride, quads, panel, bias, &k, n, out + i * n); break;
    case 3: tile_narrow(3, a + i * a_stride, a_stride, quads, panel, bias, &k, n, out + i * n); break;
    case 2: tile_narrow(2, a + i * a_stride, a_stride, quads, panel, bias, &k, n, out + i * n); break;
    case 1: tile_narrow(1, a + i * a_stride, a_stride, quads, panel, bias, &k, n, out + i * n); break;
    default: break;
    }
}

/// One unsigned row × 4 panels from `first` (the last `4 − count` repeat panel `first` and are not
/// stored): four independent accumulation chains, for products with too few rows to hide the
/// latency of one chain per panel.
CK_VNNI static void row_times_panels(const uint8_t *a, size_t quads, const int8_t *packed, size_t first, size_t count,
                                  const int32_t *folded, size_t n, const ck_i8_requant *q, int8_t *out) {
    const int8_t *panel[4];
    for (size_t j = 0; j < 4; j++) panel[j] = packed + (j < count ? first + j : first) * quads * 64;
    __m512i acc0 = _mm512_setzero_si512(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    for (size_t qd = 0; qd < quads; qd++) {
        int32_t v;
        memcpy(&v, a + 4 * qd, sizeof v);
        __m512i x = _mm512_set1_epi32(v);
        acc0 = _mm512_dpbusd_epi32(acc0, x, _mm512_loadu_si512(panel[0] + 64 * qd));
        acc1 = _mm512_dpbusd_epi32(acc1, x, _mm512_loadu_si512(panel[1] + 64 * qd));
        acc2 = _mm512_dpbusd_epi32(acc2, x, _mm512_loadu_si512(panel[2] + 64 * qd));
        acc3 = _mm512_dpbusd_epi32(acc3, x, _mm512_loadu_si512(panel[3] + 64 * qd));
    }
    __m512i acc[4] = {acc0, acc1, acc2, acc3};
    for (size_t j = 0; j < count; j++) {
        size_t c = (first + j) * 16;
        panel_epilogue e = epilogue_load(folded, c, min_size(16, n - c), q);
        store_rows(1, &acc[j], &e, out + c, 0);
    }
}

/// The product of `m` unsigned rows (`a_stride` apart, whole quads) with every panel, requantized
/// into `out`.
CK_VNNI static void multiply(size_t m, const uint8_t *a, size_t a_stride, const ck_i8_weights *w, const int32_t *folded,
                          const ck_i8_requant *q, int8_t *out) {
    size_t n = w->n, quads = (w->k + 3) / 4, panels = (n + 15) / 16;
    if (n <= 8 && q->shortcut) {
        multiply_narrow(m, a, a_stride, w, folded, q, out);
        return;
    }
    if (m < 4) {
        for (size_t i = 0; i < m; i++)
            for (size_t p = 0; p < panels; p += 4)
                row_times_panels(a + i * a_stride, quads, w->packed, p, min_size(4, panels - p), folded, n, q, out + i * n);
        return;
    }
    for (size_t p = 0; p < panels; p++) {
        const int8_t *panel = (const int8_t *)w->packed + p * quads * 64;
        size_t c = p * 16, columns = min_size(16, n - c);
        size_t i = 0;
        for (; i + TILE_ROWS <= m; i += TILE_ROWS)
            tile(TILE_ROWS, a + i * a_stride, a_stride, quads, panel, folded, c, columns, q, out + i * n + c, n);
        switch (m - i) {
        case 7: tile(7, a + i * a_stride, a_stride, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 6: tile(6, a + i * a_stride, a_stride, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 5: tile(5, a + i * a_stride, a_stride, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 4: tile(4, a + i * a_stride, a_stride, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 3: tile(3, a + i * a_stride, a_stride, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 2: tile(2, a + i * a_stride, a_stride, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 1: tile(1, a + i * a_stride, a_stride, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        default: break;
        }
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
    int8_t *patches = pointwise || row_bytes <= 64 ? NULL : malloc(BLOCK_ROWS * row_bytes + 64);
    uint8_t *flipped = malloc(BLOCK_ROWS * row_bytes + 64);
    int32_t *shifted = malloc(n * sizeof(int32_t));
    if ((!pointwise && row_bytes > 64 && !patches) || !flipped || !shifted) {
        free(patches), free(flipped), free(shifted);
        return 0;
    }
    // Σ (x + 128)·w = Σ x·w + 128·Σ w: take the 128·Σ w back out of the folded bias.
    for (size_t j = 0; j < n; j++) shifted[j] = (int32_t)((uint32_t)folded[j] - ((uint32_t)w->row_sums[j] << 7));
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
        multiply(rows, flipped, row_bytes, w, shifted, q, out + start * n);
    }
    free(patches), free(flipped), free(shifted);
    return 1;
}
#else
int ck_i8_conv_vnni(const ck_window *g, const int8_t *input, int8_t pad, const ck_i8_weights *w, const int32_t *folded,
                    const ck_i8_requant *q, int8_t *out, size_t first, size_t count) {
    (void)g, (void)input, (void)pad, (void)w, (void)folded, (void)q, (void)out, (void)first, (void)count;
    return 0;
}
#endif
