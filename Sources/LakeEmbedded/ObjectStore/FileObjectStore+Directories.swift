import Foundation
import LakeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileObjectStore {
    /// The child directories of `prefix` from one `readdir` of its directory, without listing
    /// (or hashing) the files below: the partition job's discovery step. As on S3, a directory
    /// counts only when some object lies below it, so directories left empty by hand are not
    /// listed (checking costs a `readdir` per child, stopping at the first file found).
    public func listDirectories(zone: Zone, prefix: String) async throws -> [String] {
        guard prefix.isEmpty || prefix.hasSuffix("/") else {
            throw LakeError(
                .usage, "a directory listing needs a prefix that ends in '/', not '\(prefix)'",
                hint: "pass \"\" for the zone's top level or a prefix such as team/dataset/", context: ["zone": zone.rawValue])
        }
        if !prefix.isEmpty { _ = try ObjectKey(String(prefix.dropLast())) }
        let directory = container(of: zone) + (prefix.isEmpty ? "" : "/" + prefix.dropLast())
        return try await BlockingIO.run {
            var children: [String] = []
            for entry in try DirectoryEntries.read(directory) where entry.isDirectory {
                guard (try? ObjectKey(prefix + entry.name)) != nil else { continue }
                if try Self.holdsObject(directory + "/" + entry.name) { children.append(prefix + entry.keyPart) }
            }
            return children
        }
    }

    /// Whether a regular file lies anywhere below `path` (depth first, stopping at the first).
    static func holdsObject(_ path: String) throws(LakeError) -> Bool {
        guard let dir = opendir(path) else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return false }
            throw POSIXFile.error("list", path: path, errno: code)
        }
        var subdirectories: [String] = []
        while let entry = readdir(dir) {
            let name: String? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(validatingCString: $0) }
            }
            guard let name, name != ".", name != ".." else { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                guard let status = try? POSIXFile.status(path + "/" + name) else { continue }
                type = status.isRegular ? UInt8(DT_REG) : status.isDirectory ? UInt8(DT_DIR) : type
            }
            if type == UInt8(DT_REG) {
                closedir(dir)
                return true
            }
            if type == UInt8(DT_DIR) { subdirectories.append(name) }
        }
        closedir(dir)
        for name in subdirectories where try holdsObject(path + "/" + name) { return true }
        return false
    }
}
