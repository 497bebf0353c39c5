/// How schema inference reads values: sample size, null tokens, which types it may choose.
public struct InferenceOptions: Sendable, Hashable {
    /// Rows read to infer the schema before writing starts (later rows may still widen it).
    public var sampleRows: Int
    /// Unquoted texts that mean null, compared byte for byte. The empty field is null when `""`
    /// is listed.
    public var nullTokens: [String]
    /// Choose `decimal(p,s)` for plain decimal text (`12.50`) instead of `double`.
    public var inferDecimal: Bool
    /// Choose `timestamp[ms]` for integer columns whose values all look like epoch milliseconds
    /// (between 1973 and 2286, i.e. 12 or 13 digits).
    public var epochMillisAsTimestamp: Bool
    /// Whether quoted CSV fields may match a null token (`""` as null). Default false: a quoted
    /// field is always a value, as in PostgreSQL's CSV format.
    public var quotedNullTokens: Bool

    /// Defaults: 10,000 sample rows; null tokens empty, `NULL`, `null`, `NA`; no decimal, no
    /// epoch millis; quoted fields are never null.
    public init(
        sampleRows: Int = 10_000, nullTokens: [String] = ["", "NULL", "null", "NA"],
        inferDecimal: Bool = false, epochMillisAsTimestamp: Bool = false, quotedNullTokens: Bool = false
    ) {
        self.sampleRows = sampleRows
        self.nullTokens = nullTokens
        self.inferDecimal = inferDecimal
        self.epochMillisAsTimestamp = epochMillisAsTimestamp
        self.quotedNullTokens = quotedNullTokens
    }
}
