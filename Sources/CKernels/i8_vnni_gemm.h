// Internal to CKernels: the AVX-512 VNNI int8 GEMM of the convolutions: `vpdpbusd` tiles of up
// to 8 unsigned rows × 16 channels (× 8 channels with two rows per requantized vector for narrow
// panels), bias with −128·Σw folded in, and the requantization and stores of each tile. Rows come
// from a block of patches (or pointwise input rows) a fixed stride apart, or (`direct`) from
// per-row pointers into a padded image with per-quad offsets.
#ifndef EDGEWISE_CKERNELS_VNNI_GEMM_H
#define EDGEWISE_CKERNELS_VNNI_GEMM_H

#include "i8_requant.h"

#if CK_X86
/// Rows per VNNI tile.
#define TILE_ROWS 8

/// Where a tile's unsigned rows are: quad `qd` of row `r` at `a + r·a_stride + 4·qd`, or (direct)
/// at `rows[r] + offsets[qd]`.
typedef struct {
    const uint8_t *a;
    size_t a_stride;
    const uint8_t *const *rows;
    const size_t *offsets;
} tile_source;

/// The rows of `src` from row `i` on.
static inline tile_source tile_source_at(tile_source src, const int direct, size_t i) {
    if (direct) src.rows += i;
    else src.a += i * src.a_stride;
    return src;
}

/// Quad `qd` of row `r` as one int32.
static inline int32_t tile_quad(const tile_source *src, const int direct, size_t r, size_t qd) {
    int32_t x;
    memcpy(&x, direct ? src->rows[r] + src->offsets[qd] : src->a + r * src->a_stride + 4 * qd, sizeof x);
    return x;
}

/// One panel's bias and requantization, loaded once for all its rows.
typedef struct {
    __m512i folded;
    requant16_channels k;
    __mmask16 lanes;
    size_t columns;
} panel_epilogue;

