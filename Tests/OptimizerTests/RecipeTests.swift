import Foundation
import Optimizer
import Testing

@Test func recipeSurvivesAJSONRoundTrip() throws {
    let recipe = Recipe(scheme: .int8, io: .int8, observer: .percentile(99.9),
                        keepFloat: [.operatorIndex(3), .tensorName("probs.*"), .opType("SOFTMAX")], calibrationLimit: 50)
    let data = try JSONEncoder().encode(recipe)
    #expect(try JSONDecoder().decode(Recipe.self, from: data) == recipe)
}
