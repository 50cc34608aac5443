import CKernels

/// Which float micro-kernels run: AVX2+FMA when the CPU has both, portable C otherwise or when
/// `EDGEWISE_PORTABLE_KERNELS=1` is set in the environment.
enum KernelSelection {
    /// True when the AVX2+FMA kernels are in use.
    static var usesAVX2: Bool { ck_f32_uses_avx2() != 0 }

    /// Forces the portable kernels (or returns to detecting the CPU), for tests of the fallback.
    static func forcePortable(_ portable: Bool) { ck_f32_use_portable(portable ? 1 : 0) }
}
