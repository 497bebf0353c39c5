import Foundation
import LakeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of a directory, as listings see it.
struct DirectoryEntry: Sendable {
    /// The file name (valid UTF-8 only; other names are skipped).
    var name: String
    var isDirectory: Bool
    var isRegular: Bool

    /// What the entry contributes to a key: `name/` for directories, `name` for files. Sorting
    /// by this, bytewise, lists a tree in the byte order of its keys (`a-c` < `a/b` < `a0`).
    var keyPart: String { isDirectory ? name + "/" : name }
}

enum DirectoryEntries {
    /// The entries of `path` in key order; empty when it does not exist.
    static func read(_ path: String) throws(LakeError) -> [DirectoryEntry] {
        guard let dir = opendir(path) else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return [] }
            throw POSIXFile.error("list", path: path, errno: code)
        }
        defer { closedir(dir) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            let name: String? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(validatingCString: $0) }
            }
            guard let name, name != ".", name != ".." else { continue }
            var isDirectory = type == UInt8(DT_DIR)
            var isRegular = type == UInt8(DT_REG)
            if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                guard let status = try? POSIXFile.status(path + "/" + name) else { continue }
                isDirectory = status.isDirectory
                isRegular = status.isRegular
            }
            guard isDirectory || isRegular else { continue }
            entries.append(DirectoryEntry(name: name, isDirectory: isDirectory, isRegular: isRegular))
        }
        entries.sort { utf8Less($0.keyPart, $1.keyPart) }
        return entries
    }
}

/// Byte order of UTF-8 strings: the order S3 lists keys in.
func utf8Less(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Whether `s` starts with `prefix`, comparing bytes (Swift's `hasPrefix` compares characters,
/// which treats some different byte sequences as equal).
func utf8HasPrefix(_ s: String, _ prefix: String) -> Bool {
    s.utf8.starts(with: prefix.utf8)
}
