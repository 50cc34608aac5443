import Foundation
import Optimizer
import Testing

@Test func keepFloatSpecsParseEachSpelling() throws {
    #expect(try KeepFloatRule(spec: "op:3") == .operatorIndex(3))
    #expect(try KeepFloatRule(spec: "7") == .operatorIndex(7))
    #expect(try KeepFloatRule(spec: "type:softmax") == .opType("SOFTMAX"))
    #expect(try KeepFloatRule(spec: "CONV_2D") == .opType("CONV_2D"))
    #expect(try KeepFloatRule(spec: "name:fc1/.*") == .tensorName("fc1/.*"))
    #expect(throws: OptimizationError.self) { try KeepFloatRule(spec: "name:([") }
    #expect(throws: OptimizationError.self) { try KeepFloatRule(spec: "op:-1") }
}

@Test func recipeJSONUsesTheDocumentedKeys() throws {
    let json = """
        {"scheme": "int8", "io": "int8", "observer": {"kind": "percentile", "percentile": 99.9},
         "keepFloat": [{"operator": 2}, {"tensorName": "probs"}, {"opType": "TANH"}], "calibrationLimit": 10}
        """
    let recipe = try JSONDecoder().decode(Recipe.self, from: Data(json.utf8))
    #expect(recipe == Recipe(scheme: .int8, io: .int8, observer: .percentile(99.9),
                             keepFloat: [.operatorIndex(2), .tensorName("probs"), .opType("TANH")], calibrationLimit: 10))
    let minimal = try JSONDecoder().decode(Recipe.self, from: Data(#"{"scheme": "dynamic"}"#.utf8))
    #expect(minimal == Recipe(scheme: .dynamic))
}

@Test func observerNamesRejectBadPercentiles() {
    #expect(Observer(name: "percentile") == .percentile(99.99))
    #expect(Observer(name: "percentile", percentile: 40) == nil)
    #expect(Observer(name: "MSE") == .mse)
    #expect(Observer(name: "median") == nil)
}
