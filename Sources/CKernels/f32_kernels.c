// Float32 packed-weight indirect GEMM and depthwise kernels: portable C plus AVX2+FMA versions
// compiled with per-function target attributes and chosen once at run time.
#include "CKernels.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "ck_target.h"

#define MR 6

static inline float clampf(float v, float lo, float hi) {
    v = v < lo ? lo : v;  // NaN stays NaN, as in the reference kernels
    return v > hi ? hi : v;
}

static inline size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

size_t ck_f32_packed_floats(size_t n, size_t k) {
    return (n + CK_PANEL - 1) / CK_PANEL * CK_PANEL * (k + 1);
}

void ck_f32_pack(size_t n, size_t k, const float *w, size_t column_stride, size_t depth_stride,
                 const float *bias, float *packed) {
    size_t panels = (n + CK_PANEL - 1) / CK_PANEL;
    for (size_t p = 0; p < panels; p++) {
        float *dst = packed + p * CK_PANEL * (k + 1);
        for (size_t j = 0; j < CK_PANEL; j++) {
            size_t column = p * CK_PANEL + j;
            dst[j] = (column < n && bias) ? bias[column] : 0.0f;
        }
        for (size_t kk = 0; kk < k; kk++) {
            float *row = dst + CK_PANEL * (kk + 1);
            for (size_t j = 0; j < CK_PANEL; j++) {
                size_t column = p * CK_PANEL + j;
                row[j] = column < n ? w[column * column_stride + kk * depth_stride] : 0.0f;
            }
        }
    }
}

// MARK: portable

/// One row against one panel with the CK_AVX2_FMA row kernel's four accumulators (channel ch % 4 of each
/// whole group of four into accumulator ch % 4, the rest into the first), summed as (p+q)+(r+s).
static void igemm_row_portable(size_t taps, size_t channels, const float *const *ind, const float *panel,
                               float *out, size_t columns, float lo, float hi) {
    float p[CK_PANEL], q[CK_PANEL] = {0}, r[CK_PANEL] = {0}, s[CK_PANEL] = {0};
    memcpy(p, panel, sizeof p);
    const float *w = panel + CK_PANEL;
    for (size_t t = 0; t < taps; t++) {
        const float *a = ind[t];
        size_t ch = 0;
        for (; ch + 4 <= channels; ch += 4, w += 4 * CK_PANEL) {
            for (size_t j = 0; j < CK_PANEL; j++) {
                p[j] = fmaf(a[ch], w[j], p[j]);
                q[j] = fmaf(a[ch + 1], w[CK_PANEL + j], q[j]);
                r[j] = fmaf(a[ch + 2], w[2 * CK_PANEL + j], r[j]);
                s[j] = fmaf(a[ch + 3], w[3 * CK_PANEL + j], s[j]);
            }
        }
        for (; ch < channels; ch++, w += CK_PANEL)
            for (size_t j = 0; j < CK_PANEL; j++) p[j] = fmaf(a[ch], w[j], p[j]);
    }
    for (size_t j = 0; j < columns; j++) out[j] = clampf((p[j] + q[j]) + (r[j] + s[j]), lo, hi);
}

// The same sums in the same order as the CK_AVX2_FMA kernels, with fused multiply-adds (fmaf rounds
// once, like vfmadd; correct everywhere, slower without hardware FMA), so both give identical bits.
static void igemm_portable(size_t m, size_t n, size_t taps, size_t channels, const float *const *rows,
                           const float *packed, float *c, size_t c_stride, float lo, float hi) {
    size_t k = taps * channels, panels = (n + CK_PANEL - 1) / CK_PANEL, full = m / MR * MR;
    for (size_t p = 0; p < panels; p++) {
        const float *panel = packed + p * CK_PANEL * (k + 1);
        size_t column = p * CK_PANEL, columns = min_size(CK_PANEL, n - column);
        for (size_t r = 0; r < m; r++) {
            float *out = c + r * c_stride + column;
            if (r >= full) {
                igemm_row_portable(taps, channels, rows + r * taps, panel, out, columns, lo, hi);
                continue;
            }
            float acc[CK_PANEL];
            memcpy(acc, panel, sizeof acc);
            const float *w = panel + CK_PANEL;
            for (size_t t = 0; t < taps; t++) {
                const float *a = rows[r * taps + t];
                for (size_t ch = 0; ch < channels; ch++, w += CK_PANEL) {
                    float value = a[ch];
                    for (size_t j = 0; j < CK_PANEL; j++) acc[j] = fmaf(value, w[j], acc[j]);
                }
            }
            for (size_t j = 0; j < columns; j++) out[j] = clampf(acc[j], lo, hi);
        }
    }
}