CK_VNNI __attribute__((always_inline)) static inline panel_epilogue epilogue_load(const int32_t *folded, size_t c, size_t columns,
                                                                               const ck_i8_requant *q) {
    panel_epilogue e;
    e.lanes = columns >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << columns) - 1);
    e.folded = _mm512_maskz_loadu_epi32(e.lanes, folded + c);
    e.k = requant16_load(c, q);
    e.columns = columns;
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
    if (e->k.q->double_scales) {
        for (size_t r = 0; r < rows; r++) {
            int32_t values[16];
            _mm512_storeu_si512(values, sums[r]);
            for (size_t j = 0; j < e->columns; j++) out[r * out_stride + j] = requant(values[j], e->k.c + j, e->k.q);
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

/// `rows` (a compile-time constant after inlining) unsigned rows of `src` × one 16-channel panel.
CK_VNNI __attribute__((always_inline)) static inline void tile(const size_t rows, const int direct, tile_source src, size_t quads,
                                                            const int8_t *panel, const int32_t *folded, size_t c, size_t columns,
                                                            const ck_i8_requant *q, int8_t *out, size_t out_stride) {
    __m512i acc[TILE_ROWS];
    for (size_t r = 0; r < rows; r++) acc[r] = _mm512_setzero_si512();
    for (size_t qd = 0; qd < quads; qd++) {
        __m512i w = _mm512_loadu_si512(panel + 64 * qd);
        for (size_t r = 0; r < rows; r++) acc[r] = _mm512_dpbusd_epi32(acc[r], _mm512_set1_epi32(tile_quad(&src, direct, r, qd)), w);
    }
    panel_epilogue e = epilogue_load(folded, c, columns, q);
    store_rows(rows, acc, &e, out, out_stride);
}

/// `rows` (a compile-time constant after inlining) unsigned rows × a panel of `n` ≤ 8 channels
/// (float-shortcut requantization only): 256-bit sums, two rows per requantized vector, whose
/// constants `k` and bias `folded` repeat the 8 channels in both halves.
CK_VNNI __attribute__((always_inline)) static inline void tile_narrow(const size_t rows, const int direct, tile_source src,
                                                                   size_t quads, const int8_t *panel, __m512i folded,
                                                                   const requant16_channels *k, size_t n, int8_t *out) {
    __m256i acc[TILE_ROWS];
    for (size_t r = 0; r < rows; r++) acc[r] = _mm256_setzero_si256();
    for (size_t qd = 0; qd < quads; qd++) {
        // The panel's first 32 bytes per quad hold its first 8 channels.
        __m256i w = _mm256_loadu_si256((const __m256i *)(panel + 64 * qd));
        for (size_t r = 0; r < rows; r++) acc[r] = _mm256_dpbusd_epi32(acc[r], _mm256_set1_epi32(tile_quad(&src, direct, r, qd)), w);
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

/// The product of `m` ≥ 1 unsigned rows of `src` with a panel of `n` ≤ 8 channels (`tile_narrow`).
CK_VNNI __attribute__((always_inline)) static inline void multiply_narrow(size_t m, const int direct, tile_source src,
                                                                       const ck_i8_weights *w, const int32_t *folded,
                                                                       const ck_i8_requant *q, int8_t *out) {
    size_t n = w->n, quads = (w->k + 3) / 4;
    const int8_t *panel = (const int8_t *)w->packed;
    __m512i bias = _mm512_broadcast_i32x8(_mm256_maskz_loadu_epi32((__mmask8)((1u << n) - 1), folded));
    requant16_channels k = requant16_load_lanes(0, q, 1);
    size_t i = 0;
    for (; i + TILE_ROWS <= m; i += TILE_ROWS)
        tile_narrow(TILE_ROWS, direct, tile_source_at(src, direct, i), quads, panel, bias, &k, n, out + i * n);
    tile_source rest = tile_source_at(src, direct, i);
    switch (m - i) {
    case 7: tile_narrow(7, direct, rest, quads, panel, bias, &k, n, out + i * n); break;
    case 6: tile_narrow(6, direct, rest, quads, panel, bias, &k, n, out + i * n); break;
    case 5: tile_narrow(5, direct, rest, quads, panel, bias, &k, n, out + i * n); break;
    case 4: tile_narrow(4, direct, rest, quads, panel, bias, &k, n, out + i * n); break;
    case 3: tile_narrow(3, direct, rest, quads, panel, bias, &k, n, out + i * n); break;
    case 2: tile_narrow(2, direct, rest, quads, panel, bias, &k, n, out + i * n); break;
    case 1: tile_narrow(1, direct, rest, quads, panel, bias, &k, n, out + i * n); break;
    default: break;
    }
}

/// One unsigned row × 4 panels from `first` (the last `4 − count` repeat panel `first` and are not
/// stored): four independent accumulation chains, for products with too few rows to hide the
/// latency of one chain per panel.
CK_VNNI static inline void row_times_panels(const uint8_t *a, size_t quads, const int8_t *packed, size_t first, size_t count,
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

/// The product of `m` unsigned rows of `src` (`direct` a compile-time constant after inlining)
/// with every panel, requantized into `out`.
CK_VNNI __attribute__((always_inline)) static inline void multiply_rows(size_t m, const int direct, tile_source src,
                                                                     const ck_i8_weights *w, const int32_t *folded,
                                                                     const ck_i8_requant *q, int8_t *out) {
    size_t n = w->n, quads = (w->k + 3) / 4, panels = (n + 15) / 16;
    if (n <= 8 && q->shortcut) {
        multiply_narrow(m, direct, src, w, folded, q, out);
        return;
    }
    if (m < 4 && !direct) {
        for (size_t i = 0; i < m; i++)
            for (size_t p = 0; p < panels; p += 4)
                row_times_panels(src.a + i * src.a_stride, quads, w->packed, p, min_size(4, panels - p), folded, n, q, out + i * n);
        return;
    }
    for (size_t p = 0; p < panels; p++) {
        const int8_t *panel = (const int8_t *)w->packed + p * quads * 64;
        size_t c = p * 16, columns = min_size(16, n - c);
        size_t i = 0;
        for (; i + TILE_ROWS <= m; i += TILE_ROWS)
            tile(TILE_ROWS, direct, tile_source_at(src, direct, i), quads, panel, folded, c, columns, q, out + i * n + c, n);
        tile_source rest = tile_source_at(src, direct, i);
        switch (m - i) {
        case 7: tile(7, direct, rest, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 6: tile(6, direct, rest, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 5: tile(5, direct, rest, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 4: tile(4, direct, rest, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 3: tile(3, direct, rest, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 2: tile(2, direct, rest, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        case 1: tile(1, direct, rest, quads, panel, folded, c, columns, q, out + i * n + c, n); break;
        default: break;
        }
    }
}
#endif

#endif
