import Evaluation
import Foundation
import LiteModel
import Runtime
import Testing
import TestSupport

/// The interpreter on hand-built and real models: preparation errors, arena reuse, inputs.
@Suite struct InterpreterTests {
    /// A model whose single subgraph runs `codes` in a chain on a [1, 4] float tensor.
    private func chainModel(_ codes: [OperatorCode]) -> Model {
        var model = Model()
        model.version = 3
        model.buffers = [Buffer()]
        model.operatorCodes = codes
        var graph = SubGraph()
        for index in 0...codes.count {
            var tensor = Tensor()
            tensor.shape = [1, 4]
            tensor.type = .float32
            tensor.name = "t\(index)"
            graph.tensors.append(tensor)
        }
        for index in codes.indices {
            var op = Operator()
            op.opcodeIndex = UInt32(index)
            op.inputs = [Int32(index)]
            op.outputs = [Int32(index + 1)]
            graph.operators.append(op)
        }
        graph.inputs = [0]
        graph.outputs = [Int32(codes.count)]
        model.subgraphs = [graph]
        return model
    }

    @Test func reportsEveryUnsupportedOpAtPrepare() throws {
        let model = chainModel([OperatorCode(.relu), OperatorCode(.custom, customCode: "MyOp"), OperatorCode(.reverseV2)])
        #expect {
            _ = try Interpreter(model: model)
        } throws: { error in
            guard case RuntimeError.unsupportedOps(let ops) = error else { return false }
            let text = (error as! RuntimeError).description
            return ops.map(\.index) == [1, 2] && text.contains("unsupported op CUSTOM(MyOp) at operator 1")
                && text.contains("unsupported op REVERSE_V2 at operator 2")
        }
    }

    @Test func runsAChainAndReusesTheArena() throws {
        let model = chainModel([OperatorCode(.relu), OperatorCode(.neg), OperatorCode(.abs), OperatorCode(.neg)])
        let interpreter = try Interpreter(model: model)
        try interpreter.setInput(0, floats: [-2, -1, 1, 2])
        try interpreter.invoke()
        // neg(abs(neg(relu(x)))) = -relu(x), computed by hand.
        #expect(interpreter.outputFloats(0) == [0, 0, -1, -2])
        // Five 16-byte tensors, at most two alive at once (plus the input kept for reading): ≤ 3 slots.
        #expect(interpreter.arenaBytes <= 3 * MemoryPlan.alignment)
    }

    @Test func invokingAgainWithoutNewInputsGivesTheSameOutputs() throws {
        // The graph input must outlive every step: a second invoke (as a latency benchmark does)
        // reads the same input, not an intermediate tensor that reused its memory.
        let model = chainModel([OperatorCode(.relu), OperatorCode(.neg), OperatorCode(.abs), OperatorCode(.neg)])
        let interpreter = try Interpreter(model: model)
        try interpreter.setInput(0, floats: [-2, -1, 1, 2])
        try interpreter.invoke()
        try interpreter.invoke()
        #expect(interpreter.outputFloats(0) == [0, 0, -1, -2])
    }

    @Test func preservingAllTensorsKeepsIntermediateValues() throws {
        let model = chainModel([OperatorCode(.relu), OperatorCode(.neg), OperatorCode(.abs)])
        let interpreter = try Interpreter(model: model, options: .init(preserveAllTensors: true))
        try interpreter.setInput(0, floats: [-2, -1, 1, 2])
        try interpreter.invoke()
        let negated = interpreter.tensorBytes(2)!.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(negated == [0, 0, -1, -2])
    }

    @Test func rejectsInputOfTheWrongSize() throws {
        let interpreter = try Interpreter(model: chainModel([OperatorCode(.relu)]))
        #expect(throws: RuntimeError.self) { try interpreter.setInput(0, floats: [1, 2, 3]) }
    }

    @Test func matchesLiteRTOnTheMNISTFixture() throws {
        // reference_outputs.npz holds LiteRT's outputs for x_test (see the fixtures' README).
        let interpreter = try Interpreter(model: Model(contentsOf: Fixtures.shared("mnist5k/mnist_cnn_float32.tflite")))
        let images = try NDArray(npyFile: Fixtures.shared("mnist5k/x_test.npy").path)
        let expected = try NPZArchive(path: Fixtures.shared("mnist5k/reference_outputs.npz").path)
            .array(named: "mnist_cnn_float32").floats()
        for sample in 0..<50 {
            try images.subarray(at: sample).data.withUnsafeBytes { try interpreter.setInput(0, bytes: $0) }
            try interpreter.invoke()
            for (k, value) in interpreter.outputFloats(0).enumerated() {
                let want = expected[sample * 10 + k]
                #expect(abs(value - want) <= 1e-5 * max(1, abs(want)), "sample \(sample) class \(k): \(value) vs \(want)")
            }
        }
    }
}
