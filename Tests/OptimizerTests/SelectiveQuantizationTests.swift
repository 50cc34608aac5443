import LiteModel
import Optimizer
import Testing

@Test func keptFloatOpsSitBetweenDequantizeAndQuantize() throws {
    let float = try FixtureModels.model("mnist5k/mnist_sensitive_float32.tflite")
    let recipe = Recipe(scheme: .int8, keepFloat: [.opType("TANH"), .operatorIndex(0)], calibrationLimit: 20)
    let result = try Optimizer.optimize(float, recipe: recipe, calibration: FixtureModels.calibration("mnist5k/calib.npy"))
    let ours = result.model
    #expect(result.report.keptFloat.map(\.operatorIndex) == [0, 6])
    #expect(result.report.keptFloat.allSatisfy { $0.reason == "keep-float rule" })
    #expect(result.report.calibrationSamples == 20)
    let graph = ours.subgraphs[0]
    for op in graph.operators where ours.operatorCode(of: op)?.builtin == .tanh || ours.operatorCode(of: op)?.builtin == .conv2D {
        let isFloat = graph.tensors[Int(op.outputs[0])].type == .float32
        if ours.operatorCode(of: op)?.builtin == .tanh { #expect(isFloat && graph.tensors[Int(op.inputs[0])].type == .float32) }
    }
    // Input → CONV (float) → QUANTIZE → … → FC → DEQUANTIZE → TANH → QUANTIZE → FC …
    #expect(ours.opNames.prefix(2) == ["CONV_2D", "QUANTIZE"])
    let tanh = try #require(ours.opNames.firstIndex(of: "TANH"))
    #expect(ours.opNames[tanh - 1] == "DEQUANTIZE" && ours.opNames[tanh + 1] == "QUANTIZE")
    #expect(graph.tensors[Int(graph.operators[0].inputs[1])].type == .float32)  // conv weights stay float
}

@Test func fullIntegerWithoutCalibrationIsRefused() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    #expect(throws: OptimizationError.missingCalibration(scheme: "int16x8")) {
        try Optimizer.optimize(float, recipe: Recipe(scheme: .int16x8))
    }
}

@Test func calibrationShapeMismatchIsReported() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    let wrong = try FixtureModels.calibration("mnist5k/calib.npy")
    #expect(throws: OptimizationError.self) { try Optimizer.optimize(float, recipe: Recipe(scheme: .int8), calibration: wrong) }
}

@Test func dynamicRangeLeavesSmallWeightsFloatAndSaysWhy() throws {
    let result = try Optimizer.optimize(FixtureModels.model("digits/digits_float32.tflite"), recipe: Recipe(scheme: .dynamic))
    #expect(result.report.quantizedOperators.count == 3)
    #expect(result.report.keptFloat.contains { $0.opType == "FULLY_CONNECTED" && $0.reason.contains("640 elements") })
}

@Test func optimizedModelsEncodeAndDecodeBack() throws {
    for model in [try FixtureModels.mnistInt8.get(), try FixtureModels.mnistInt16x8.get()] {
        let decoded = try Model(bytes: model.encoded())
        #expect(decoded == model)
        try decoded.validate()
    }
}
