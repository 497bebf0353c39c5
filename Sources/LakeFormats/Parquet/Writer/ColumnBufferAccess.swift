// Pointer access to column buffers for the writer's hot loops.

extension ByteArrayColumn {
    /// Calls `body` with the start of the value bytes; a valid pointer even when there are none.
    @inline(__always) func withDataPointer<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { return try body(base) }
            var zero: UInt8 = 0
            return try withUnsafeBytes(of: &zero) { z in
                guard let p = z.baseAddress else { preconditionFailure("stack value without address") }
                return try body(p)
            }
        }
    }
}

extension Optional where Wrapped == [Bool] {
    /// Calls `body` with a buffer over the array, or nil.
    @inline(__always) func withOptionalUnsafeBuffer<R>(_ body: (UnsafeBufferPointer<Bool>?) throws -> R) rethrows -> R {
        switch self {
        case .some(let array): return try array.withUnsafeBufferPointer { try body($0) }
        case .none: return try body(nil)
        }
    }
}
