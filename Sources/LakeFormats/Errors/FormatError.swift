import Foundation

/// The error every LakeFormats reader, writer and codec throws: what failed (``code``), a
/// message that says what to do next, and where in the input it happened (file, column, row
/// group, byte offset, line).
///
/// Codes are open-ended (`FormatError.Code(rawValue:)`) so new readers can add their own without
/// breaking callers that switch on the common ones. Record values never go into the message or
/// the context: errors end up in logs.
public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable category, printed as `error[code]`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's text form, e.g. `truncated`.
        public var rawValue: String
        /// Makes a code; prefer the static values.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's text form.
        public var description: String { rawValue }

        /// The input ends before a structure it announced (file cut short, length past the end).
        public static let truncated = Code(rawValue: "truncated")
        /// The input is malformed: bad magic, impossible length, invalid encoding, bad checksum.
        public static let corrupt = Code(rawValue: "corrupt")
        /// A valid feature SwiftLake does not implement (nested columns, a codec, a type).
        public static let unsupported = Code(rawValue: "unsupported")
        /// Text that must be UTF-8 is not.
        public static let invalidUTF8 = Code(rawValue: "invalid-utf8")
        /// Data does not fit the declared or expected schema (type, column count, nullability).
        public static let schemaMismatch = Code(rawValue: "schema-mismatch")
        /// Reading or writing the underlying file failed.
        public static let io = Code(rawValue: "io")
        /// The caller passed something unusable (bad option, wrong batch, use after close).
        public static let invalidArgument = Code(rawValue: "invalid-argument")
    }

    /// Where in the input the error happened. Every field is optional; set what you know.
    public struct Context: Hashable, Sendable {
        /// The file path or object key being read or written.
        public var path: String?
        /// The column name (or dotted path).
        public var column: String?
        /// The Parquet row group index.
        public var rowGroup: Int?
        /// The byte offset in the file (or in the buffer when there is no file).
        public var byteOffset: Int64?
        /// The 1-based line number for text formats.
        public var line: Int?
        /// The 0-based record (row) index.
        public var record: Int64?

        /// Makes a context; all fields default to unknown.
        public init(
            path: String? = nil, column: String? = nil, rowGroup: Int? = nil,
            byteOffset: Int64? = nil, line: Int? = nil, record: Int64? = nil
        ) {
            self.path = path
            self.column = column
            self.rowGroup = rowGroup
            self.byteOffset = byteOffset
            self.line = line
            self.record = record
        }

        /// Fills the fields unset here with those of `other`.
        public func merged(with other: Context) -> Context {
            Context(
                path: path ?? other.path, column: column ?? other.column,
                rowGroup: rowGroup ?? other.rowGroup, byteOffset: byteOffset ?? other.byteOffset,
                line: line ?? other.line, record: record ?? other.record)
        }

        var isEmpty: Bool {
            path == nil && column == nil && rowGroup == nil && byteOffset == nil && line == nil
                && record == nil
        }

        var pairs: [String] {
            var out: [String] = []
            if let path { out.append("file=\(path)") }
            if let line { out.append("line=\(line)") }
            if let record { out.append("record=\(record)") }
            if let rowGroup { out.append("row-group=\(rowGroup)") }
            if let column { out.append("column=\(column)") }
            if let byteOffset { out.append("offset=\(byteOffset)") }
            return out
        }
    }

    /// The category of failure.
    public var code: Code
    /// What is wrong, in words a user can act on.
    public var message: String
    /// What the user should do about it, when we know.
    public var hint: String?
    /// Where it happened.
    public var context: Context
    /// The underlying cause's description (an errno text, a zlib message), if any.
    public var underlying: String?

    /// Makes an error.
    public init(
        _ code: Code, _ message: String, hint: String? = nil, context: Context = Context(),
        underlying: String? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.context = context
        self.underlying = underlying
    }

    /// `error[code]: message (file=..., column=..., offset=...)`, then hint and cause lines.
    public var description: String {
        var text = "error[\(code)]: \(message)"
        if !context.isEmpty { text += " (" + context.pairs.joined(separator: ", ") + ")" }
        if let hint { text += "\n  hint: \(hint)" }
        if let underlying { text += "\n  caused by: \(underlying)" }
        return text
    }

    /// Returns a copy whose unset context fields are filled from `extra`.
    public func adding(_ extra: Context) -> FormatError {
        var copy = self
        copy.context = context.merged(with: extra)
        return copy
    }

    /// Returns a copy with the file path set, unless one is already there.
    public func inFile(_ path: String) -> FormatError { adding(Context(path: path)) }
}

extension FormatError {
    /// Shorthand for a ``Code/truncated`` error.
    public static func truncated(_ message: String, context: Context = Context()) -> FormatError {
        FormatError(
            .truncated, message, hint: "the file may be incomplete; copy or write it again",
            context: context)
    }

    /// Shorthand for a ``Code/corrupt`` error.
    public static func corrupt(_ message: String, context: Context = Context()) -> FormatError {
        FormatError(
            .corrupt, message, hint: "the file is damaged or not in the expected format",
            context: context)
    }

    /// Shorthand for an ``Code/unsupported`` error.
    public static func unsupported(_ message: String, context: Context = Context()) -> FormatError {
        FormatError(.unsupported, message, context: context)
    }

    /// Shorthand for an ``Code/invalidArgument`` error.
    public static func invalidArgument(_ message: String, context: Context = Context()) -> FormatError {
        FormatError(.invalidArgument, message, context: context)
    }

    /// Shorthand for an ``Code/io`` error with the C `errno` text as the cause.
    public static func io(_ message: String, errno code: Int32, context: Context = Context()) -> FormatError {
        FormatError(
            .io, message, hint: "check that the path exists, is writable and the disk is not full",
            context: context, underlying: "\(String(cString: strerror(code))) (errno \(code))")
    }
}
