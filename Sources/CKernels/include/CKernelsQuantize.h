#ifndef EDGEWISE_CKERNELS_QUANTIZE_H
#define EDGEWISE_CKERNELS_QUANTIZE_H

#include <stddef.h>
#include <stdint.h>

/// float32 → integer QUANTIZE (TFLite's reference): `out[i] = clamp(round(x[i] / scale) +
/// zero_point)` with a float32 division, rounding half away from zero, NaN quantized as 0 and the
/// clamp to the output type's range. `zero_point` must lie in [-65536, 65536]. Same run-time
/// dispatch as the other kernels (AVX2 or portable C, identical results).
void ck_quantize_f32_i16(size_t count, const float *x, float scale, int32_t zero_point, int16_t *out);
void ck_quantize_f32_i8(size_t count, const float *x, float scale, int32_t zero_point, int8_t *out);
void ck_quantize_f32_u8(size_t count, const float *x, float scale, int32_t zero_point, uint8_t *out);

#endif
