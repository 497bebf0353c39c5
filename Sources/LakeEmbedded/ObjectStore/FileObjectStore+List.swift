import Foundation
import LakeCore

extension FileObjectStore {
    /// Lists objects of `zone` whose key starts with `prefix` (which may end mid-segment), in
    /// ascending byte order of keys, `limit` at a time. The token is the last key of the previous
    /// page. Files whose names are not valid keys (not UTF-8, control characters) are skipped.
    public func list(zone: Zone, prefix: String, after token: String?, limit: Int) async throws -> ObjectPage {
        guard limit >= 1 else {
            throw LakeError(.usage, "a listing page holds at least 1 object, not \(limit)", hint: "pass a limit of 1 or more", context: ["zone": zone.rawValue])
        }
        let zonePath = container(of: zone)
        return try await BlockingIO.run { [hashes] in
            var walk = ListingWalk(prefix: prefix, token: token, wanted: limit + 1, zone: zone, hashes: hashes)
            try walk.visit(directory: zonePath, keyBase: "")
            var objects = walk.found
            var next: String?
            if objects.count > limit {
                objects.removeLast(objects.count - limit)
                next = objects.last?.location.key.rawValue
            }
            return ObjectPage(objects: objects, nextToken: next)
        }
    }
}

/// A depth-first walk of a zone in key order, pruning directories outside the prefix or
/// entirely before the token.
struct ListingWalk {
    let prefix: String
    let token: String?
    let wanted: Int
    let zone: Zone
    let hashes: ContentHash
    var found: [ObjectInfo] = []

    init(prefix: String, token: String?, wanted: Int, zone: Zone, hashes: ContentHash) {
        self.prefix = prefix
        self.token = token
        self.wanted = wanted
        self.zone = zone
        self.hashes = hashes
    }

    mutating func visit(directory: String, keyBase: String) throws(LakeError) {
        for entry in try DirectoryEntries.read(directory) {
            if found.count >= wanted { return }
            let key = keyBase + entry.keyPart
            let path = directory + "/" + entry.name
            if entry.isDirectory {
                // Keys below start with `key` (which ends in '/').
                guard utf8HasPrefix(key, prefix) || utf8HasPrefix(prefix, key) else { continue }
                if let token, !utf8Less(token, key), !utf8HasPrefix(token, key) { continue }
                try visit(directory: path, keyBase: key)
            } else {
                guard utf8HasPrefix(key, prefix) else { continue }
                if let token, !utf8Less(token, key) { continue }
                guard let objectKey = try? ObjectKey(key) else { continue }
                let location = ObjectLocation(zone, objectKey)
                // A file deleted since the directory was read is simply not listed.
                if let info = try FileObjectStore.info(path: path, location: location, hashes: hashes) {
                    found.append(info)
                }
            }
        }
    }
}