static void depthwise_portable(size_t pixels, size_t channels, size_t taps, const float *const *rows,
                               const float *w, const float *bias, float *out, float lo, float hi) {
    for (size_t p = 0; p < pixels; p++) {
        const float *const *taps_of_pixel = rows + p * taps;
        float *o = out + p * channels;
        for (size_t ch = 0; ch < channels; ch++) o[ch] = bias ? bias[ch] : 0.0f;
        for (size_t t = 0; t < taps; t++) {
            const float *a = taps_of_pixel[t], *wt = w + t * channels;
            for (size_t ch = 0; ch < channels; ch++) o[ch] = fmaf(a[ch], wt[ch], o[ch]);
        }
        for (size_t ch = 0; ch < channels; ch++) o[ch] = clampf(o[ch], lo, hi);
    }
}

// MARK: CK_AVX2_FMA + FMA

#if CK_X86

// max/min return their second operand when either is NaN: a NaN sum stays NaN.
CK_AVX2_FMA static inline __m256 clamp8(__m256 v, __m256 vlo, __m256 vhi) {
    return _mm256_min_ps(vhi, _mm256_max_ps(vlo, v));
}

CK_AVX2_FMA static inline void store_row(float *out, __m256 lo8, __m256 hi8, size_t columns, __m256 vlo, __m256 vhi) {
    lo8 = clamp8(lo8, vlo, vhi);
    hi8 = clamp8(hi8, vlo, vhi);
    if (columns == CK_PANEL) {
        _mm256_storeu_ps(out, lo8);
        _mm256_storeu_ps(out + 8, hi8);
    } else {
        float tmp[CK_PANEL];
        _mm256_storeu_ps(tmp, lo8);
        _mm256_storeu_ps(tmp + 8, hi8);
        for (size_t j = 0; j < columns; j++) out[j] = tmp[j];
    }
}

// One row against one panel, four independent accumulator pairs (few-row products, e.g. GEMV).
CK_AVX2_FMA static void igemm_row_avx2(size_t taps, size_t channels, const float *const *ind, const float *panel,
                                float *out, size_t columns, __m256 vlo, __m256 vhi) {
    __m256 p0 = _mm256_loadu_ps(panel), p1 = _mm256_loadu_ps(panel + 8);
    __m256 q0 = _mm256_setzero_ps(), q1 = q0, r0 = q0, r1 = q0, s0 = q0, s1 = q0;
    const float *w = panel + CK_PANEL;
    for (size_t t = 0; t < taps; t++) {
        const float *a = ind[t];
        size_t ch = 0;
        for (; ch + 4 <= channels; ch += 4, w += 4 * CK_PANEL) {
            __m256 x = _mm256_broadcast_ss(a + ch);
            p0 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w), p0); p1 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w + 8), p1);
            x = _mm256_broadcast_ss(a + ch + 1);
            q0 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w + 16), q0); q1 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w + 24), q1);
            x = _mm256_broadcast_ss(a + ch + 2);
            r0 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w + 32), r0); r1 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w + 40), r1);
            x = _mm256_broadcast_ss(a + ch + 3);
            s0 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w + 48), s0); s1 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w + 56), s1);
        }
        for (; ch < channels; ch++, w += CK_PANEL) {
            __m256 x = _mm256_broadcast_ss(a + ch);
            p0 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w), p0); p1 = _mm256_fmadd_ps(x, _mm256_loadu_ps(w + 8), p1);
        }
    }
    p0 = _mm256_add_ps(_mm256_add_ps(p0, q0), _mm256_add_ps(r0, s0));
    p1 = _mm256_add_ps(_mm256_add_ps(p1, q1), _mm256_add_ps(r1, s1));
    store_row(out, p0, p1, columns, vlo, vhi);
}

