import Foundation
import LakeCore

extension S3ObjectStore {
    /// The child "directories" of `prefix` (empty, or ending in `/`) in `zone`, from S3's
    /// delimited listing (ListObjectsV2 with delimiter `/`: common prefixes, up to 1000 a page,
    /// never one entry per object), in byte order. In the raw zone of the three-bucket layout
    /// the artifacts range (`_artifacts/`) is not a directory of raw.
    public func listDirectories(zone: Zone, prefix: String) async throws -> [String] {
        guard prefix.isEmpty || prefix.hasSuffix("/") else {
            throw LakeError(
                .usage, "a directory listing needs a prefix that ends in '/', not '\(prefix)'",
                hint: "pass \"\" for the zone's top level or a prefix such as team/dataset/", context: ["zone": zone.rawValue])
        }
        let bucket = layout.bucket(for: zone)
        let zonePrefix = layout.keyPrefix(for: zone)
        let excluded = layout.excludedPrefix(for: zone)
        var directories: [String] = []
        var token: String?
        repeat {
            let page = try await client.listObjects(bucket: bucket, prefix: zonePrefix + prefix, delimiter: "/", continuationToken: token)
            for common in page.commonPrefixes where common.hasPrefix(zonePrefix) {
                let relative = String(common.dropFirst(zonePrefix.count))
                if let excluded, relative.hasPrefix(excluded) { continue }
                directories.append(relative)
            }
            token = page.nextContinuationToken
        } while token != nil
        return directories.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
