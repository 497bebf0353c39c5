extension ColumnDecoder {
    /// Decodes a column of JSON objects and arrays into a list, struct or map column.
    func nested(_ grid: TokenGrid, _ c: Int, as type: ColumnType, name: String) throws(FormatError) -> Outcome {
        throw FormatError(
            .unsupported, "column \(name) has the nested type \(type), which text input cannot produce yet",
            context: FormatError.Context(column: name))
    }
}
