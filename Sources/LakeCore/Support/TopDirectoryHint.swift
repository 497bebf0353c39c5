import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Marks a directory (an embedded lake's, the benchmark's) as the top of its own directory hierarchies for ext4 (the `T`
/// attribute of `chattr`), so the zone directories created in it are spread over the disk's
/// block groups by the Orlov allocator instead of being placed beside their parent.
///
/// Why: new files get inodes from their directory's block group, and on ext4 without a journal
/// the allocator skips every inode freed in the last few minutes one by one for each new file
/// (`recently_deleted`). A lake under a busy directory such as `/tmp` shares its block group
/// with whatever was just deleted there; measured with `lake bench pipeline` on such a disk,
/// that scan was a third of all CPU time (docs/PERFORMANCE.md). Best effort: elsewhere
/// (other file systems, other systems, no permission) nothing happens.
///
/// The allocator starts its search for a top directory's child at a block group chosen by
/// hashing the child's name, so every lake's `raw` would start at the same group, where the
/// last lake removed from this disk freed its files. ``createSpread(_:)`` makes each zone under
/// a one-off name and renames it into place, so each lake starts somewhere else.
public enum TopDirectoryHint {
    #if os(Linux)
    /// `FS_IOC_GETFLAGS` and `FS_IOC_SETFLAGS` (`_IOR/_IOW('f', 1|2, long)` on 64-bit Linux).
    private static let getFlags: UInt = 0x8008_6601
    private static let setFlags: UInt = 0x4008_6602
    /// `FS_TOPDIR_FL`.
    private static let topDirectory: CInt = 0x0002_0000
    #endif

    /// Creates the directory at `url` (its parent must exist and be marked) under a random
    /// name, then renames it to its own; an existing directory is left as it is.
    public static func createSpread(_ url: URL) throws {
        let parent = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            removeLeftovers(of: url.lastPathComponent, in: parent)
            return
        }
        let temporary = parent.appendingPathComponent(".\(url.lastPathComponent)-\(UUIDString.random())", isDirectory: true)
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
        // Not over a directory another process made meanwhile (rename replaces an empty one);
        // two first opens of one new lake within microseconds can still swap an empty zone.
        if access(url.path, F_OK) == 0 || rename(temporary.path, url.path) != 0 {
            // Another process made it first (or the name is taken): keep theirs.
            rmdir(temporary.path)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
    }

    /// Removes the empty one-off directories a process that stopped between making one and
    /// renaming it left beside `name` (`rmdir` leaves anything not empty alone).
    static func removeLeftovers(of name: String, in parent: URL) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(".\(name)-") && entry.count == name.count + 38 {
            rmdir(parent.appendingPathComponent(entry).path)
        }
    }

    /// Sets the attribute on the directory at `path` unless it is set; returns whether it is set now.
    @discardableResult
    public static func mark(_ path: String) -> Bool {
        #if os(Linux)
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var flags: CInt = 0
        guard ioctl(fd, getFlags, &flags) == 0 else { return false }
        if flags & topDirectory != 0 { return true }
        flags |= topDirectory
        return ioctl(fd, setFlags, &flags) == 0
        #else
        return false
        #endif
    }
}