CK_AVX2_FMA static void igemm_avx2(size_t m, size_t n, size_t taps, size_t channels, const float *const *rows,
                            const float *packed, float *c, size_t c_stride, float lo, float hi) {
    size_t k = taps * channels, panels = (n + CK_PANEL - 1) / CK_PANEL;
    __m256 vlo = _mm256_set1_ps(lo), vhi = _mm256_set1_ps(hi);
    for (size_t p = 0; p < panels; p++) {
        const float *panel = packed + p * CK_PANEL * (k + 1);
        size_t column = p * CK_PANEL, columns = min_size(CK_PANEL, n - column);
        size_t full = m / MR * MR;
        for (size_t r = full; r < m; r++)
            igemm_row_avx2(taps, channels, rows + r * taps, panel, c + r * c_stride + column, columns, vlo, vhi);
        for (size_t r0 = 0; r0 < full; r0 += MR) {
            const float *const *ind = rows + r0 * taps;
            __m256 c00 = _mm256_loadu_ps(panel), c01 = _mm256_loadu_ps(panel + 8);
            __m256 c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01;
            __m256 c40 = c00, c41 = c01, c50 = c00, c51 = c01;
            const float *w = panel + CK_PANEL;
            for (size_t t = 0; t < taps; t++) {
                const float *a0 = ind[t], *a1 = ind[taps + t], *a2 = ind[2 * taps + t];
                const float *a3 = ind[3 * taps + t], *a4 = ind[4 * taps + t], *a5 = ind[5 * taps + t];
                for (size_t ch = 0; ch < channels; ch++, w += CK_PANEL) {
                    __m256 w0 = _mm256_loadu_ps(w), w1 = _mm256_loadu_ps(w + 8), a;
                    a = _mm256_broadcast_ss(a0 + ch); c00 = _mm256_fmadd_ps(a, w0, c00); c01 = _mm256_fmadd_ps(a, w1, c01);
                    a = _mm256_broadcast_ss(a1 + ch); c10 = _mm256_fmadd_ps(a, w0, c10); c11 = _mm256_fmadd_ps(a, w1, c11);
                    a = _mm256_broadcast_ss(a2 + ch); c20 = _mm256_fmadd_ps(a, w0, c20); c21 = _mm256_fmadd_ps(a, w1, c21);
                    a = _mm256_broadcast_ss(a3 + ch); c30 = _mm256_fmadd_ps(a, w0, c30); c31 = _mm256_fmadd_ps(a, w1, c31);
                    a = _mm256_broadcast_ss(a4 + ch); c40 = _mm256_fmadd_ps(a, w0, c40); c41 = _mm256_fmadd_ps(a, w1, c41);
                    a = _mm256_broadcast_ss(a5 + ch); c50 = _mm256_fmadd_ps(a, w0, c50); c51 = _mm256_fmadd_ps(a, w1, c51);
                }
            }
            float *out = c + r0 * c_stride + column;
            store_row(out, c00, c01, columns, vlo, vhi);
            store_row(out + c_stride, c10, c11, columns, vlo, vhi);
            store_row(out + 2 * c_stride, c20, c21, columns, vlo, vhi);
            store_row(out + 3 * c_stride, c30, c31, columns, vlo, vhi);
            store_row(out + 4 * c_stride, c40, c41, columns, vlo, vhi);
            store_row(out + 5 * c_stride, c50, c51, columns, vlo, vhi);
        }
    }
}

