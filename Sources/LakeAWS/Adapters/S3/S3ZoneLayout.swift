import LakeCore

/// Where each zone lives on S3.
///
/// - Three buckets (default): `<prefix>-raw`, `<prefix>-stage`, `<prefix>-analytics`, each
///   zone at the bucket's root (S3 events and SDLF expect `<team>/<dataset>/...` at the root of
///   raw), and artifacts under `_artifacts/` in the raw bucket. No team name can start with `_`,
///   so raw keys never meet artifacts; raw listings skip that range.
/// - One bucket: `<prefix>` with `raw/`, `stage/`, `analytics/`, `artifacts/` prefixes.
///
/// The prefix defaults to `<org>-<app>-<env>`, lower-cased, with characters S3 refuses
/// replaced by `-`.
public struct S3ZoneLayout: Sendable, Hashable {
    /// The bucket-name prefix.
    public let bucketPrefix: String
    /// 1 or 3.
    public let bucketCount: Int

    /// The prefix under which artifacts live in raw's bucket in the three-bucket layout.
    public static let artifactsPrefix = "_artifacts/"

    /// A layout; throws `.invalidConfig` for a bucket count other than 1 or 3 or a prefix S3 refuses.
    public init(bucketPrefix: String, bucketCount: Int) throws(LakeError) {
        guard bucketCount == 1 || bucketCount == 3 else {
            throw LakeError(.invalidConfig, "storage.buckets must be 1 or 3, not \(bucketCount)", hint: "use 3 (raw, stage, analytics) or 1")
        }
        let longest = bucketPrefix.count + (bucketCount == 3 ? "-analytics".count : 0)
        guard (3...63).contains(longest), S3ZoneLayout.isValidBucketText(bucketPrefix) else {
            throw LakeError(
                .invalidConfig, "'\(bucketPrefix)' cannot start S3 bucket names",
                hint: "use lower-case letters, digits and '-', at most \(bucketCount == 3 ? 53 : 63) characters")
        }
        self.bucketPrefix = bucketPrefix
        self.bucketCount = bucketCount
    }

    /// The layout of `config` for a lake of `org`, `app` and `environment`.
    public init(config: AWSStorageConfig, org: String, app: String, environment: String) throws(LakeError) {
        let prefix = config.bucketPrefix ?? S3ZoneLayout.sanitize("\(org)-\(app)-\(environment)")
        try self.init(bucketPrefix: prefix, bucketCount: config.buckets)
    }

    /// The bucket of `zone`.
    public func bucket(for zone: Zone) -> String {
        guard bucketCount == 3 else { return bucketPrefix }
        switch zone {
        case .raw, .artifacts: return "\(bucketPrefix)-raw"
        case .stage: return "\(bucketPrefix)-stage"
        case .analytics: return "\(bucketPrefix)-analytics"
        }
    }

    /// The key prefix of `zone` inside its bucket.
    public func keyPrefix(for zone: Zone) -> String {
        if bucketCount == 3 { return zone == .artifacts ? S3ZoneLayout.artifactsPrefix : "" }
        return "\(zone.rawValue)/"
    }

    /// Every bucket of the layout.
    public var buckets: [String] {
        bucketCount == 3 ? [bucket(for: .raw), bucket(for: .stage), bucket(for: .analytics)] : [bucketPrefix]
    }

    /// A key prefix that `zone`'s listings skip because another zone lives there.
    func excludedPrefix(for zone: Zone) -> String? {
        bucketCount == 3 && zone == .raw ? S3ZoneLayout.artifactsPrefix : nil
    }

    /// Lower-cases and replaces characters S3 refuses in bucket names.
    static func sanitize(_ text: String) -> String {
        var out = String(text.lowercased().map { ch -> Character in
            ch.isASCII && (ch.isLetter || ch.isNumber || ch == "-" || ch == ".") ? ch : "-"
        })
        while out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    private static func isValidBucketText(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last,
              first != UInt8(ascii: "-"), first != UInt8(ascii: "."), last != UInt8(ascii: "-")
        else { return false }
        return text.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
    }
}
