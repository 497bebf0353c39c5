import Foundation
import LakeCore

/// A reusable scratch directory: created on first use, emptied (not removed) after each use,
/// so a busy worker does not create and delete directories per object.
enum ScratchSlot {
    /// Creates the directory if it does not exist yet.
    static func prepare(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Removes what a use left behind (fetched copies, outputs a failed step did not move),
    /// keeping the directory itself and its `out` folder.
    static func empty(_ directory: URL) {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        for entry in entries {
            let path = directory.appendingPathComponent(entry)
            if entry == "out" {
                for inner in (try? fm.contentsOfDirectory(atPath: path.path)) ?? [] {
                    try? fm.removeItem(at: path.appendingPathComponent(inner))
                }
            } else {
                try? fm.removeItem(at: path)
            }
        }
    }
}
