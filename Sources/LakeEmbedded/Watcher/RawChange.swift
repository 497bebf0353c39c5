import LakeCore

/// A change the ``RawDirectoryWatcher`` found in the raw zone since its last scan.
public struct RawChange: Sendable, Hashable {
    /// What happened to the file.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A file that was not there at the last scan.
        case created
        /// A file whose size or modification time changed.
        case modified
        /// A file that is gone.
        case deleted
    }

    /// What happened.
    public var kind: Kind
    /// The object's location in the raw zone.
    public var location: ObjectLocation
    /// The object as found now; nil for deletions.
    public var info: ObjectInfo?

    /// Creates a change.
    public init(kind: Kind, location: ObjectLocation, info: ObjectInfo?) {
        self.kind = kind
        self.location = location
        self.info = info
    }
}
