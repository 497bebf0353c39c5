/// Builds one nested column (struct, list or map, any depth) straight from JSON text, one cell
/// at a time, without an intermediate tree: objects fill struct children by key, arrays fill
/// list offsets and elements, leaves parse their text in place. The inference sample decides
/// the type; a cell that does not fit it (a key the struct lacks, a string where a number
/// belongs) makes ``append(_:)`` return false so the converter can widen and start again.
///
/// Builders are used by one thread and never re-entered on the same property, so their buffers
/// skip the runtime exclusivity checks (measured: about a tenth of the decode time).
final class NestedColumnBuilder {
    let type: ColumnType
    /// Cells appended.
    @exclusivity(unchecked) private(set) var count = 0
    /// One flag per cell, kept only from the first null on (most columns have none, and a
    /// flag per value was a tenth of the builder's time).
    @exclusivity(unchecked) private var validity = AppendBuffer<Bool>(capacity: 1)
    @exclusivity(unchecked) private var anyNull = false
    @exclusivity(unchecked) private var offsets = AppendBuffer<Int32>()
    /// The row (cell count) a struct child was last set in, to fill absent keys with null.
    /// (A plain buffer, one per struct field: as an array, each write checked that its storage
    /// was not shared, a runtime call per field per value.)
    private let setInRow: UnsafeMutableBufferPointer<Int>
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    // What the builder is, in stored constants rather than an enum with payloads: switching
    // over payloads copied them out, a retain and release per child per value (a fifth of
    // the decoding time in a profile).
    private let shape: Shape
    /// The values of a leaf.
    private let leaf: LeafBuilder?
    /// The same, called without a retain and release around each call (`leaf` owns it).
    private let leafRef: Unmanaged<LeafBuilder>?
    /// A struct's field names (`_empty` as no bytes).
    private let names: [ShortKey]
    /// A struct's fields; a list's element; a map's keys and values.
    private let children: [NestedColumnBuilder]
    /// The same, called without a retain and release around each call (`children` owns them).
    private let child: [Unmanaged<NestedColumnBuilder>]

    private enum Shape {
        case leaf, structure, list, map
    }

    /// Deepest nesting a cell may have.
    static let maxDepth = 256

    /// `takesJSONText`: a string leaf keeps an object or array as its JSON text (nested
    /// leaves); false for a record's own fields (``record(_:)``), whose text the converter
    /// otherwise keeps as it stands in the input.
    init(type: ColumnType, takesJSONText: Bool = true, record: Bool = false) {
        self.type = type
        switch type {
        case .structure(let fields):
            shape = .structure
            names = fields.map { ShortKey($0.name == "_empty" ? [] : Array($0.name.utf8)) }
            children = fields.map { NestedColumnBuilder(type: $0.type, takesJSONText: !record) }
            leaf = nil
            setInRow = .allocate(capacity: fields.count)
        case .list(let element):
            shape = .list
            names = []
            children = [NestedColumnBuilder(type: element.type)]
            leaf = nil
            setInRow = .allocate(capacity: 0)
        case .map(let key, let value):
            shape = .map
            names = []
            children = [NestedColumnBuilder(type: key), NestedColumnBuilder(type: value.type)]
            leaf = nil
            setInRow = .allocate(capacity: 0)
        default:
            shape = .leaf
            names = []
            children = []
            leaf = LeafBuilder(type: type, takesJSONText: takesJSONText)
            setInRow = .allocate(capacity: 0)
        }
        setInRow.initialize(repeating: -1)
        child = children.map { Unmanaged.passUnretained($0) }
        leafRef = leaf.map { Unmanaged.passUnretained($0) }
        offsets.append(0)
    }

    /// A builder for whole records: one field per schema field, each as the record parser
    /// would decode it (``JSONReader/parseRecords(_:fields:)``).
    static func record(_ fields: [Field]) -> NestedColumnBuilder {
        NestedColumnBuilder(type: .structure(fields), record: true)
    }

    /// A struct's fields as finished columns (a record builder's columns).
    func fieldColumns() -> [Column] { children.map { $0.column() } }

    deinit {
        validity.free()
        offsets.free()
        setInRow.deallocate()
    }

    /// Adds a null cell (structs give their children placeholders, lists no elements).
    func appendNull() {
        if !anyNull {
            anyNull = true
            validity.append(true, times: count)
        }
        validity.append(false)
        count += 1
        switch shape {
        case .leaf: leafRef.unsafelyUnwrapped._withUnsafeGuaranteedRef { $0.appendPlaceholder() }
        case .structure: for i in 0..<child.count { child[i]._withUnsafeGuaranteedRef { $0.appendNull() } }
        case .list, .map: offsets.append(offsets.last)
        }
    }

