/// One cell, for row-at-a-time consumers (`lake cat`, tests, JSON output). Hot paths use
/// ``Column`` buffers instead.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Float)
    case double(Double)
    case string(String)
    case binary([UInt8])
    /// Days since the epoch.
    case date(Int32)
    case timestamp(Int64, TimeUnit)
    /// Unscaled value (as decimal digits, may be beyond Int64) and scale.
    case decimal(unscaled: String, scale: Int)
    /// A list's elements.
    indirect case list([Value])
    /// A struct's fields, names and values in schema order.
    indirect case structure(names: [String], values: [Value])
    /// A map's entries, keys and values pairwise.
    indirect case map(keys: [Value], values: [Value])
}
