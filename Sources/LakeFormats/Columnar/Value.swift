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
}
