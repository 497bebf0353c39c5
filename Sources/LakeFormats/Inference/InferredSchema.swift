/// The result of ``SchemaInference/infer(url:format:csv:json:options:)``: the schema and how it
/// was read.
public struct InferredSchema: Sendable, Hashable {
    /// The inferred schema; every field is nullable.
    public var schema: Schema
    /// The format the file was read as.
    public var format: InputFormat
    /// Rows looked at.
    public var rowsSampled: Int
    /// Nulls met per column in the sample, in schema order.
    public var nullCounts: [Int]
    /// CSV only: the delimiter used.
    public var delimiter: UInt8?
    /// CSV only: whether the first row was a header.
    public var hasHeader: Bool?

    /// Creates a result.
    public init(
        schema: Schema, format: InputFormat, rowsSampled: Int, nullCounts: [Int], delimiter: UInt8? = nil,
        hasHeader: Bool? = nil
    ) {
        self.schema = schema
        self.format = format
        self.rowsSampled = rowsSampled
        self.nullCounts = nullCounts
        self.delimiter = delimiter
        self.hasHeader = hasHeader
    }
}
