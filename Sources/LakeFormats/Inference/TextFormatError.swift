/// An error from the text readers (CSV, JSON), schema inference or the converter.
///
/// Carries a stable `code`, a message that says what to do, and where in the input the problem
/// is (1-based line, 0-based byte offset, column name) when known. Record values never appear in
/// the message, only positions and names.
public struct TextFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a stable, extensible code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let raw: String
        /// The code's name, e.g. `invalidUTF8`.
        public var description: String { raw }
        /// A byte sequence is not valid UTF-8.
        public static let invalidUTF8 = Code(raw: "invalidUTF8")
        /// A row has fewer or more fields than the header.
        public static let raggedRow = Code(raw: "raggedRow")
        /// A quoted field or JSON string is not closed before the end of the input.
        public static let unterminated = Code(raw: "unterminated")
        /// The JSON text is malformed.
        public static let syntax = Code(raw: "syntax")
        /// A value does not fit the column's declared type.
        public static let invalidValue = Code(raw: "invalidValue")
        /// The schema file or explicit schema is not usable.
        public static let invalidSchema = Code(raw: "invalidSchema")
        /// The input could not be opened or read, or the output could not be written.
        public static let io = Code(raw: "io")
        /// The input has no columns or no rows to infer a schema from.
        public static let emptyInput = Code(raw: "emptyInput")
        /// An option value is not usable.
        public static let invalidOption = Code(raw: "invalidOption")
    }

    /// The kind of failure.
    public var code: Code
    /// What happened and how to fix it.
    public var message: String
    /// 1-based line in the input, when known.
    public var line: Int?
    /// 0-based byte offset in the input, when known.
    public var byteOffset: Int?
    /// The column involved, when known.
    public var column: String?
    /// The file involved, when known.
    public var path: String?

    /// Creates an error; prefer the positions that are known.
    public init(
        _ code: Code, _ message: String, line: Int? = nil, byteOffset: Int? = nil,
        column: String? = nil, path: String? = nil
    ) {
        self.code = code
        self.message = message
        self.line = line
        self.byteOffset = byteOffset
        self.column = column
        self.path = path
    }

    /// `code: message (path, line N, byte B, column C)`.
    public var description: String {
        var place: [String] = []
        if let path { place.append(path) }
        if let line { place.append("line \(line)") }
        if let byteOffset { place.append("byte \(byteOffset)") }
        if let column { place.append("column \(column)") }
        return place.isEmpty ? "\(code): \(message)" : "\(code): \(message) (\(place.joined(separator: ", ")))"
    }
}
