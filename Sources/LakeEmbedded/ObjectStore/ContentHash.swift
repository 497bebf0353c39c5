import Crypto
import Foundation
import LakeCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fsetxattr` and `getxattr`, looked up at run time: Swift's Glibc module does not export
/// `<sys/xattr.h>`. Nil where the C library lacks them; the store then caches hashes in memory.
enum ExtendedAttributes {
    typealias SetFunction = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32) -> Int32
    typealias GetFunction = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int

    #if os(Linux)
    static let fset: SetFunction? = symbol("fsetxattr", as: SetFunction.self)
    static let get: GetFunction? = symbol("getxattr", as: GetFunction.self)
    #else
    // Darwin's versions take extra position and option arguments; use the in-memory cache.
    static let fset: SetFunction? = nil
    static let get: GetFunction? = nil
    #endif

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }
}

/// SHA-256 content hashes of stored files, kept so `head` does not read whole files.
///
/// The store writes the hash at put time into the extended attribute `user.swiftlake.sha256`,
/// as `sha256:<hex> <size> <mtime seconds>.<nanoseconds>`. The size and modification time say
/// which version of the file the hash is for: a file changed by hand afterwards no longer
/// matches, and its hash is computed again. Where extended attributes are not supported (or for
/// files dropped into the lake by hand), hashes are computed once and cached in memory by path,
/// size and modification time.
final class ContentHash: Sendable {
    static let attributeName = "user.swiftlake.sha256"

    private struct Entry {
        var status: POSIXFile.Status
        var hash: String
    }
    private let cache = Mutex<[String: Entry]>([:])
    private static let cacheLimit = 200_000

    /// The hash of the file at `path` whose status is `status`.
    func hash(ofFileAt path: String, status: POSIXFile.Status) throws(LakeError) -> String {
        if let stored = Self.readAttribute(path: path, status: status) { return stored }
        if let cached = cache.withLock({ $0[path] }), cached.status == status { return cached.hash }
        let fd = try POSIXFile.openFile(path, O_RDONLY)
        defer { close(fd) }
        let hash = try Self.compute(fd: fd, path: path, size: status.size)
        let now = try POSIXFile.status(fd: fd, path: path)
        if now == status {
            if !Self.writeAttribute(fd: fd, hash: hash, status: status) { remember(path: path, status: status, hash: hash) }
        }
        return hash
    }

    /// The hash of the file at `path` whose status is `status` when it is known without reading
    /// the file (the attribute, or the in-memory cache); nil otherwise.
    func known(path: String, status: POSIXFile.Status) -> String? {
        if let stored = Self.readAttribute(path: path, status: status) { return stored }
        if let cached = cache.withLock({ $0[path] }), cached.status == status { return cached.hash }
        return nil
    }

    /// Remembers a hash computed at put time when the attribute could not be written.
    func remember(path: String, status: POSIXFile.Status, hash: String) {
        cache.withLock { entries in
            if entries.count >= Self.cacheLimit { entries.removeAll(keepingCapacity: true) }
            entries[path] = Entry(status: status, hash: hash)
        }
    }

    /// Forgets a path (after delete).
    func forget(path: String) {
        _ = cache.withLock { $0.removeValue(forKey: path) }
    }

    /// Streams an open file through SHA-256 (`size`, the file's size as last seen, sizes the buffer).
    static func compute(fd: Int32, path: String, size: Int64) throws(LakeError) -> String {
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: POSIXFile.bufferSize(for: size), alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try POSIXFile.readSome(fd, into: buffer, path: path)
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func attributeValue(hash: String, status: POSIXFile.Status) -> String {
        "sha256:\(hash) \(status.size) \(status.modifiedSeconds).\(status.modifiedNanoseconds)"
    }

    /// Writes the attribute on an open file; false when the file system does not support it.
    @discardableResult
    static func writeAttribute(fd: Int32, hash: String, status: POSIXFile.Status) -> Bool {
        let value = Array(attributeValue(hash: hash, status: status).utf8)
        guard let setter = ExtendedAttributes.fset else { return false }
        let result = value.withUnsafeBytes { bytes in setter(fd, attributeName, bytes.baseAddress, bytes.count, 0) }
        return result == 0
    }

    /// The stored hash when the attribute exists and matches `status`.
    static func readAttribute(path: String, status: POSIXFile.Status) -> String? {
        guard let getter = ExtendedAttributes.get else { return nil }
        var buffer = [UInt8](repeating: 0, count: 160)
        let n = buffer.withUnsafeMutableBytes { bytes in getter(path, attributeName, bytes.baseAddress, bytes.count) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        let expected = " \(status.size) \(status.modifiedSeconds).\(status.modifiedNanoseconds)"
        guard text.hasPrefix("sha256:"), text.hasSuffix(expected) else { return nil }
        let hash = text.dropFirst(7).dropLast(expected.utf8.count)
        return hash.utf8.count == 64 ? String(hash) : nil
    }
}
