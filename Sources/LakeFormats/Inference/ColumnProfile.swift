/// What the values seen so far in one column allow: the candidate types still possible and the
/// facts needed to pick parameters (decimal digits, timestamp precision).
///
/// Each non-null value removes the candidates it does not fit, so the profile only ever widens:
/// int32 -> int64 -> decimal -> double -> string, date -> timestamp -> string, bool -> string.
/// Numbers written with a leading zero (`007`, `08123`, `-01`; not `0` or `0.5`) are text.
struct ColumnProfile: Sendable, Hashable {
    struct Candidates: OptionSet, Sendable, Hashable {
        let rawValue: UInt16
        static let bool = Candidates(rawValue: 1)
        static let int32 = Candidates(rawValue: 2)
        static let int64 = Candidates(rawValue: 4)
        static let decimal = Candidates(rawValue: 8)
        static let double = Candidates(rawValue: 16)
        static let date = Candidates(rawValue: 32)
        static let timestamp = Candidates(rawValue: 64)
        static let epochMillis = Candidates(rawValue: 128)
        static let all: Candidates = [.bool, .int32, .int64, .decimal, .double, .date, .timestamp, .epochMillis]
    }

    var candidates: Candidates = .all
    var values = 0
    var nulls = 0
    var integerDigits = 0
    var fractionDigits = 0
    var needsMicros = false
    /// The merged shape of the nested values (JSON objects and arrays kept with `nested: keep`).
    var shape: NestedShape?
    /// How many of `values` were nested.
    var nestedValues = 0

    /// Narrows the profile by one non-null cell.
    @inline(__always)
    mutating func observe(_ p: UnsafePointer<UInt8>?, _ n: Int, kind: UInt8) {
        values += 1
        guard let p, n > 0 else {
            candidates = []
            return
        }
        if candidates.isEmpty { return }
        switch kind {
        case CellKind.jsonBool:
            candidates.formIntersection(.bool)
        case CellKind.jsonRaw:
            candidates = []
        case CellKind.jsonString:
            candidates.formIntersection([.date, .timestamp])
            if !candidates.isEmpty { observeText(p, n) }
        case CellKind.jsonNumber:
            candidates.formIntersection([.int32, .int64, .decimal, .double, .epochMillis])
            if !candidates.isEmpty { observeText(p, n) }
        default:
            observeText(p, n)
        }
    }

    @inline(__always)
    private mutating func observeText(_ p: UnsafePointer<UInt8>, _ n: Int) {
        var fits: Candidates = []
        let first = p[0]
        if ByteParse.isDigit(first) || first == 45 || first == 43 || first == 46 {
            // `007`, `08123`, `00.5` are codes and identifiers, kept as text (as DuckDB does);
            // `0001-01-01` does not parse as a number and still fits a date.
            if let v = ByteParse.int64(p, n), !ByteParse.hasLeadingZero(p, n) {
                fits = [.int64, .decimal, .double]
                if v >= Int64(Int32.min), v <= Int64(Int32.max) { fits.insert(.int32) }
                if v >= 100_000_000_000, v < 10_000_000_000_000 { fits.insert(.epochMillis) }
                if candidates.contains(.decimal), let shape = ByteParse.decimalShape(p, n) {
                    integerDigits = max(integerDigits, shape.integer)
                }
            } else if candidates.contains(.date) || candidates.contains(.timestamp),
                n >= 10, p[4] == 45, let instant = ByteParse.instant(p, n)
            {
                fits = n == 10 ? [.date, .timestamp] : [.timestamp]
                if instant.fractionDigits > 3 { needsMicros = true }
            } else if !ByteParse.hasLeadingZero(p, n), ByteParse.double(p, n) != nil {
                fits = [.double]
                if candidates.contains(.decimal), let shape = ByteParse.decimalShape(p, n) {
                    fits.insert(.decimal)
                    integerDigits = max(integerDigits, shape.integer)
                    fractionDigits = max(fractionDigits, shape.fraction)
                }
            }
        } else if ByteParse.bool(p, n, lenient: false) != nil {
            fits = [.bool]
        } else if ByteParse.double(p, n) != nil {
            fits = [.double]  // NaN, inf
        }
        candidates.formIntersection(fits)
    }

    /// Combines the profile of the same column read elsewhere (another file).
    mutating func merge(_ other: ColumnProfile) {
        candidates.formIntersection(other.candidates)
        values += other.values
        nulls += other.nulls
        integerDigits = max(integerDigits, other.integerDigits)
        fractionDigits = max(fractionDigits, other.fractionDigits)
        needsMicros = needsMicros || other.needsMicros
        nestedValues += other.nestedValues
        if let o = other.shape { shape = shape.map { $0.merged(o) } ?? o }
    }

    /// The narrowest type that fits every value seen, given the options.
    func resolvedType(_ options: InferenceOptions) -> ColumnType {
        if values == 0 { return .string }
        if let shape {
            // Nested values beside scalars: the column holds text (JSON text for the nested ones).
            return nestedValues == values ? shape.resolvedType(options) : .string
        }
        let c = candidates
        if c.contains(.bool) { return .bool }
        if options.epochMillisAsTimestamp, c.contains(.epochMillis) { return .timestamp(.millis) }
        if c.contains(.int32) { return .int32 }
        if c.contains(.int64) { return .int64 }
        if options.inferDecimal, c.contains(.decimal) {
            let precision = max(1, integerDigits + fractionDigits)
            if precision <= 18 { return .decimal(precision: precision, scale: fractionDigits) }
        }
        if c.contains(.double) { return .double }
        if c.contains(.date) { return .date }
        if c.contains(.timestamp) { return .timestamp(needsMicros ? .micros : .millis) }
        return .string
    }
}