    /// Adds the value at the cursor; false when it does not fit the type.
    func append(_ c: inout JSONCursor, depth: Int = NestedColumnBuilder.maxDepth) -> Bool {
        if let settled = appendNullOrStop(&c, depth: depth) { return settled }
        switch shape {
        case .leaf:
            guard appendLeafValue(&c, depth: depth) else { return false }
        case .structure:
            guard c.consume(123) else { return false }
            let row = count
            var expected = 0
            if !c.consume(125) {
                while true {
                    c.skipSpace()
                    let i: Int
                    if expected < names.count, c.matchString(names[expected]) {
                        i = expected  // the usual case: keys in the order of the last record
                    } else {
                        scratch.removeAll(keepingCapacity: true)
                        guard c.string(into: &scratch), let found = names.firstIndex(where: { $0.bytes == scratch }) else { return false }
                        i = found
                    }
                    guard c.consume(58), setInRow[i] != row else { return false }
                    setInRow[i] = row
                    expected = i + 1
                    guard Self.append(to: child[i], &c, depth: depth - 1) else { return false }
                    if c.consume(44) { continue }
                    guard c.consume(125) else { return false }
                    break
                }
            }
            for i in 0..<child.count where setInRow[i] != row { child[i]._withUnsafeGuaranteedRef { $0.appendNull() } }
        case .list:
            guard c.consume(91) else { return false }
            let element = child[0]
            if !c.consume(93) {
                while true {
                    guard Self.append(to: element, &c, depth: depth - 1) else { return false }
                    if c.consume(44) { continue }
                    guard c.consume(93) else { return false }
                    break
                }
            }
            offsets.append(Int32(truncatingIfNeeded: element._withUnsafeGuaranteedRef { $0.count }))
        case .map:
            guard c.consume(123) else { return false }
            let keys = child[0]
            let values = child[1]
            if !c.consume(125) {
                while true {
                    c.skipSpace()
                    guard keys._withUnsafeGuaranteedRef({ $0.appendKey(&c) }), c.consume(58),
                        Self.append(to: values, &c, depth: depth - 1)
                    else { return false }
                    if c.consume(44) { continue }
                    guard c.consume(125) else { return false }
                    break
                }
            }
            offsets.append(Int32(truncatingIfNeeded: keys._withUnsafeGuaranteedRef { $0.count }))
        }
        appendPresent()
        return true
    }

    /// Adds the value at the cursor to `builder`; a leaf takes it here, one call less per leaf
    /// value (most values) than through ``append(_:depth:)`` and its large frame.
    @inline(__always)
    private static func append(to builder: Unmanaged<NestedColumnBuilder>, _ c: inout JSONCursor, depth: Int) -> Bool {
        builder._withUnsafeGuaranteedRef { b in
            guard b.shape == .leaf else { return b.append(&c, depth: depth) }
            if let settled = b.appendNullOrStop(&c, depth: depth) { return settled }
            guard b.appendLeafValue(&c, depth: depth) else { return false }
            b.appendPresent()
            return true
        }
    }

    /// What every cell starts with: whitespace, the depth limit, and null (added here). Nil
    /// when a value follows; otherwise whether the cell was taken.
    @inline(__always)
    private func appendNullOrStop(_ c: inout JSONCursor, depth: Int) -> Bool? {
        c.skipSpace()
        guard depth > 0, !c.atEnd else { return false }
        guard c.peek == 110 else { return nil }
        guard c.literal("null") else { return false }
        appendNull()
        return true
    }

    /// A leaf's value (not null) parsed into its ``LeafBuilder``.
    @inline(__always)
    private func appendLeafValue(_ c: inout JSONCursor, depth: Int) -> Bool {
        leafRef.unsafelyUnwrapped._withUnsafeGuaranteedRef { $0.append(&c, depth: depth) }
    }

    /// Counts a present cell (flagged only once there are nulls).
    @inline(__always)
    private func appendPresent() {
        if anyNull { validity.append(true) }
        count += 1
    }

