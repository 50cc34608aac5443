// Internal to CKernels: which instruction sets a kernel may be compiled for. Every file builds for
// the baseline CPU; functions marked with these attributes use more and run only after the
// run-time checks (`ck_f32_uses_avx2`, `ck_i8_uses_vnni`) chose them.
#ifndef EDGEWISE_CKERNELS_TARGET_H
#define EDGEWISE_CKERNELS_TARGET_H

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CK_X86 1
#include <immintrin.h>
/// AVX2 integer kernels.
#define CK_AVX2 __attribute__((target("avx2")))
/// AVX2 with fused multiply-add (float kernels).
#define CK_AVX2_FMA __attribute__((target("avx2,fma")))
/// AVX-512 with VNNI (int8 convolutions), and DQ (every VNNI CPU has it) for the float requantization.
#define CK_VNNI __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx512vnni")))
#else
#define CK_X86 0
#endif

#endif
