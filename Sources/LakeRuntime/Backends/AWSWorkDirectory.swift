import Foundation
import LakeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Local scratch space of an AWS lake's transforms: `$TMPDIR/swiftlake-<env>/work-<pid>`, one
/// directory per process so workers on one host never share files, removed when the command
/// returns. Directories of processes that no longer run (after `kill -9`) are removed by the
/// next process that opens the lake on the host.
enum AWSWorkDirectory {
    /// Creates this process's directory, removing those of dead processes.
    static func create(environment: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-\(environment)", isDirectory: true)
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where name.hasPrefix("work-") {
            guard let pid = Int32(name.dropFirst("work-".count)), pid != getpid(), !isRunning(pid) else { continue }
            try? fm.removeItem(at: root.appendingPathComponent(name))
        }
        let work = root.appendingPathComponent("work-\(getpid())", isDirectory: true)
        do {
            try fm.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw LakeError(
                .io, "cannot create the work directory \(work.path)", hint: "set TMPDIR to a writable directory with room for transform files",
                context: ["directory": work.path], underlying: SendableErrorBox(error))
        }
        return work
    }

    /// Removes a work directory and what it holds.
    static func remove(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Whether a process with this id exists (signal 0 checks without sending anything).
    private static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
