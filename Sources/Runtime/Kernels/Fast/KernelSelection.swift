import CKernels

/// Which micro-kernels run: AVX2+FMA when the CPU has both, portable C otherwise or when
/// `EDGEWISE_PORTABLE_KERNELS=1` is set in the environment; for int8 convolutions AVX-512 VNNI
/// on top when the CPU has it, unless `EDGEWISE_KERNELS=avx2` is set.
enum KernelSelection {
    /// True when the AVX2+FMA kernels are in use.
    static var usesAVX2: Bool { ck_f32_uses_avx2() != 0 }

    /// True when int8 weights packed now go to the AVX-512 VNNI kernels.
    static var usesVNNI: Bool { ck_i8_uses_vnni() != 0 }

    /// Forces the portable kernels (or returns to detecting the CPU), for tests of the fallback.
    static func forcePortable(_ portable: Bool) { ck_f32_use_portable(portable ? 1 : 0) }

    /// Keeps int8 weights packed from now on off the VNNI kernels (the AVX2 ones run them), or
    /// allows VNNI again, for tests of the AVX2 path on a VNNI machine.
    static func forbidVNNI(_ forbid: Bool) { ck_i8_forbid_vnni(forbid ? 1 : 0) }

    /// Runs `body` with the kernels of `level`: 0 the default, 1 without VNNI, 2 portable.
    static func with<R>(level: Int, _ body: () throws -> R) rethrows -> R {
        forbidVNNI(level == 1)
        forcePortable(level == 2)
        defer {
            forbidVNNI(false)
            forcePortable(false)
        }
        return try body()
    }
}
