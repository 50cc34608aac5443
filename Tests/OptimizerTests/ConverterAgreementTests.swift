import LiteModel
import Optimizer
import Testing

/// Our passes against the TF converter's files for the same float model (mnist5k and digits
/// fixtures): quantized constants bit for bit, activation parameters from the same calib.npy.

@Test(arguments: [("mnist5k/mnist_cnn_float32.tflite", "mnist5k/mnist_cnn_dynamic_int8.tflite"),
                  ("digits/digits_float32.tflite", "digits/digits_dynamic_int8.tflite")])
func dynamicRangeWeightsMatchTheConverter(float: String, converted: String) throws {
    let ours = try Optimizer.optimize(FixtureModels.model(float), recipe: Recipe(scheme: .dynamic)).model
    let theirs = try FixtureModels.model(converted)
    #expect(!theirs.quantizedTensors.isEmpty)
    #expect(ours.quantizedTensors.count == theirs.quantizedTensors.count)
    for expected in theirs.quantizedTensors {
        let actual = try #require(ours.tensor(named: expected.name, type: expected.type), "\(expected.name ?? "?")")
        #expect(actual.quantization?.scale == expected.quantization?.scale)
        #expect(actual.quantization?.quantizedDimension == expected.quantization?.quantizedDimension)
        #expect(ours.constantData(of: actual) == theirs.constantData(of: expected))
    }
    #expect(ours.opVersions == theirs.opVersions)
    let asymmetric = { (model: Model) in model.subgraphs[0].operators.compactMap { op -> Bool? in
        if case .fullyConnectedOptions(let o) = op.builtinOptions { o.asymmetricQuantizeInputs } else { nil } } }
    #expect(asymmetric(ours) == asymmetric(theirs))
}

@Test(arguments: [("mnist5k/mnist_cnn_float32.tflite", "mnist5k/mnist_cnn_float16.tflite"),
                  ("digits/digits_float32.tflite", "digits/digits_float16.tflite")])
func float16ConstantsMatchTheConverter(float: String, converted: String) throws {
    let ours = try Optimizer.optimize(FixtureModels.model(float), recipe: Recipe(scheme: .float16)).model
    let theirs = try FixtureModels.model(converted)
    let halves = theirs.subgraphs[0].tensors.filter { $0.type == .float16 }
    #expect(!halves.isEmpty)
    #expect(ours.subgraphs[0].tensors.filter { $0.type == .float16 }.count == halves.count)
    for expected in halves {
        let actual = try #require(ours.tensor(named: expected.name, type: .float16))
        #expect(ours.constantData(of: actual) == theirs.constantData(of: expected))
    }
    #expect(ours.opNames.filter { $0 == "DEQUANTIZE" }.count == halves.count)
    #expect(ours.opVersions == theirs.opVersions)
    #expect(ours.metadataEntries.first { $0.name == "reduced_precision_support" }?.bytes == Array("fp16accfp32".utf8))
}

/// Checks every quantized tensor of the converter's file against ours with the same name: the
/// constants exactly, activation scales to `maxUlps` (our float kernels and TF's may round the
/// calibrated extremes differently by an ulp) and zero points exactly.
private func expectAgreement(_ ours: Model, _ theirs: Model, maxUlps: Int) {
    for expected in theirs.quantizedTensors {
        let isConstant = theirs.constantData(of: expected) != nil
        let candidates = [expected.name, expected.name.map { $0 + "_int8" }, expected.name.map { $0 + "_int16" },
                          expected.name.map { String($0.dropLast()) + "_int8" }]
        guard let actual = candidates.lazy.compactMap({ ours.tensor(named: $0, type: expected.type) }).first else {
            // The converter names its input QUANTIZE result "tfl.quantize"; ours is "<input>_int8".
            #expect(expected.name == "tfl.quantize", "no tensor for \(expected.name ?? "?")")
            continue
        }
        let a = actual.quantization!, e = expected.quantization!
        #expect(a.zeroPoint == e.zeroPoint, "\(expected.name ?? "?")")
        #expect(a.scale.count == e.scale.count)
        let worst = zip(a.scale, e.scale).map { ulps($0, $1) }.max() ?? 0
        #expect(worst <= maxUlps, "\(expected.name ?? "?"): scales \(worst) ulps apart")
        if isConstant && worst == 0 {
            #expect(ours.constantData(of: actual) == theirs.constantData(of: expected), "\(expected.name ?? "?")")
        }
    }
}

@Test func int8MatchesTheConverterOnTheSameCalibrationData() throws {
    let ours = try FixtureModels.mnistInt8.get()
    let theirs = try FixtureModels.model("mnist5k/mnist_cnn_int8_floatio.tflite")
    expectAgreement(ours, theirs, maxUlps: 2)
    #expect(ours.opVersions == theirs.opVersions)
    #expect(ours.opNames == theirs.opNames)
    // Weights exactly: every INT8 constant.
    for expected in theirs.subgraphs[0].tensors where expected.type == .int8 && theirs.constantData(of: expected) != nil {
        let actual = try #require(ours.tensor(named: expected.name, type: .int8))
        #expect(ours.constantData(of: actual) == theirs.constantData(of: expected))
        #expect(actual.quantization?.scale == expected.quantization?.scale)
    }
}

@Test func int8WithInt8IOHasNoBoundaryConversions() throws {
    let ours = try Optimizer.optimize(FixtureModels.model("digits/digits_float32.tflite"), recipe: Recipe(scheme: .int8, io: .int8),
                                      calibration: FixtureModels.calibration("digits/calib_200.npy")).model
    let theirs = try FixtureModels.model("digits/digits_full_int8.tflite")
    #expect(ours.opNames == theirs.opNames)
    #expect(ours.opVersions == theirs.opVersions)
    let graph = ours.subgraphs[0]
    #expect(graph.tensors[Int(graph.inputs[0])].type == .int8)
    #expect(graph.tensors[Int(graph.outputs[0])].quantization?.scale == [Float(1) / 256])
    expectAgreement(ours, theirs, maxUlps: 4)
}

@Test func int16x8MatchesTheConverter() throws {
    let ours = try FixtureModels.mnistInt16x8.get()
    let theirs = try FixtureModels.model("mnist5k/mnist_cnn_int16x8.tflite")
    // int16 scales are absmax/32767: an ulp of difference in a calibrated extreme (our FMA-based
    // float kernels vs TF's) shows up unchanged, as for int8 above.
    expectAgreement(ours, theirs, maxUlps: 4)
    #expect(ours.opVersions == theirs.opVersions)
    let biases = ours.subgraphs[0].tensors.filter { $0.type == .int64 }
    #expect(biases.count == theirs.subgraphs[0].tensors.filter { $0.type == .int64 }.count)
    for op in ours.subgraphs[0].operators {
        if case .conv2DOptions(let o) = op.builtinOptions { #expect(o.quantizedBiasType == .int64) }
        if case .addOptions(let o) = op.builtinOptions { #expect(!o.potScaleInt16) }
    }
}