/// The AVX2 depthwise kernel; `taps` is a compile-time constant after inlining for 3×3 windows.
CK_AVX2_FMA __attribute__((always_inline)) static inline void depthwise_taps_avx2(size_t pixels, size_t channels, const size_t taps,
                                                                              const float *const *rows, const float *w,
                                                                              const float *bias, float *out, float lo, float hi) {
    __m256 vlo = _mm256_set1_ps(lo), vhi = _mm256_set1_ps(hi);
    size_t rest = channels % 8;
    __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)rest), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    for (size_t p = 0; p < pixels; p++) {
        const float *const *ind = rows + p * taps;
        float *o = out + p * channels;
        size_t ch = 0;
        for (; ch + 16 <= channels; ch += 16) {
            __m256 acc0 = bias ? _mm256_loadu_ps(bias + ch) : _mm256_setzero_ps();
            __m256 acc1 = bias ? _mm256_loadu_ps(bias + ch + 8) : _mm256_setzero_ps();
            for (size_t t = 0; t < taps; t++) {
                const float *a = ind[t] + ch, *wt = w + t * channels + ch;
                acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a), _mm256_loadu_ps(wt), acc0);
                acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + 8), _mm256_loadu_ps(wt + 8), acc1);
            }
            _mm256_storeu_ps(o + ch, clamp8(acc0, vlo, vhi));
            _mm256_storeu_ps(o + ch + 8, clamp8(acc1, vlo, vhi));
        }
        for (; ch + 8 <= channels; ch += 8) {
            __m256 acc = bias ? _mm256_loadu_ps(bias + ch) : _mm256_setzero_ps();
            for (size_t t = 0; t < taps; t++)
                acc = _mm256_fmadd_ps(_mm256_loadu_ps(ind[t] + ch), _mm256_loadu_ps(w + t * channels + ch), acc);
            _mm256_storeu_ps(o + ch, clamp8(acc, vlo, vhi));
        }
        if (rest) {
            __m256 acc = bias ? _mm256_maskload_ps(bias + ch, mask) : _mm256_setzero_ps();
            for (size_t t = 0; t < taps; t++)
                acc = _mm256_fmadd_ps(_mm256_maskload_ps(ind[t] + ch, mask),
                                      _mm256_maskload_ps(w + t * channels + ch, mask), acc);
            _mm256_maskstore_ps(o + ch, mask, clamp8(acc, vlo, vhi));
        }
    }
}

CK_AVX2_FMA static void depthwise_avx2(size_t pixels, size_t channels, size_t taps, const float *const *rows,
                                const float *w, const float *bias, float *out, float lo, float hi) {
    if (taps == 9) depthwise_taps_avx2(pixels, channels, 9, rows, w, bias, out, lo, hi);
    else depthwise_taps_avx2(pixels, channels, taps, rows, w, bias, out, lo, hi);
}
#endif

// MARK: dispatch

static atomic_int selected = -1;

int ck_f32_uses_avx2(void) {
    int isa = atomic_load_explicit(&selected, memory_order_relaxed);
    if (isa >= 0) return isa;
    isa = 0;
#if CK_X86
    const char *forced = getenv("EDGEWISE_PORTABLE_KERNELS");
    if (!(forced && *forced && strcmp(forced, "0") != 0)) {
        __builtin_cpu_init();
        isa = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
#endif
    atomic_store_explicit(&selected, isa, memory_order_relaxed);
    return isa;
}

void ck_f32_use_portable(int portable) {
    atomic_store_explicit(&selected, portable ? 0 : -1, memory_order_relaxed);
}

void ck_f32_igemm(size_t m, size_t n, size_t taps, size_t channels, const float *const *rows,
                  const float *packed, float *c, size_t c_stride, float lo, float hi) {
#if CK_X86
    if (ck_f32_uses_avx2()) {
        igemm_avx2(m, n, taps, channels, rows, packed, c, c_stride, lo, hi);
        return;
    }
#endif
    igemm_portable(m, n, taps, channels, rows, packed, c, c_stride, lo, hi);
}

void ck_f32_depthwise(size_t pixels, size_t channels, size_t taps, const float *const *rows,
                      const float *w, const float *bias, float *out, float lo, float hi) {
#if CK_X86
    if (ck_f32_uses_avx2()) {
        depthwise_avx2(pixels, channels, taps, rows, w, bias, out, lo, hi);
        return;
    }
#endif
    depthwise_portable(pixels, channels, taps, rows, w, bias, out, lo, hi);
}
