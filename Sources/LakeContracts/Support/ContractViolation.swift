import LakeCore

/// An adapter broke its port's contract: says which check, what was expected and what happened.
public struct ContractViolation: Error, CustomStringConvertible, Sendable {
    /// The check that failed (set when the check runs through ``ContractCheck``).
    public var check: String?
    /// What broke.
    public var message: String
    /// Where in the suite.
    public var file: String
    /// Where in the suite.
    public var line: Int

    /// Creates a violation.
    public init(_ message: String, check: String? = nil, file: String = #fileID, line: Int = #line) {
        self.message = message
        self.check = check
        self.file = file
        self.line = line
    }

    /// `contract check 'name' failed: message (file:line)`.
    public var description: String {
        "contract check '\(check ?? "?")' failed: \(message) (\(file):\(line))"
    }
}

/// Throws a violation unless `condition` holds.
func ensure(_ condition: Bool, _ message: @autoclosure () -> String, file: String = #fileID, line: Int = #line) throws {
    if !condition { throw ContractViolation(message(), file: file, line: line) }
}

/// Throws a violation unless `actual == expected`.
func ensureEqual<T: Equatable>(
    _ actual: T, _ expected: T, _ what: @autoclosure () -> String, file: String = #fileID, line: Int = #line
) throws {
    if actual != expected {
        throw ContractViolation("\(what()): expected \(expected), got \(actual)", file: file, line: line)
    }
}

/// Runs `body` and throws a violation unless it throws a ``LakeError`` (of `code`, when given).
func ensureThrows<T>(
    _ code: LakeError.Code?, _ what: @autoclosure () -> String, file: String = #fileID, line: Int = #line,
    _ body: () async throws -> T
) async throws {
    do {
        _ = try await body()
    } catch let error as LakeError {
        if let code, error.code != code {
            throw ContractViolation("\(what()): expected error[\(code)], got \(error)", file: file, line: line)
        }
        return
    } catch let violation as ContractViolation {
        throw violation
    } catch {
        throw ContractViolation("\(what()): expected a LakeError, got \(error)", file: file, line: line)
    }
    throw ContractViolation("\(what()): expected an error, but it succeeded", file: file, line: line)
}

/// Byte order of UTF-8 strings, the order keys are listed in on every backend.
func utf8Less(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// The value, or a violation naming `what` when it is nil.
func unwrap<T>(_ value: T?, _ what: @autoclosure () -> String, file: String = #fileID, line: Int = #line) throws -> T {
    guard let value else { throw ContractViolation("\(what()) is missing", file: file, line: line) }
    return value
}
