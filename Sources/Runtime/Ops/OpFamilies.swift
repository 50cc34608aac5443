/// Registration functions of every op family, one per file in this folder.
let opFamilies: [@Sendable (inout OpRegistry) -> Void] = [
    registerElementwiseOps,
    registerReshapeOps,
    registerDataMovementOps,
    registerConvolutionOps,
    registerQuantizedConvolutionOps,
    registerHybridOps,
    registerPoolingResizeOps,
    registerReductionOps,
    registerConversionOps,
    registerQuantizedOps,
    registerQuantizedActivationOps,
    registerQuantizedPoolingReductionOps,
]
