import Foundation
import LakeCore

/// One parsed shared AWS file (`~/.aws/credentials` or `~/.aws/config`): sections of
/// `key = value` settings.
///
/// Follows the AWS CLI's INI dialect: `#` and `;` start comment lines (a value keeps any `#`
/// after it, as the CLI does); keys are
/// case-insensitive; a key with an empty value followed by indented lines is a sub-section
/// (`s3 =\n  endpoint_url = ...`), stored here as `s3.endpoint_url`.
public struct AWSSharedConfigFile: Sendable, Hashable {
    /// Section name (as written between brackets, trimmed) to its settings.
    public var sections: [String: [String: String]]

    /// An empty file.
    public init(sections: [String: [String: String]] = [:]) { self.sections = sections }

    /// Parses the text of a file.
    public init(parsing text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var parentKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = String(rawLine).replacingOccurrences(of: "\r", with: "")
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") {
                guard let close = trimmed.lastIndex(of: "]") else { current = nil; continue }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
                    .trimmingCharacters(in: .whitespaces)
                current = name
                parentKey = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current, let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let indented = line.first == " " || line.first == "\t"
            if indented, let parent = parentKey {
                sections[section, default: [:]]["\(parent).\(key)"] = value
            } else {
                parentKey = value.isEmpty ? key : nil
                sections[section, default: [:]][key] = value
            }
        }
        self.sections = sections
    }

    /// Reads and parses `url`; a missing file is an empty one.
    public static func load(_ url: URL) throws(LakeError) -> AWSSharedConfigFile {
        guard FileManager.default.fileExists(atPath: url.path) else { return AWSSharedConfigFile() }
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            return AWSSharedConfigFile(parsing: text)
        } catch {
            throw LakeError(
                .invalidConfig, "cannot read the AWS file \(url.path)", hint: "check its permissions and that it is UTF-8 text",
                context: ["file": url.path], underlying: SendableErrorBox(error))
        }
    }

    /// Settings of a section, or nil when it is absent.
    public func section(_ name: String) -> [String: String]? { sections[name] }
}
