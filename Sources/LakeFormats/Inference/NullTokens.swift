/// A set of null tokens compiled for byte-level matching: a length mask first, then bytes.
struct NullTokens: Sendable {
    let tokens: [[UInt8]]
    let matchesEmpty: Bool
    /// Bit `n` set when some token has length `n` (lengths up to 63).
    let lengthMask: UInt64
    let quotedCanBeNull: Bool

    init(_ tokens: [String], quotedCanBeNull: Bool) {
        let t = tokens.map { Array($0.utf8) }
        self.tokens = t.filter { !$0.isEmpty }
        matchesEmpty = t.contains { $0.isEmpty }
        var mask: UInt64 = 0
        for tok in t where tok.count < 64 { mask |= 1 << UInt64(tok.count) }
        lengthMask = mask
        self.quotedCanBeNull = quotedCanBeNull
    }

    /// Whether a cell of `kind` with these bytes is null.
    @inline(__always)
    func isNull(_ p: UnsafePointer<UInt8>?, _ n: Int, kind: UInt8) -> Bool {
        if kind == CellKind.plain {
            return matches(p, n)
        }
        if kind == CellKind.missing || kind == CellKind.jsonNull { return true }
        if kind <= CellKind.mixed, quotedCanBeNull { return matches(p, n) }
        return false
    }

    @inline(__always)
    func matches(_ p: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
        if n == 0 { return matchesEmpty }
        guard n < 64, lengthMask & (1 << UInt64(n)) != 0, let p else { return false }
        for t in tokens where t.count == n {
            var equal = true
            for i in 0..<n where t[i] != p[i] {
                equal = false
                break
            }
            if equal { return true }
        }
        return false
    }
}
