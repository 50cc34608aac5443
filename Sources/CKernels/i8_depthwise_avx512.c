// The AVX-512 VNNI int8 depthwise step: 32 channels per vector, tap pairs interleaved as int16 and
// accumulated with `vpdpwssd`, channel blocks outermost so each block's weights and requantization
// constants stay in registers across the pixels.
#include "i8_requant.h"

size_t ck_i8_dw_packed_avx512(size_t channels, size_t taps) { return (channels + 31) / 32 * ((taps + 1) / 2) * 64; }

void ck_i8_dw_pack_avx512(size_t channels, size_t taps, const int8_t *w, int16_t *packed) {
    size_t pairs = (taps + 1) / 2;
    for (size_t c = 0; c < channels; c += 32) {
        for (size_t t = 0; t < pairs; t++) {
            // Vector 0 holds channels 8L..8L+3 of each 128-bit lane L, vector 1 channels 8L+4..8L+7.
            for (size_t v = 0; v < 2; v++) {
                for (size_t lane = 0; lane < 4; lane++) {
                    for (size_t i = 0; i < 4; i++) {
                        size_t ch = c + 8 * lane + 4 * v + i;
                        int inside = ch < channels;
                        *packed++ = inside ? w[2 * t * channels + ch] : 0;
                        *packed++ = inside && 2 * t + 1 < taps ? w[(2 * t + 1) * channels + ch] : 0;
                    }
                }
            }
        }
    }
}

#if CK_I8_X86
VNNI void ck_i8_dw_avx512(const int8_t *const *rows, size_t pixels, size_t taps, size_t channels, const int16_t *packed,
                          const int32_t *folded, const ck_i8_requant *q, int8_t *out) {
    size_t pairs = (taps + 1) / 2;
    const __m512i first_half = _mm512_set_epi64(11, 10, 3, 2, 9, 8, 1, 0);
    const __m512i second_half = _mm512_set_epi64(15, 14, 7, 6, 13, 12, 5, 4);
    for (size_t c = 0; c < channels; c += 32, packed += pairs * 64) {
        size_t width = min_size(32, channels - c);
        __mmask32 lanes = width == 32 ? ~(__mmask32)0 : (((__mmask32)1 << width) - 1);
        __mmask16 low_lanes = (__mmask16)lanes, high_lanes = (__mmask16)(lanes >> 16);
        __m512i bias0 = _mm512_maskz_loadu_epi32(low_lanes, folded + c);
        __m512i bias1 = _mm512_maskz_loadu_epi32(high_lanes, folded + c + 16);
        for (size_t p = 0; p < pixels; p++) {
            const int8_t *const *tp = rows + p * taps;
            __m512i lo = _mm512_setzero_si512(), hi = lo;
            for (size_t t = 0; t < pairs; t++) {
                __m512i a = _mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(lanes, tp[2 * t] + c));
                // The odd tap count's last pair has zero weights for its second tap.
                __m512i b = 2 * t + 1 < taps ? _mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(lanes, tp[2 * t + 1] + c)) : a;
                lo = _mm512_dpwssd_epi32(lo, _mm512_unpacklo_epi16(a, b), _mm512_loadu_si512(packed + 64 * t));
                hi = _mm512_dpwssd_epi32(hi, _mm512_unpackhi_epi16(a, b), _mm512_loadu_si512(packed + 64 * t + 32));
            }
            __m512i s0 = _mm512_add_epi32(_mm512_permutex2var_epi64(lo, first_half, hi), bias0);
            __m512i s1 = _mm512_add_epi32(_mm512_permutex2var_epi64(lo, second_half, hi), bias1);
            int8_t *o = out + p * channels + c;
            if (q->double_scales) {
                int32_t sums[32];
                _mm512_storeu_si512(sums, s0);
                _mm512_storeu_si512(sums + 16, s1);
                for (size_t j = 0; j < width; j++) o[j] = requant(sums[j], c + j, q);
                continue;
            }
            __m256i bytes = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm512_cvtepi32_epi8(requant_16(s0, c, q))),
                                                    _mm512_cvtepi32_epi8(requant_16(s1, c + 16, q)), 1);
            if (width == 32) {
                _mm256_storeu_si256((__m256i *)o, bytes);
            } else {
                _mm256_mask_storeu_epi8(o, lanes, bytes);
            }
        }
    }
}
#else
void ck_i8_dw_avx512(const int8_t *const *rows, size_t pixels, size_t taps, size_t channels, const int16_t *packed,
                     const int32_t *folded, const ck_i8_requant *q, int8_t *out) {
    (void)rows, (void)pixels, (void)taps, (void)channels, (void)packed, (void)folded, (void)q, (void)out;
}
#endif
