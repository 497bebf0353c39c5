import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process named by host, pid and the process's start time, written as `host|pid|start`:
/// who holds an embedded queue lease, and which worker runs a stage-B execution. The start
/// time tells a live process from a later one that reuses the pid.
public struct ProcessIdentity: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var pid: Int32
    /// Platform-specific start time (clock ticks since boot on Linux, microseconds since 1970 on
    /// Darwin); 0 when unknown.
    public var startTime: UInt64

    /// This process.
    public static let current = ProcessIdentity(
        host: ProcessIdentity.hostName(), pid: getpid(), startTime: ProcessIdentity.startTime(of: getpid()) ?? 0)

    public var description: String { "\(host)|\(pid)|\(startTime)" }

    public init(host: String, pid: Int32, startTime: UInt64) {
        self.host = host
        self.pid = pid
        self.startTime = startTime
    }

    /// Parses `host|pid|start`; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, let pid = Int32(parts[1]), let start = UInt64(parts[2]) else { return nil }
        self.init(host: String(parts[0]), pid: pid, startTime: start)
    }

    /// True when this owner is a process of this host that no longer runs: no process has its
    /// pid, or the process with its pid started at another time (the pid was reused).
    /// Owners on other hosts are never reported dead: this host cannot see them.
    public var isDeadOnThisHost: Bool {
        guard host == ProcessIdentity.current.host, pid > 0 else { return false }
        if kill(pid, 0) != 0 && errno == ESRCH { return true }
        guard startTime != 0, let actual = ProcessIdentity.startTime(of: pid) else { return false }
        return actual != startTime
    }

    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name.replacingOccurrences(of: "|", with: "_")
    }

    /// The start time of process `pid`, or nil when it cannot be read.
    public static func startTime(of pid: Int32) -> UInt64? {
        #if os(Linux)
        // Field 22 of /proc/<pid>/stat; fields after the command name (which may hold spaces
        // and parentheses) start at the last ')'.
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
        #elseif canImport(Darwin)
        var info = kinfo_proc()
        var size = MemoryLayout<kinfo_proc>.stride
        var mib: [Int32] = [CTL_KERN, KERN_PROC, KERN_PROC_PID, pid]
        guard sysctl(&mib, 4, &info, &size, nil, 0) == 0, size > 0 else { return nil }
        let start = info.kp_proc.p_un.__p_starttime
        return UInt64(start.tv_sec) * 1_000_000 + UInt64(start.tv_usec)
        #else
        return nil
        #endif
    }
}
