import Foundation
import LakeCore

/// Finds the partition directories of a raw table by listing child directories level by level
/// (`ObjectStore.listDirectories`): no file is listed or read.
///
/// - With a layout (`dt={yyyy-MM-dd}`), a level's children must be `<key>=<value>` with the
///   layout's key and a value of its pattern that is a real date; anything else is malformed.
///   With a window, only directories whose dates overlap it are descended into, so a daily
///   run lists a handful of directories however long the history.
/// - With `discover`, every directory is walked; a `k=v` directory without `k=v` children is
///   a partition, other names are malformed. The table's keys are the stored table's, else
///   the most common key sequence found; partitions with other keys are malformed.
struct PartitionDiscovery: Sendable {
    /// A partition found in storage.
    struct Found: Hashable, Sendable {
        /// Values, unescaped, one per key.
        var values: [String]
        /// `k=v/k2=v2/` below the table, as stored.
        var path: String
    }

    /// A directory that is not a partition of the table, and why.
    struct Malformed: Hashable, Sendable, Codable {
        /// The directory below the table, ending in `/`.
        var path: String
        /// Why it is not a partition.
        var reason: String
    }

    var objects: any ObjectStore
    /// The table's key prefix in the raw zone, ending in `/`.
    var root: String

    /// What a walk found.
    struct Result: Sendable {
        var keys: [String]
        var partitions: [Found]
        var malformed: [Malformed]
        var listings: Int
    }

    /// Walks a layout's levels; `window` limits the walk to directories overlapping it.
    func walk(_ scheme: RawPartitionScheme, segments: [RawPartitionScheme.Segment], window: PartitionWindow?) async throws -> Result {
        var result = Result(keys: segments.map(\.name), partitions: [], malformed: [], listings: 0)
        var level: [Found] = [Found(values: [], path: "")]
        for (depth, segment) in segments.enumerated() {
            var next: [Found] = []
            let granularity = segments[...depth].flatMap(\.tokens).last ?? .year
            for parent in level {
                result.listings += 1
                for child in try await objects.listDirectories(zone: .raw, prefix: root + parent.path) {
                    let name = String(child.dropFirst(root.count + parent.path.count).dropLast())
                    let path = parent.path + name + "/"
                    guard let (key, value) = Self.split(name), key == segment.name else {
                        result.malformed.append(Malformed(path: path, reason: "expected \(segment.name)={\(segment.pattern)}"))
                        continue
                    }
                    let values = parent.values + [value]
                    switch scheme.date(fromValues: values) {
                    case .failure(let problem):
                        result.malformed.append(Malformed(path: path, reason: problem.message))
                    case .success(let date):
                        if let window, !window.overlaps(date, granularity: granularity) { continue }
                        next.append(Found(values: values, path: path))
                    }
                }
            }
            level = next
        }
        result.partitions = level
        return result
    }

    /// Walks every directory of a `discover` table; `knownKeys` are the stored table's keys.
    func discover(knownKeys: [String]?) async throws -> Result {
        var leaves: [(keys: [String], found: Found)] = []
        var malformed: [Malformed] = []
        var listings = 0
        var stack: [(keys: [String], found: Found)] = [([], Found(values: [], path: ""))]
        while let (keys, parent) = stack.popLast() {
            listings += 1
            var children: [(keys: [String], found: Found)] = []
            for child in try await objects.listDirectories(zone: .raw, prefix: root + parent.path) {
                let name = String(child.dropFirst(root.count + parent.path.count).dropLast())
                let path = parent.path + name + "/"
                guard let (key, value) = Self.split(name) else {
                    malformed.append(Malformed(path: path, reason: "not a key=value directory"))
                    continue
                }
                children.append((keys + [key], Found(values: parent.values + [value], path: path)))
            }
            if children.isEmpty, !keys.isEmpty {
                leaves.append((keys, parent))
            } else {
                stack += children.reversed()
            }
        }
        let keys = knownKeys ?? Self.mostCommon(leaves.map(\.keys))
        var result = Result(keys: keys, partitions: [], malformed: malformed, listings: listings)
        for leaf in leaves {
            if leaf.keys == keys {
                result.partitions.append(leaf.found)
            } else {
                result.malformed.append(Malformed(
                    path: leaf.found.path,
                    reason: "partition keys \(leaf.keys.joined(separator: "/")) differ from the table's \(keys.joined(separator: "/"))"))
            }
        }
        result.malformed.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return result
    }

    /// `key=value` with a key of `[a-z0-9_]` (lower-cased) and the value unescaped; nil otherwise.
    static func split(_ name: String) -> (String, String)? {
        guard let equals = name.firstIndex(of: "="), equals != name.startIndex else { return nil }
        let key = name[..<equals].lowercased()
        guard key.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else { return nil }
        return (key, TableScan.unescape(name[name.index(after: equals)...]))
    }

    /// The key sequence found most often (ties: the first in byte order).
    static func mostCommon(_ sequences: [[String]]) -> [String] {
        var counts: [[String]: Int] = [:]
        for keys in sequences { counts[keys, default: 0] += 1 }
        return counts.max { a, b in
            a.value != b.value ? a.value < b.value : a.key.joined(separator: "/") > b.key.joined(separator: "/")
        }?.key ?? []
    }
}
