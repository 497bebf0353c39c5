import Foundation
import LakeCore

extension ConfigParser {
    static let embeddedStorageKeys = ["backend", "path"]
    static let awsStorageKeys = ["backend", "region", "endpoint", "buckets", "kms_key_id", "bucket_prefix"]

    /// `storage:` — the backend and its settings. Keys of the other backend are reported.
    func parseStorage(_ value: YAMLValue) -> StorageConfig {
        let fallback = StorageConfig.embedded(EmbeddedStorageConfig(path: resolvePath(EmbeddedStorageConfig().path)))
        guard let fields = reader.fields(value, allowed: nil) else { return fallback }
        var backend = "embedded"
        if let item = fields.value("backend") {
            guard let chosen = reader.choice(item, ["embedded", "aws"], what: "storage backend") else { return fallback }
            backend = chosen
        }
        let allowed = backend == "aws" ? Self.awsStorageKeys : Self.embeddedStorageKeys
        let other = backend == "aws" ? Self.embeddedStorageKeys : Self.awsStorageKeys
        for (key, item) in fields.entries where !allowed.contains(key) {
            let reason = other.contains(key) ? "key '\(key)' does not apply to the \(backend) backend" : nil
            reader.unknownKey(key, at: item, allowed: allowed, reason: reason)
        }
        if backend == "aws" { return .aws(parseAWS(fields)) }

        var embedded = EmbeddedStorageConfig(path: resolvePath(EmbeddedStorageConfig().path))
        if let item = fields.value("path"), let path = reader.string(item) {
            if path.trimmingCharacters(in: .whitespaces).isEmpty {
                reader.fail(item, "the lake path is empty", hint: "remove the key to use .lake next to lake.yaml")
            } else {
                embedded.path = resolvePath(path)
            }
        }
        return .embedded(embedded)
    }

    private func parseAWS(_ fields: YAMLFields) -> AWSStorageConfig {
        var aws = AWSStorageConfig()
        if let item = fields.value("region"), let text = reader.string(item) { aws.region = text }
        if let item = fields.value("endpoint"), let text = reader.string(item) { aws.endpoint = text }
        if let item = fields.value("buckets"), let count = reader.int(item) { aws.buckets = count }
        if let item = fields.value("kms_key_id"), let text = reader.string(item) { aws.kmsKeyId = text }
        if let item = fields.value("bucket_prefix"), let text = reader.string(item) { aws.bucketPrefix = text }
        return aws
    }
}
