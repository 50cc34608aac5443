// The float constants that let the AVX-512 kernels requantize int8 outputs with a few float
// instructions and still get TFLite's exact results.
//
// TFLite computes, for a sum s, multiplier M in [2^30, 2^31) and right shift r ≥ 1 (no left shift):
//   t = SaturatingRoundingDoublingHighMul(s, M) = ⌊(s·M + 2^30) / 2^31⌋
//   RoundingDivideByPOT(t, r) = ⌊(t + 2^(r-1)) / 2^r⌋ for t ≥ 0, ⌊(t + 2^(r-1) − 1) / 2^r⌋ for t < 0.
// Nested floors of integers by positive integers merge into one, so the result is
//   ⌊s·M/2^(31+r) + 1/2 + 2^-(r+1)⌋ for s ≥ 0 and ⌊s·M/2^(31+r) + 1/2 − 2^-(r+1)⌋ for s < 0
// (t < 0 exactly when s < 0, except s = −1 with M = 2^30, where both forms give 0 for r ≥ 2 and
// r = 1 lands on an integer, which the kernels hand to the exact path). With the output offset z,
// the output before the clamp is ⌊s·scale + bias⌋, scale = M/2^(31+r), bias = z + 1/2 ± 2^-(r+1).
//
// The kernels evaluate that sum as fmaf(float(s), scale, bias − margin). Unless the output
// saturates, |s·scale| ≤ 129 + |z| + 1 ≤ 258, so float(s) and float(scale) (relative errors ≤ 2^-24)
// and the final rounding of the sum (≤ 2^-16 below 512) keep it within 2^-15 of the true value;
// the bias is exact when r ≤ 15 and within 2^-17 otherwise. A fraction of the lowered sum at most
// 1 − 2·margin therefore proves its floor equal to the true floor; otherwise the exact integer path
// decides. Saturating outputs stay saturated: their float sums keep the side of the int8 range.
#include "i8_requant.h"

#include <math.h>

size_t ck_i8_requant_shortcut_count(size_t channels) {
    return (channels + CK_I8_REQUANT_PADDING + 15) / 16 * 48;
}

int ck_i8_requant_shortcut(size_t channels, const ck_i8_requant *q, float *shortcut) {
    if (q->double_scales || q->min_multiplier) return 0;
    for (size_t c = 0; c < channels; c++)
        if (q->multipliers[c] != 0 && (q->left_shifts[c] != 0 || q->right_shifts[c] < 1 || q->right_shifts[c] > 60))
            return 0;
    size_t padded = channels + CK_I8_REQUANT_PADDING;
    for (size_t block = 0; block < (padded + 15) / 16; block++) {
        float *scales = shortcut + 48 * block, *up = scales + 16, *down = scales + 32;
        for (size_t i = 0; i < 16; i++) {
            size_t c = 16 * block + i;
            // A zero multiplier (unused channels, padding) gives t = 0 and the offset.
            int used = c < channels && q->multipliers[c] != 0;
            double base = (double)q->output_offset + 0.5 - (double)CK_REQUANT_SHORTCUT_MARGIN;
            double step = used ? ldexp(1.0, -(q->right_shifts[c] + 1)) : 0.0;
            scales[i] = used ? (float)ldexp((double)q->multipliers[c], -(31 + q->right_shifts[c])) : 0.0f;
            up[i] = (float)(base + step);
            down[i] = (float)(base - step);
        }
    }
    return 1;
}
