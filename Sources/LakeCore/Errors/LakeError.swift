/// The one error type SwiftLake's modules throw: what failed (``code``), a message that says
/// what to do next, the context it failed in (key, dataset, execution id, YAML path), the
/// underlying cause and where in SwiftLake it was raised.
///
/// Codes are open-ended (`LakeError.Code(rawValue:)`) so adapters can add their own without
/// breaking callers. Never put credentials or record values in the message or context.
public struct LakeError: Error, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category, printed as `error[code]`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidKey = Code(rawValue: "invalid-key")
        public static let invalidName = Code(rawValue: "invalid-name")
        public static let invalidConfig = Code(rawValue: "invalid-config")
        public static let usage = Code(rawValue: "usage")
        public static let notFound = Code(rawValue: "not-found")
        public static let alreadyExists = Code(rawValue: "already-exists")
        public static let conflict = Code(rawValue: "conflict")
        public static let io = Code(rawValue: "io")
        public static let storage = Code(rawValue: "storage")
        public static let queue = Code(rawValue: "queue")
        public static let metadata = Code(rawValue: "metadata")
        public static let catalog = Code(rawValue: "catalog")
        public static let transform = Code(rawValue: "transform")
        public static let format = Code(rawValue: "format")
        public static let timeout = Code(rawValue: "timeout")
        public static let remote = Code(rawValue: "remote")
        public static let routing = Code(rawValue: "routing")
        public static let schemaConflict = Code(rawValue: "schema-conflict")
        /// A message whose body could not be read (not written by this version of SwiftLake).
        public static let badMessage = Code(rawValue: "bad-message")
        /// A data-quality rule failed.
        public static let quality = Code(rawValue: "quality")
        /// An unexpected error without a code of its own.
        public static let `internal` = Code(rawValue: "internal")
    }

    public var code: Code
    public var message: String
    /// What the user should do about it, when we know.
    public var hint: String?
    /// Where it happened, e.g. `["key": "raw/a/b.json", "dataset": "t/d"]`. No data values.
    public var context: [String: String]
    public var underlying: (any Error & Sendable)?
    public var file: String
    public var line: Int

    public init(
        _ code: Code,
        _ message: String,
        hint: String? = nil,
        context: [String: String] = [:],
        underlying: (any Error & Sendable)? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.context = context
        self.underlying = underlying
        self.file = file
        self.line = line
    }

    /// True for errors a user fixes by changing their command line or config (exit code 2).
    public var isUsageError: Bool {
        code == .usage || code == .invalidConfig || code == .invalidKey || code == .invalidName
    }

    public var description: String {
        var text = "error[\(code)]: \(message)"
        if !context.isEmpty {
            let pairs = context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            text += " (" + pairs.joined(separator: ", ") + ")"
        }
        if let hint { text += "\n  hint: \(hint)" }
        if let underlying { text += "\n  caused by: \(underlying)" }
        return text
    }

    /// Returns a copy with more context.
    public func adding(_ extra: [String: String]) -> LakeError {
        var copy = self
        copy.context.merge(extra) { current, _ in current }
        return copy
    }
}

extension LakeError {
    /// Wraps any error as a ``LakeError`` of `code`, keeping a LakeError's own code and context.
    public static func wrap(
        _ error: any Error, as code: Code, _ message: String, context: [String: String] = [:],
        file: String = #fileID, line: Int = #line
    ) -> LakeError {
        if let lake = error as? LakeError { return lake.adding(context) }
        return LakeError(
            code, "\(message): \(error)", context: context, underlying: SendableErrorBox(error),
            file: file, line: line)
    }
}

/// Carries a non-Sendable error's description across concurrency domains.
public struct SendableErrorBox: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ error: any Error) { description = String(describing: error) }
}
