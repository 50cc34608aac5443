#ifndef EDGEWISE_CKERNELS_BATCH_MATMUL_H
#define EDGEWISE_CKERNELS_BATCH_MATMUL_H

#include <stddef.h>
#include <stdint.h>

#include "CKernelsElementwise.h"

/// int8 BATCH_MATMUL of one batch (TFLite's reference with int32 accumulators that wrap):
/// `out[i·n + j] = clamp(MultiplyByQuantizedMultiplier(Σ_kk (A(i,kk) + lhs_offset)·(B(kk,j) + rhs_offset))
/// + output_offset, act_min, act_max)`, with the dispatch of `ck_f32_uses_avx2`.
typedef struct {
    size_t n, k;
    /// A(i, kk) is `lhs[i·row_stride + kk·depth_stride]`.
    size_t row_stride, depth_stride;
    int32_t lhs_offset;
    ck_q_rescale rescale;
    int32_t output_offset, act_min, act_max;
} ck_i8_bmm_params;

/// int16 values `ck_i8_bmm_pack` writes for an `n`-column, depth-`k` right-hand matrix.
size_t ck_i8_bmm_packed_size(size_t n, size_t k);

/// Packs B (B(kk, j) at `rhs[kk·depth_stride + j·column_stride]`) plus `offset` as int16 pairs
/// along the depth, in panels of 8 columns; entries past `n` or `k` are zero.
void ck_i8_bmm_pack(size_t n, size_t k, const int8_t *rhs, size_t depth_stride, size_t column_stride, int32_t offset,
                    int16_t *packed);

/// Output rows `first..<first+count` from `lhs` (row 0's base) and the packed B; 0 when out of memory.
int ck_i8_bmm(const ck_i8_bmm_params *p, const int8_t *lhs, const int16_t *packed, int8_t *out, size_t first, size_t count);

#endif
