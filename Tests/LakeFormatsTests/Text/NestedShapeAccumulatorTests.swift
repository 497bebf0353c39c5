import Foundation
import Testing

@testable import LakeFormats

/// The accumulator infers, straight from JSON text, the types that merging one ``NestedShape``
/// per parsed value gives: the reference below is that value-by-value path.
@Suite("Nested shape accumulator")
struct NestedShapeAccumulatorTests {
    /// The type value-by-value merging gives, and the accumulator's, for `values` (JSON texts).
    static func types(_ values: [String]) throws -> (reference: ColumnType?, accumulated: ColumnType?) {
        let options = InferenceOptions()
        var reference: NestedShape?
        for text in values {
            let value = try Array(text.utf8).withUnsafeBytes { try RawJSON.parse($0) }
            let shape = NestedShape.reference(value)
            reference = reference.map { $0.merged(shape) } ?? shape
        }
        let accumulator = NestedShapeAccumulator()
        for text in values {
            let ok = Array(text.utf8).withUnsafeBytes { bytes -> Bool in
                var cursor = JSONCursor(bytes)
                return accumulator.observe(&cursor, depth: NestedShapeAccumulator.maxDepth) && cursor.consumedAll()
            }
            #expect(ok, "\(text)")
        }
        return (reference?.resolvedType(options), accumulator.shape().resolvedType(options))
    }

    @Test(
        "equal to merging value by value",
        arguments: [
            [#"{"a":1,"b":"x"}"#, #"{"b":"y","c":[1,2]}"#, #"{"a":2.5}"#],
            [#"{"a":null}"#, #"{"a":{"x":1}}"#, #"{"a":null}"#],
            [#"{"a":{"x":1}}"#, #"{"a":5}"#],
            [#"{"a":[1,"two",false]}"#, #"{"a":[]}"#, #"{"a":[null]}"#],
            [#"[[1,2],[],[3]]"#, #"[]"#, #"[[null]]"#],
            [#"[{"k":1},{"k":null,"j":"2026-01-01"}]"#, #"[{"j":"2026-01-02T10:00:00Z"}]"#],
            [#"{"":1,"_empty":2}"#, #"{"\u0061":true,"a":false}"#],
            [#"{"a":1,"a":"dup"}"#],
            [#"{}"#, #"{}"#],
            [#"{"m":{}}"#, #"{"m":{"x":1}}"#],
            [#"[1,2]"#, #"{"x":1}"#, #"null"#],
            [#"{"n":0}"#, #"{"n":1e3}"#, #"{"n":-0.5}"#],
            [#"{"n":"007"}"#, #"{"n":7}"#],
            [#"{"t":"2026-01-01"}"#, #"{"t":"2026-01-01T10:00:00.123456Z"}"#],
            [#"{"s":"a\"b\\c"}"#, #"{"s":""}"#, #"{"s":null}"#],
            [#"{"deep":{"a":{"b":{"c":[{"d":[1.5]}]}}}}"#, #"{"deep":{"a":{"b":{"c":[{"d":[],"e":true}]}}}}"#],
        ])
    func equalToMergingValueByValue(_ values: [String]) throws {
        let (reference, accumulated) = try Self.types(values)
        #expect(reference != nil)
        #expect(accumulated == reference, "\(values)")
    }

    @Test("the benchmark-like records give the same types column by column")
    func sameTypesForGeneratedRecords() throws {
        let lines = NestedJSONTests.records(3000, extraKeyAt: 1500).split(separator: "\n").map(String.init)
        for key in ["user", "items", "grid", "mixed", "meta", "when"] {
            let cells = try lines.compactMap { line -> String? in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                guard let value = object?[key], !(value is NSNull) else { return nil }
                return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]), as: UTF8.self)
            }
            let (reference, accumulated) = try Self.types(cells)
            #expect(accumulated == reference, "\(key)")
        }
    }

    @Test("a malformed or too deep value is refused")
    func malformed() {
        for text in [#"{"a":}"#, #"[1,"#, #"{"a" 1}"#, String(repeating: "[", count: 300) + String(repeating: "]", count: 300)] {
            let ok = Array(text.utf8).withUnsafeBytes { bytes -> Bool in
                var cursor = JSONCursor(bytes)
                return NestedShapeAccumulator().observe(&cursor, depth: NestedShapeAccumulator.maxDepth) && cursor.consumedAll()
            }
            #expect(!ok, "\(text)")
        }
    }
}

extension NestedShape {
    /// The shape of one parsed value by ``NestedShape``'s rules, the reference the accumulator
    /// is checked against.
    static func reference(_ value: RawJSON) -> NestedShape {
        switch value {
        case .object(let members):
            var keys: [String] = []
            var fields: [String: NestedShape] = [:]
            for (key, v) in members { add(fieldName(key), reference(v), keys: &keys, fields: &fields) }
            return .object(keys: keys, fields: fields)
        case .array(let items):
            return .array(items.reduce(nil as NestedShape?) { acc, item in acc.map { $0.merged(reference(item)) } ?? reference(item) })
        default:
            var profile = ColumnProfile()
            switch value {
            case .null: profile.nulls += 1
            case .bool(let b):
                let text: StaticString = b ? "true" : "false"
                profile.observe(text.utf8Start, text.utf8CodeUnitCount, kind: CellKind.jsonBool)
            case .number(let digits): digits.withUnsafeBufferPointer { profile.observe($0.baseAddress, $0.count, kind: CellKind.jsonNumber) }
            case .string(let s): s.withUnsafeBufferPointer { profile.observe($0.baseAddress, $0.count, kind: CellKind.jsonString) }
            case .object, .array: break
            }
            return .scalar(profile)
        }
    }
}
