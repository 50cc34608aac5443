#ifndef EDGEWISE_CKERNELS_H
#define EDGEWISE_CKERNELS_H

#include <stddef.h>

/// Float32 inner kernels with run-time CPU dispatch: AVX2+FMA on x86-64 CPUs that have it,
/// portable C everywhere else. Setting EDGEWISE_PORTABLE_KERNELS=1 in the environment forces the
/// portable code (to test it on a machine with AVX2).

/// Columns per packed weight panel.
#define CK_PANEL 16

/// 1 when the AVX2+FMA kernels are in use, 0 for the portable ones.
int ck_f32_uses_avx2(void);

/// Forces the portable kernels (`portable` 1) or returns to detecting the CPU (0), e.g. in tests.
void ck_f32_use_portable(int portable);

/// Floats `ck_f32_pack` writes for an `n`-column, depth-`k` weight matrix.
size_t ck_f32_packed_floats(size_t n, size_t k);

/// Packs weights W (`k×n`, element (kk, j) at `w[j*column_stride + kk*depth_stride]`) and an
/// optional bias (`n` floats) into panels of CK_PANEL columns: per panel the bias, then `k` rows of
/// CK_PANEL weights; columns past `n` are zero.
void ck_f32_pack(size_t n, size_t k, const float *w, size_t column_stride, size_t depth_stride,
                 const float *bias, float *packed);

/// Indirect matrix product with fused bias and clamp: for output rows `0..<m`, row `r` of the
/// left matrix is the concatenation over `t` of `channels` floats at `rows[r*taps + t]`;
/// `c[r*c_stride + j] = clamp(bias[j] + Σ a(r, kk)·W(kk, j), lo, hi)` for j in `0..<n`.
void ck_f32_igemm(size_t m, size_t n, size_t taps, size_t channels, const float *const *rows,
                  const float *packed, float *c, size_t c_stride, float lo, float hi);

/// Depthwise step with multiplier 1: for each output pixel `p` in `0..<pixels`,
/// `out[p*channels + ch] = clamp(bias[ch] + Σ_t rows[p*taps + t][ch]·w[t*channels + ch], lo, hi)`
/// (`bias` may be NULL).
void ck_f32_depthwise(size_t pixels, size_t channels, size_t taps, const float *const *rows,
                      const float *w, const float *bias, float *out, float lo, float hi);

#include "CKernelsWindow.h"
#include "CKernelsInt8.h"
#include "CKernelsInt16.h"
#include "CKernelsQuantize.h"
#include "CKernelsElementwise.h"
#include "CKernelsHybrid.h"
#include "CKernelsPooling.h"
#include "CKernelsBatchMatMul.h"

#endif
