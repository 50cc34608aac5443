/// Work-splitting threshold shared by the float matrix products (BATCH_MATMUL and the indirect
/// GEMM of CONV_2D / FULLY_CONNECTED).
enum SGEMM {
    /// Multiply-adds below which one more worker costs more than it saves.
    static let workPerWorker = 1 << 20
}
