/// A storage zone of the lake. Objects move raw -> stage -> analytics; artifacts hold code,
/// manifests and anything that is not data.
public enum Zone: String, Sendable, Codable, CaseIterable, Hashable, CustomStringConvertible {
    case raw, stage, analytics, artifacts
    public var description: String { rawValue }
}