    /// Keeps the first `n` values, dropping later ones and whatever a failed ``append(_:depth:)``
    /// left in the children (a record cut by the end of the read buffer is read again later).
    func truncate(to n: Int) {
        count = min(count, max(0, n))
        if anyNull {
            validity.truncate(to: count)
            if !validity.contains(false) {
                anyNull = false
                validity.truncate(to: 0)
            }
        }
        let kept = count
        switch shape {
        case .leaf:
            leafRef.unsafelyUnwrapped._withUnsafeGuaranteedRef { $0.truncate(to: kept) }
        case .structure:
            for i in 0..<child.count { child[i]._withUnsafeGuaranteedRef { $0.truncate(to: kept) } }
            for i in setInRow.indices where setInRow[i] >= kept { setInRow[i] = -1 }
        case .list, .map:
            offsets.truncate(to: kept + 1)
            let elements = Int(offsets.last)
            for i in 0..<child.count { child[i]._withUnsafeGuaranteedRef { $0.truncate(to: elements) } }
        }
    }

    /// A map key: the key string parsed as the key type.
    private func appendKey(_ c: inout JSONCursor) -> Bool {
        guard shape == .leaf, c.peek == 34 else { return false }
        guard leafRef.unsafelyUnwrapped._withUnsafeGuaranteedRef({ $0.append(&c, depth: 1) }) else { return false }
        appendPresent()
        return true
    }

    /// The finished column.
    func column() -> Column {
        let mask = anyNull ? validity.array() : nil
        switch shape {
        case .leaf: return Column(values: leaf.unsafelyUnwrapped.values(), validity: mask)
        case .structure:
            return Column(values: .structure(count: count, fields: children.map { $0.column() }), validity: mask)
        case .list: return Column(values: .list(offsets: offsets.array(), values: children[0].column()), validity: mask)
        case .map:
            let pairs = Column(values: .structure(count: children[0].count, fields: [children[0].column(), children[1].column()]))
            return Column(values: .list(offsets: offsets.array(), values: pairs), validity: mask)
        }
    }
}

/// The values of one scalar leaf of a nested column, parsed from JSON text in place.
private final class LeafBuilder {
    let type: ColumnType
    @exclusivity(unchecked) private var bools = AppendBuffer<Bool>(capacity: 16)
    @exclusivity(unchecked) private var int32s = AppendBuffer<Int32>(capacity: 16)
    @exclusivity(unchecked) private var int64s = AppendBuffer<Int64>(capacity: 16)
    @exclusivity(unchecked) private var floats = AppendBuffer<Float>(capacity: 16)
    @exclusivity(unchecked) private var doubles = AppendBuffer<Double>(capacity: 16)
    /// Text and byte values, one after another, and where each ends (after a leading 0).
    @exclusivity(unchecked) private var bytes = AppendBuffer<UInt8>(capacity: 64)
    @exclusivity(unchecked) private var ends = AppendBuffer<Int32>(capacity: 16)
    @exclusivity(unchecked) private var scratch: [UInt8] = []

    /// The type is text (string), or text or bytes: asked once per value, so not compared each time.
    private let isString: Bool
    private let isText: Bool
    /// Numbers of these types are checked and converted in one pass over their text.
    private let number: Number

    private enum Number { case double, float, int64, int32, other }

    /// Whether a string leaf keeps an object or array as its (compact) JSON text.
    private let takesJSONText: Bool

    init(type: ColumnType, takesJSONText: Bool) {
        self.type = type
        self.takesJSONText = takesJSONText
        isString = type == .string
        isText = type == .string || type == .binary
        switch type {
        case .double: number = .double
        case .float: number = .float
        case .int64: number = .int64
        case .int32: number = .int32
        default: number = .other
        }
        ends.append(0)
    }

    deinit {
        bools.free()
        int32s.free()
        int64s.free()
        floats.free()
        doubles.free()
        bytes.free()
        ends.free()
    }

    /// Ends the byte value appended since the last end.
    @inline(__always)
    private func endValue() { ends.append(Int32(truncatingIfNeeded: bytes.count)) }

    /// Appends one whole byte value.
    private func appendValue<C: Collection>(_ value: C) where C.Element == UInt8 {
        for b in value { bytes.append(b) }
        endValue()
    }

    func appendPlaceholder() {
        switch type {
        case .bool: bools.append(false)
        case .int32, .date: int32s.append(0)
        case .int64, .timestamp: int64s.append(0)
        case .decimal(let p, _) where p <= 18: int64s.append(0)
        case .decimal(let p, _):
            bytes.append(0, times: WideDecimal.byteWidth(precision: p))
            endValue()
        case .float: floats.append(0)
        case .double: doubles.append(0)
        default: endValue()
        }
    }

