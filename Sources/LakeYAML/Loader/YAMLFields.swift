/// The entries of a YAML mapping, in file order, with merge keys (`<<: *base`) applied.
struct YAMLFields {
    /// Path of the mapping itself.
    let path: String
    /// Position of the mapping (its key, when it came from a mapping).
    let position: ConfigSourceMap.Position?
    /// Key text and value, in file order.
    let entries: [(key: String, value: YAMLValue)]

    /// The value of `key`, or nil when it is absent or null.
    func value(_ key: String) -> YAMLValue? {
        guard let found = raw(key), !found.isNull else { return nil }
        return found
    }

    /// The value of `key` even when it is null.
    func raw(_ key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }

    /// True when `key` is written, even with a null value.
    func has(_ key: String) -> Bool { raw(key) != nil }
}
