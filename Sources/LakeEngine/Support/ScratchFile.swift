import Foundation
import LakeCore
#if canImport(Glibc)
import Glibc
#endif

/// Files in the engine's scratch directory: local copies of objects to read, and writes that,
/// unlike `Data.write(to:)`, are not synced: a scratch file only needs to outlive the step that
/// moves it into the object store, and the store makes the object durable itself.
enum ScratchFile {
    /// Runs `body` on a local copy of the object at `location`: the object itself when the store
    /// hands one out (embedded), otherwise a download into `scratch`, removed afterwards.
    static func withLocalCopy<T>(
        of location: ObjectLocation, objects: any ObjectStore, scratch: URL, _ body: (URL) async throws -> T
    ) async throws -> T {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let file = try await objects.fetch(location, into: scratch)
        defer {
            if file.standardizedFileURL.path.hasPrefix(scratch.standardizedFileURL.path + "/") { try? FileManager.default.removeItem(at: file) }
        }
        return try await body(file)
    }

    static func save(_ data: Data, to url: URL) throws(LakeError) {
        func failure(_ what: String) -> LakeError {
            LakeError(
                .io, "cannot \(what) \(url.path): \(String(cString: strerror(errno)))",
                hint: "check free space and permissions of the lake's work directory", context: ["path": url.path])
        }
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("create") }
        defer { close(fd) }
        var failed = false
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += written
            }
        }
        if failed { throw failure("write") }
    }
}
