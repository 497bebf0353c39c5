import Foundation
import LakeCore

extension ConfigValidator {
    /// Storage: the lake path of the embedded backend; region, endpoint, bucket count, KMS key
    /// and bucket prefix of the AWS backend.
    mutating func checkStorage() {
        switch config.storage {
        case .embedded(let embedded):
            if embedded.path.trimmingCharacters(in: .whitespaces).isEmpty {
                report("storage.path", "the lake path is empty", hint: "remove the key to use .lake next to lake.yaml")
            }
        case .aws(let aws):
            if !Self.isRegion(aws.region) {
                report("storage.region", "'\(aws.region)' is not an AWS region name", hint: "e.g. us-east-1, eu-west-3")
            }
            if let endpoint = aws.endpoint, !Self.isEndpoint(endpoint) {
                report("storage.endpoint", "endpoint '\(endpoint)' is not an http(s) URL with a host",
                    hint: "e.g. http://127.0.0.1:5000 for a local emulator")
            }
            if aws.buckets != 1, aws.buckets != 3 {
                report("storage.buckets", "buckets must be 1 or 3, not \(aws.buckets)",
                    hint: "1 bucket with zone prefixes, or 3 buckets: raw, stage, analytics")
            }
            if let key = aws.kmsKeyId, key.trimmingCharacters(in: .whitespaces).isEmpty {
                report("storage.kms_key_id", "kms_key_id is empty", hint: "remove it to use the buckets' default encryption")
            }
            if let prefix = aws.bucketPrefix, !Self.isBucketPrefix(prefix) {
                report("storage.bucket_prefix", "bucket prefix '\(prefix)' cannot start an S3 bucket name",
                    hint: "use 3-40 lowercase letters, digits and '-', starting and ending with a letter or digit")
            }
        }
    }

    /// `xx-name-1`, `us-gov-west-1`...
    private static func isRegion(_ region: String) -> Bool {
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCII), Int(last) != nil else { return false }
        return parts.dropLast().allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        }
    }

    private static func isEndpoint(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    private static func isBucketPrefix(_ prefix: String) -> Bool {
        guard (3...40).contains(prefix.utf8.count), let first = prefix.utf8.first, let last = prefix.utf8.last,
              NameRules.lowerAlnum(first), NameRules.lowerAlnum(last)
        else { return false }
        return prefix.utf8.allSatisfy { NameRules.lowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// WLM: at least one level, valid unique level names, a default and aging rules that name
    /// levels, no aging on the highest level, a positive global cap.
    mutating func checkWLM() {
        let wlm = config.wlm
        if wlm.levels.isEmpty {
            report("wlm.levels", "at least one priority level is needed", hint: "e.g. `levels: [HIGH, LOW]` (highest first)")
            return
        }
        for (index, level) in wlm.levels.enumerated() where !NameRules.matches(level, NameRules.levelCharacter, length: 1...16) {
            report("wlm.levels[\(index)]", "level name '\(level)' is invalid", hint: "use 1-16 letters, digits or '_', e.g. HIGH")
        }
        var seen: Set<String> = []
        for (index, level) in wlm.levels.enumerated() where !seen.insert(level).inserted {
            report("wlm.levels[\(index)]", "level '\(level)' is listed more than once", hint: "each level appears once, highest first")
        }
        if !wlm.levels.contains(wlm.defaultLevel) {
            report("wlm.default", "default level '\(wlm.defaultLevel)' is not one of the levels",
                hint: Self.referenceHint(wlm.defaultLevel, among: wlm.levels, things: "levels"))
        }
        for (level, wait) in wlm.maxWait.sorted(by: { $0.key < $1.key }) {
            let path = "wlm.max_wait.\(level)"
            if !wlm.levels.contains(level) {
                report(path, "max_wait names level '\(level)', which is not one of the levels",
                    hint: Self.referenceHint(level, among: wlm.levels, things: "levels"))
            } else if level == wlm.levels.first {
                report(path, "'\(level)' is the highest level, so it cannot age into a higher one",
                    hint: "remove it; max_wait applies to the levels below the first")
            }
            if wait <= .zero {
                report(path, "max_wait must be longer than zero", hint: ConfigReader.durationHint)
            }
        }
        if let cap = wlm.globalMaxConcurrent, cap < 1 {
            report("wlm.global_max_concurrent", "global_max_concurrent must be at least 1, not \(cap)",
                hint: "remove it for no global cap")
        }
    }

    /// Checks a priority written at `path` against the WLM levels.
    mutating func checkPriority(_ level: String, path: String) {
        guard !config.wlm.levels.contains(level) else { return }
        report(path, "priority '\(level)' is not a WLM level",
            hint: Self.referenceHint(level, among: config.wlm.levels, things: "levels (wlm.levels)"))
    }
}
