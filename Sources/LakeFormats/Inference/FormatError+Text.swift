/// Codes and a constructor for the errors of the text readers, inference and the converter.
extension FormatError.Code {
    /// A CSV row has fewer or more fields than the header.
    public static let raggedRow = FormatError.Code(rawValue: "ragged-row")
    /// A quoted field or JSON string is not closed before the end of the input.
    public static let unterminated = FormatError.Code(rawValue: "unterminated")
    /// The JSON text is malformed.
    public static let syntax = FormatError.Code(rawValue: "syntax")
    /// A value does not fit its column's declared type.
    public static let invalidValue = FormatError.Code(rawValue: "invalid-value")
    /// A schema file or explicit schema is not usable.
    public static let invalidSchema = FormatError.Code(rawValue: "invalid-schema")
    /// The input has no columns to read or infer.
    public static let emptyInput = FormatError.Code(rawValue: "empty-input")
    /// An option value is not usable.
    public static let invalidOption = FormatError.Code(rawValue: "invalid-option")
}

extension FormatError {
    /// An error at a place in a text input: 1-based `line`, 0-based `byteOffset`, column name.
    static func at(
        _ code: Code, _ message: String, hint: String? = nil, line: Int? = nil, byteOffset: Int? = nil,
        column: String? = nil, path: String? = nil
    ) -> FormatError {
        FormatError(
            code, message, hint: hint,
            context: Context(path: path, column: column, byteOffset: byteOffset.map { Int64($0) }, line: line))
    }
}
