/// Accumulates the ``NestedShape`` of many nested JSON values read straight from their text:
/// what a shape per value merged with ``NestedShape/merged(_:)`` gives, without a ``RawJSON``
/// tree and an immutable shape per value (the sample of a nested file spent most of
/// its time allocating, hashing and freeing those: 0.25 s for 10,000 records).
///
/// The rules are ``NestedShape``'s: objects merge field by field in order of first appearance
/// (the empty key is `_empty`); arrays merge their elements; scalars narrow one
/// ``ColumnProfile``; a null merges with anything; any other mix is `mixed`.
final class NestedShapeAccumulator {
    private enum Kind {
        /// Scalars (or nothing but nulls so far: ``isEmpty``).
        case scalar
        case object
        case array
        case mixed
    }

    private var kind = Kind.scalar
    private var profile = ColumnProfile()
    /// An object's fields in order of first appearance, with their names.
    private var names: [String] = []
    private var fields: [NestedShapeAccumulator] = []
    /// Raw key bytes (unescaped) met so far, in order, with the field each names; two raw keys
    /// can name one field (`""` and `"_empty"`).
    private var rawKeys: [ShortKey] = []
    private var rawFields: [Int] = []
    private var rawLookup: [[UInt8]: Int] = [:]
    /// An array's element shape (nil while every array was empty).
    private var element: NestedShapeAccumulator?
    private var scratch: [UInt8] = []

    /// Deepest nesting a value may have (as ``RawJSON/parse(_:maxDepth:)``).
    static let maxDepth = 256

    /// Whether nothing but nulls has been seen (a null merges with anything).
    private var isEmpty: Bool { kind == .scalar && profile.values == 0 }

    /// Observes the value at the cursor; false when the text is malformed or nests deeper than
    /// `depth` (the accumulator is then of no further use).
    func observe(_ c: inout JSONCursor, depth: Int) -> Bool {
        c.skipSpace()
        guard depth > 0, !c.atEnd else { return false }
        switch c.peek {
        case 123:
            if isEmpty { kind = .object }
            guard kind == .object else { return becomeMixed(skipping: &c, depth: depth) }
            return observeObject(&c, depth: depth)
        case 91:
            if isEmpty { kind = .array }
            guard kind == .array else { return becomeMixed(skipping: &c, depth: depth) }
            return observeArray(&c, depth: depth)
        case 110:
            guard c.literal("null") else { return false }
            if kind == .scalar { profile.nulls += 1 }
            return true
        default:
            guard kind == .scalar else { return becomeMixed(skipping: &c, depth: depth) }
            return observeScalar(&c)
        }
    }

    /// The shape of everything observed.
    func shape() -> NestedShape {
        switch kind {
        case .scalar: return .scalar(profile)
        case .mixed: return .mixed
        case .array: return .array(element?.shape())
        case .object:
            var shapes: [String: NestedShape] = [:]
            for (name, field) in zip(names, fields) { shapes[name] = field.shape() }
            return .object(keys: names, fields: shapes)
        }
    }

    /// A value of another kind than those seen: the shape is mixed from now on.
    private func becomeMixed(skipping c: inout JSONCursor, depth: Int) -> Bool {
        kind = .mixed
        names = []
        fields = []
        rawKeys = []
        rawFields = []
        rawLookup = [:]
        element = nil
        return c.skipValue(depth: depth) != nil
    }

    private func observeObject(_ c: inout JSONCursor, depth: Int) -> Bool {
        c.pos += 1
        if c.consume(125) { return true }
        var expected = 0
        while true {
            c.skipSpace()
            let field: Int
            if expected < rawKeys.count, c.matchString(rawKeys[expected]) {
                field = rawFields[expected]  // the usual case: keys in the order of the last record
                expected += 1
            } else {
                scratch.removeAll(keepingCapacity: true)
                guard c.string(into: &scratch) else { return false }
                let entry = rawLookup[scratch] ?? addRawKey(scratch)
                field = rawFields[entry]
                expected = entry + 1
            }
            guard c.consume(58), fields[field].observe(&c, depth: depth - 1) else { return false }
            if c.consume(44) { continue }
            return c.consume(125)
        }
    }

    /// Registers a raw key, and its field when the name is new; returns the entry.
    private func addRawKey(_ key: [UInt8]) -> Int {
        let name = NestedShape.fieldName(key)
        let field: Int
        if let known = names.firstIndex(of: name) {
            field = known
        } else {
            field = names.count
            names.append(name)
            fields.append(NestedShapeAccumulator())
        }
        rawKeys.append(ShortKey(key))
        rawFields.append(field)
        rawLookup[key] = rawKeys.count - 1
        return rawKeys.count - 1
    }

    private func observeArray(_ c: inout JSONCursor, depth: Int) -> Bool {
        c.pos += 1
        if c.consume(93) { return true }
        let items = element ?? NestedShapeAccumulator()
        element = items
        while true {
            guard items.observe(&c, depth: depth - 1) else { return false }
            if c.consume(44) { continue }
            return c.consume(93)
        }
    }

    /// A string, number or literal narrows the profile as ``ColumnProfile/observe(_:)`` does.
    private func observeScalar(_ c: inout JSONCursor) -> Bool {
        switch c.peek {
        case 34:
            scratch.removeAll(keepingCapacity: true)
            guard c.string(into: &scratch) else { return false }
            scratch.withUnsafeBufferPointer { profile.observe($0.baseAddress, $0.count, kind: CellKind.jsonString) }
        case 116, 102:
            let word: StaticString = c.peek == 116 ? "true" : "false"
            guard c.literal(word) else { return false }
            profile.observe(word.utf8Start, word.utf8CodeUnitCount, kind: CellKind.jsonBool)
        default:
            guard let digits = c.number() else { return false }
            profile.observe(digits.baseAddress, digits.count, kind: CellKind.jsonNumber)
        }
        return true
    }
}