    /// Keeps the first `n` values (and drops the bytes a failed string append left).
    func truncate(to n: Int) {
        bools.truncate(to: n)
        int32s.truncate(to: n)
        int64s.truncate(to: n)
        floats.truncate(to: n)
        doubles.truncate(to: n)
        ends.truncate(to: n + 1)
        bytes.truncate(to: Int(ends.last))
    }

    func values() -> ColumnValues {
        switch type {
        case .bool: return .bool(bools.array())
        case .int32, .date: return .int32(int32s.array())
        case .int64, .timestamp: return .int64(int64s.array())
        case .decimal(let p, _) where p <= 18: return .int64(int64s.array())
        case .float: return .float(floats.array())
        case .double: return .double(doubles.array())
        default: return .bytes(ByteArrayColumn(bytes: bytes.array(), offsets: ends.array()))
        }
    }

    /// Parses the value at the cursor (not null) as the leaf's type.
    func append(_ c: inout JSONCursor, depth: Int) -> Bool {
        let first = c.peek
        if first == 123 || first == 91 {
            // An object or array where a scalar belongs: text columns keep its JSON text.
            guard isString, takesJSONText, let raw = c.skipValue(depth: depth), let value = try? RawJSON.parse(raw) else { return false }
            appendValue(value.text)
            return true
        }
        if first == 116 || first == 102 {
            let value = first == 116
            guard c.literal(value ? "true" : "false") else { return false }
            switch type {
            case .bool: bools.append(value)
            case .string: appendValue((value ? "true" : "false").utf8)
            default: return false
            }
            return true
        }
        if first == 34, isText {
            // Unescaped straight into the column's bytes.
            guard c.string(into: &bytes), bytes.count <= Int(Int32.max) else { return false }
            endValue()
            return true
        }
        if first == 34 {
            // A date, time or number given as a string: read where it lies unless it has escapes.
            if let text = c.plainString() { return appendQuoted(text) }
            scratch.removeAll(keepingCapacity: true)
            guard c.string(into: &scratch) else { return false }
            return scratch.withUnsafeBufferPointer { appendQuoted($0) }
        }
        switch number {
        case .double:
            guard let v = c.double() else { return false }
            doubles.append(v)
            return true
        case .float:
            guard let v = c.double() else { return false }
            floats.append(Float(v))
            return true
        case .int64:
            guard let v = c.int64() else { return false }
            int64s.append(v)
            return true
        case .int32:
            guard let v = c.int64(), let w = Int32(exactly: v) else { return false }
            int32s.append(w)
            return true
        case .other:
            break
        }
        guard let digits = c.number() else { return false }
        if isString {
            if let p = digits.baseAddress { bytes.append(p, count: digits.count) }
            endValue()
            return true
        }
        return appendText(digits)
    }

    /// A quoted value of a type other than text: a boolean, number, date, time or decimal.
    private func appendQuoted(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard case .bool = type else { return appendText(text) }
        guard let p = text.baseAddress, let b = ByteParse.bool(p, text.count, lenient: true) else { return false }
        bools.append(b)
        return true
    }

    /// A number, date, time or decimal from its text.
    private func appendText(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = text.baseAddress, text.count > 0 else { return false }
        let n = text.count
        switch type {
        case .int32:
            guard let v = ByteParse.int64(p, n), let w = Int32(exactly: v) else { return false }
            int32s.append(w)
        case .int64:
            guard let v = ByteParse.int64(p, n) else { return false }
            int64s.append(v)
        case .double:
            guard let v = ByteParse.double(p, n) else { return false }
            doubles.append(v)
        case .float:
            guard let v = ByteParse.double(p, n) else { return false }
            floats.append(Float(v))
        case .date:
            guard let v = ByteParse.date(p, n) else { return false }
            int32s.append(v)
        case .timestamp(let unit):
            guard let v = ColumnDecoder.timestamp(p, n, unit) else { return false }
            int64s.append(v)
        case .decimal(let precision, let scale) where precision <= 18:
            guard let v = ByteParse.decimalUnscaled(p, n, scale: scale) else { return false }
            int64s.append(v)
        case .decimal(let precision, let scale):
            guard let wide = WideDecimal(parsing: p, n, precision: precision, scale: scale) else { return false }
            var out: [UInt8] = []
            wide.appendBigEndian(width: WideDecimal.byteWidth(precision: precision), to: &out)
            appendValue(out)
        default:
            return false
        }
        return true
    }
}
