import Foundation
import LiteModel

/// Selects operators that stay float (selective quantization).
///
/// JSON: `{"operator": 3}`, `{"tensorName": "regex"}` (matches any input or output tensor name of
/// the op), `{"opType": "CONV_2D"}`. Command-line spelling: `op:3`, `name:REGEX`, `type:CONV_2D`.
public enum KeepFloatRule: Codable, Equatable, Sendable, CustomStringConvertible {
    case operatorIndex(Int)
    case tensorName(String)
    case opType(String)

    private enum CodingKeys: String, CodingKey { case `operator`, tensorName, opType }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let index = try container.decodeIfPresent(Int.self, forKey: .operator) {
            self = .operatorIndex(index)
        } else if let pattern = try container.decodeIfPresent(String.self, forKey: .tensorName) {
            self = .tensorName(pattern)
        } else if let type = try container.decodeIfPresent(String.self, forKey: .opType) {
            self = .opType(type)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "a keep-float rule needs \"operator\", \"tensorName\" or \"opType\""))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .operatorIndex(let index): try container.encode(index, forKey: .operator)
        case .tensorName(let pattern): try container.encode(pattern, forKey: .tensorName)
        case .opType(let type): try container.encode(type, forKey: .opType)
        }
    }

    /// Parses `op:N`, `name:REGEX` or `type:OP_NAME`; a bare integer means an operator index and a
    /// bare upper-case word an op type.
    public init(spec: String) throws(OptimizationError) {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        let (kind, value) = parts.count == 2 ? (parts[0].lowercased(), parts[1]) : ("", spec)
        switch kind {
        case "op", "operator":
            guard let index = Int(value), index >= 0 else { throw .badRecipe("keep-float \(spec): expected op:INDEX") }
            self = .operatorIndex(index)
        case "name", "tensor":
            self = .tensorName(value)
        case "type":
            self = .opType(value.uppercased())
        case "" where Int(value) != nil:
            self = .operatorIndex(Int(value)!)
        case "" where !value.isEmpty && value == value.uppercased():
            self = .opType(value)
        default:
            throw .badRecipe("keep-float \(spec): expected op:INDEX, name:REGEX or type:OP_NAME")
        }
        try check()
    }

    /// Throws when a tensor-name pattern is not a valid regular expression.
    public func check() throws(OptimizationError) {
        if case .tensorName(let pattern) = self, (try? NSRegularExpression(pattern: pattern)) == nil {
            throw .badRecipe("keep-float name:\(pattern): not a valid regular expression")
        }
    }

    public var description: String {
        switch self {
        case .operatorIndex(let index): "op:\(index)"
        case .tensorName(let pattern): "name:\(pattern)"
        case .opType(let type): "type:\(type)"
        }
    }

    /// Whether operator `index` of the primary subgraph matches.
    func matches(operator index: Int, in model: Model) -> Bool {
        let graph = model.subgraphs[0]
        let op = graph.operators[index]
        switch self {
        case .operatorIndex(let wanted):
            return wanted == index
        case .opType(let type):
            return model.operatorCode(of: op)?.builtin.name == type.uppercased()
        case .tensorName(let pattern):
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
            return (op.inputs + op.outputs).contains { tensor in
                guard tensor >= 0, let name = graph.tensors[Int(tensor)].name else { return false }
                return regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
            }
        }
    }
}
