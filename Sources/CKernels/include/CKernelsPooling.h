#ifndef EDGEWISE_CKERNELS_POOLING_H
#define EDGEWISE_CKERNELS_POOLING_H

#include <stddef.h>
#include <stdint.h>

#include "CKernelsWindow.h"

/// Quantized NHWC MAX_POOL_2D / AVERAGE_POOL_2D (TFLite's reference integer kernels) over the
/// output pixels `first..<first+count` (pixel `p` is image `p / (out_h·out_w)`; its `in_c` outputs
/// start at `out + p·in_c`), with the dispatch of `ck_f32_uses_avx2`. Only the window's in-bounds
/// taps count (`dil_h`, `dil_w` must be 1). Max: the largest tap; average: the int32 tap sum
/// divided by the tap count rounding half away from zero. Both are then clamped to `lo...hi`.

/// int8 max pooling.
void ck_i8_max_pool(const ck_window *g, const int8_t *input, int8_t *out, int32_t lo, int32_t hi, size_t first, size_t count);

/// int8 average pooling.
void ck_i8_avg_pool(const ck_window *g, const int8_t *input, int8_t *out, int32_t lo, int32_t hi, size_t first, size_t count);

/// int16 max pooling.
void ck_i16_max_pool(const ck_window *g, const int16_t *input, int16_t *out, int32_t lo, int32_t hi, size_t first, size_t count);

/// int16 average pooling.
void ck_i16_avg_pool(const ck_window *g, const int16_t *input, int16_t *out, int32_t lo, int32_t hi, size_t first, size_t count);

#endif
