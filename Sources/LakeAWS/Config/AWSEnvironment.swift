import Foundation

/// The environment variables the AWS clients read, as a value: the process environment by
/// default, or a dictionary a test (or an embedding program) passes explicitly, so nothing
/// needs to change the global environment.
public struct AWSEnvironment: Sendable, Hashable {
    /// The variables.
    public var variables: [String: String]

    /// An environment with exactly these variables.
    public init(_ variables: [String: String]) { self.variables = variables }

    /// The current process environment.
    public static var process: AWSEnvironment { AWSEnvironment(ProcessInfo.processInfo.environment) }

    /// The value of `name`, or nil when it is unset or empty (AWS tools treat both alike).
    public subscript(_ name: String) -> String? {
        guard let value = variables[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The home directory: `HOME`, else the user's home from Foundation.
    public var homeDirectory: URL {
        if let home = self["HOME"] { return URL(fileURLWithPath: home, isDirectory: true) }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    /// Expands a leading `~/` against ``homeDirectory``.
    public func expandingTilde(_ path: String) -> URL {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory.appendingPathComponent(String(path.dropFirst(2))) }
        return URL(fileURLWithPath: path)
    }
}
