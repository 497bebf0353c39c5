/// The merged shape of the nested JSON values (objects and arrays) seen in one column, from
/// which `nested: keep` infers a struct, list or map type.
///
/// Merging rules, applied value by value and across files:
/// - objects merge key by key, keys in order of first appearance (a key a record lacks is null
///   there), so adding a key is a widening;
/// - arrays merge their elements' shapes; scalars merge their ``ColumnProfile``s, so a list of
///   mixed numbers and strings becomes a list of strings;
/// - null (and an empty array's missing element) merges with anything;
/// - anything else (an object in one record, an array or a scalar in another) is *mixed*: the
///   value becomes a string holding its JSON text.
///
/// An object with more than ``mapKeyLimit`` distinct keys is a map (`map<string, V>`), and an
/// object that was always empty is `map<string,string>` (Parquet has no empty struct).
indirect enum NestedShape: Hashable, Sendable {
    case scalar(ColumnProfile)
    case object(keys: [String], fields: [String: NestedShape])
    case array(NestedShape?)
    case mixed

    /// More distinct keys than this make an object a map.
    static let mapKeyLimit = 512

    /// Merges `shape` into field `name`, appending the name when it is new.
    static func add(_ name: String, _ shape: NestedShape, keys: inout [String], fields: inout [String: NestedShape]) {
        if let old = fields[name] {
            fields[name] = old.merged(shape)
        } else {
            keys.append(name)
            fields[name] = shape
        }
    }

    /// A struct field's name for a JSON key: the key itself, `_empty` for the empty key.
    static func fieldName(_ key: [UInt8]) -> String {
        key.isEmpty ? "_empty" : String(decoding: key, as: UTF8.self)
    }

    /// Whether the shape has seen nothing but nulls.
    var isEmpty: Bool {
        if case .scalar(let p) = self { return p.values == 0 }
        return false
    }

    /// The shape that fits both.
    func merged(_ other: NestedShape) -> NestedShape {
        if other.isEmpty, case .scalar(let q) = other {
            if case .scalar(var p) = self {
                p.merge(q)
                return .scalar(p)
            }
            return self
        }
        if isEmpty { return other.merged(self) }
        switch (self, other) {
        case (.scalar(var p), .scalar(let q)):
            p.merge(q)
            return .scalar(p)
        case (.object(var keys, var fields), .object(let otherKeys, let otherFields)):
            for key in otherKeys {
                if let shape = otherFields[key] { Self.add(key, shape, keys: &keys, fields: &fields) }
            }
            return .object(keys: keys, fields: fields)
        case (.array(let a), .array(let b)):
            switch (a, b) {
            case (nil, _): return .array(b)
            case (_, nil): return .array(a)
            case (let x?, let y?): return .array(x.merged(y))
            }
        default:
            return .mixed
        }
    }

    /// The column type of the shape.
    func resolvedType(_ options: InferenceOptions) -> ColumnType {
        switch self {
        case .scalar(let p): return p.resolvedType(options)
        case .mixed: return .string
        case .array(let element):
            return .list(ColumnType.listElement(element?.resolvedType(options) ?? .string))
        case .object(let keys, let fields):
            if keys.isEmpty { return .map(key: .string, value: ColumnType.mapValue(.string)) }
            if keys.count > Self.mapKeyLimit {
                let merged = keys.compactMap { fields[$0] }.reduce(nil as NestedShape?) { acc, s in acc.map { $0.merged(s) } ?? s }
                return .map(key: .string, value: ColumnType.mapValue(merged?.resolvedType(options) ?? .string))
            }
            return .structure(keys.map { Field(name: $0, type: fields[$0]?.resolvedType(options) ?? .string) })
        }
    }
}
