#ifndef EDGEWISE_CKERNELS_ELEMENTWISE_H
#define EDGEWISE_CKERNELS_ELEMENTWISE_H

#include <stddef.h>
#include <stdint.h>

/// Same-shape quantized ADD/SUB/MUL (int8 and int16) with the dispatch of `ck_f32_uses_avx2`.
/// Every rescale is TFLite's double-rounding MultiplyByQuantizedMultiplier, split into
/// `left` = max(shift, 0) and `right` = max(−shift, 0); int32 arithmetic wraps.

/// One rescale: multiplier (Q31), left shift, right shift.
typedef struct {
    int32_t multiplier;
    int32_t left;
    int32_t right;
} ck_q_rescale;

/// ADD/SUB: `x = rescale1((a + input1_offset) << left_shift)`, `y` likewise, then
/// `clamp(output_rescale(x ± y) + output_offset, act_min, act_max)`.
typedef struct {
    int32_t input1_offset;
    int32_t input2_offset;
    int32_t left_shift;
    ck_q_rescale input1;
    ck_q_rescale input2;
    ck_q_rescale output;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
} ck_q_add_params;

/// MUL: `clamp(rescale((a + input1_offset)·(b + input2_offset)) + output_offset, act_min, act_max)`
/// (`input*` fields other than the offsets unused).
typedef ck_q_add_params ck_q_mul_params;

/// `out[i] = clamp(rescale(sums[i] + bias) + output_offset, act_min, act_max)` for `i < n`, int8
/// (the last step of quantized MEAN/SUM); wrapping int32 addition.
void ck_q8_requantize(size_t n, const int32_t *sums, int32_t bias, const ck_q_rescale *r, int32_t output_offset,
                      int32_t act_min, int32_t act_max, int8_t *out);

/// `out[i] = a[i] ± b[i]` (SUB when `subtract` is non-zero) for `i < n`, int8.
void ck_q8_add(size_t n, const int8_t *a, const int8_t *b, const ck_q_add_params *p, int subtract, int8_t *out);
/// As `ck_q8_add`, int16.
void ck_q16_add(size_t n, const int16_t *a, const int16_t *b, const ck_q_add_params *p, int subtract, int16_t *out);
/// `out[i] = a[i] · b[i]` for `i < n`, int8 (rescale in `p->output`).
void ck_q8_mul(size_t n, const int8_t *a, const int8_t *b, const ck_q_mul_params *p, int8_t *out);
/// As `ck_q8_mul`, int16.
void ck_q16_mul(size_t n, const int16_t *a, const int16_t *b, const ck_q_mul_params *p, int16_t *out);

#endif
