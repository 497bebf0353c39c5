import Foundation
import LakeCore

extension RawDirectoryWatcher {
    /// A settled file found on disk.
    struct Found {
        var key: String
        var path: String
        var status: POSIXFile.Status
    }

    /// The changes since the ledger was last written, without recording them. The second value
    /// is how many files were found.
    func pendingChanges() async throws -> ([RawChange], Int) {
        let ledger = try await ledger()
        let cutoff = SQLiteValues.time(clock.now()) - options.settleTime.seconds
        let root = objects.container(of: .raw)
        let objects = self.objects
        let ignored = options.ignoredSuffixes
        return try await BlockingIO.run {
            var present = Set<String>()
            var candidates: [Found] = []
            try Self.walk(directory: root, keyBase: "", ignoredSuffixes: ignored) { key, path, status in
                present.insert(key)
                let seen = Seen(size: status.size, modifiedAt: SQLiteValues.time(status.modifiedAt))
                if ledger[key] == seen { return }
                // Still being written: report it once it has settled.
                if seen.modifiedAt > cutoff { return }
                candidates.append(Found(key: key, path: path, status: status))
            }
            var changes: [RawChange] = []
            for found in candidates {
                guard let objectKey = try? ObjectKey(found.key) else { continue }
                let location = ObjectLocation(.raw, objectKey)
                // Gone or replaced since the walk: the next scan sees it as it is then.
                guard let info = try FileObjectStore.info(path: found.path, location: location, hashes: objects.hashes) else { continue }
                changes.append(RawChange(kind: ledger[found.key] == nil ? .created : .modified, location: location, info: info))
            }
            for key in ledger.keys where !present.contains(key) {
                guard let objectKey = try? ObjectKey(key) else { continue }
                changes.append(RawChange(kind: .deleted, location: ObjectLocation(.raw, objectKey), info: nil))
            }
            changes.sort { utf8Less($0.location.key.rawValue, $1.location.key.rawValue) }
            return (changes, present.count)
        }
    }

    /// Calls `visit` for every regular file under `directory` whose name is not ignored and
    /// whose key is valid.
    static func walk(
        directory: String, keyBase: String, ignoredSuffixes: [String], _ visit: (String, String, POSIXFile.Status) -> Void
    ) throws(LakeError) {
        for entry in try DirectoryEntries.read(directory) {
            if entry.name.hasPrefix(".") { continue }  // hidden files and directories
            let path = directory + "/" + entry.name
            if entry.isDirectory {
                try walk(directory: path, keyBase: keyBase + entry.name + "/", ignoredSuffixes: ignoredSuffixes, visit)
                continue
            }
            if isIgnored(name: entry.name, suffixes: ignoredSuffixes) { continue }
            let key = keyBase + entry.name
            guard (try? ObjectKey.validate(key)) != nil, let status = try? POSIXFile.status(path), status.isRegular else { continue }
            visit(key, path, status)
        }
    }
}
