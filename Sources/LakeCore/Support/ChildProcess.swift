import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A child program started with `posix_spawn`: what the `command` transform and the tests use
/// instead of Foundation's `Process`, whose `run()` on Linux (swift-corelibs-foundation up to
/// Swift 6.3) reads past a `readdir` buffer while it lists `/proc/self/fd` and crashes the
/// parent now and then (swift-corelibs-foundation PR #5472). The child gets its own process
/// group, default signal handling, and no descriptors but the three it is given.
public final class ChildProcess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// The parent's own descriptor.
        case inherit
        /// `/dev/null`.
        case null
        /// A file, created if missing; `append` keeps what it holds, else it is emptied.
        case file(String, append: Bool = false)
        /// A descriptor the parent holds (a pipe end, say); the parent keeps it open.
        case descriptor(Int32)
    }

    /// How a child ended.
    public enum Termination: Sendable, Equatable {
        /// It called exit with this status.
        case exit(Int32)
        /// A signal with this number killed it.
        case signal(Int32)
    }

    /// The child's process id.
    public let processIdentifier: Int32
    private let ended = Mutex<Termination?>(nil)

    private init(pid: Int32) { processIdentifier = pid }

    /// Starts `executable` (an absolute path) with `arguments`; `environment` replaces the
    /// inherited one when given, `directory` is the child's working directory.
    public static func launch(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String? = nil, stdin: Stream = .null, stdout: Stream = .inherit, stderr: Stream = .inherit
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        for (stream, target) in [(stdin, Int32(0)), (stdout, 1), (stderr, 2)] {
            let code: Int32
            switch stream {
            case .inherit:
                code = 0
            case .null:
                code = posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path, let append):
                let flags = target == 0 ? O_RDONLY : (O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC))
                code = posix_spawn_file_actions_addopen(&actions, target, path, flags, 0o644)
            case .descriptor(let fd):
                code = posix_spawn_file_actions_adddup2(&actions, fd, target)
            }
            try check(code, "set up the standard stream \(target)", executable)
        }
        if let directory {
            try check(SpawnExtensions.addChdir(&actions, directory), "change to \(directory)", executable)
        }
        var flags = Int32(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #else
        try check(SpawnExtensions.addCloseFrom(&actions, 3), "close inherited descriptors", executable)
        #endif
        try check(posix_spawnattr_setflags(&attributes, Int16(flags)), "set spawn flags", executable)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        try check(posix_spawnattr_setsigmask(&attributes, &noSignals), "clear the signal mask", executable)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
        try check(posix_spawnattr_setsigdefault(&attributes, &defaults), "reset signal handlers", executable)

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let code = withCStrings([executable] + arguments) { argv in
            withCStrings(env) { envp in
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        try check(code, "start", executable)
        return ChildProcess(pid: pid)
    }

    /// How the child ended, or nil while it runs (never blocks).
    public var termination: Termination? {
        if let known = ended.withLock({ $0 }) { return known }
        return reap(blocking: false)
    }

    /// Whether the child is still running.
    public var isRunning: Bool { termination == nil }

    /// Blocks until the child ends and says how.
    @discardableResult
    public func waitUntilExit() -> Termination {
        while true {
            if let done = termination ?? reap(blocking: true) { return done }
        }
    }

    /// Waits for the child on a thread of its own, so no task of the cooperative pool blocks.
    @discardableResult
    public func exited() async -> Termination {
        if let done = termination { return done }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.waitUntilExit()) }
        }
    }

    /// The exit status, or the number of the signal that killed it (as Foundation's
    /// `terminationStatus`); -1 while it runs.
    public var terminationStatus: Int32 {
        switch termination {
        case .exit(let status)?, .signal(let status)?: status
        case nil: -1
        }
    }

    /// Sends `signal` (SIGTERM by default) unless the child has already been reaped.
    public func terminate(_ signal: Int32 = SIGTERM) {
        guard isRunning else { return }
        kill(processIdentifier, signal)
    }

    private func reap(blocking: Bool) -> Termination? {
        var status: Int32 = 0
        let result = waitpid(processIdentifier, &status, blocking ? 0 : WNOHANG)
        if result == processIdentifier {
            let how: Termination = status & 0x7f == 0 ? .exit((status >> 8) & 0xff) : .signal(status & 0x7f)
            ended.withLock { $0 = $0 ?? how }
            return how
        }
        if result == -1, errno == EINTR { return nil }
        // ECHILD: another thread reaped it and records the result in a moment.
        if result == -1 { return ended.withLock { $0 } ?? waitForRecord() }
        return nil
    }

    private func waitForRecord() -> Termination? {
        for _ in 0..<1000 {
            if let known = ended.withLock({ $0 }) { return known }
            usleep(1000)
        }
        return .exit(-1)
    }

    private static func check(_ code: Int32, _ step: String, _ executable: String) throws {
        guard code != 0 else { return }
        throw LakeError(
            .io, "could not \(step) for `\(executable)`: \(String(cString: strerror(code)))",
            hint: "check that the program exists, is executable and that the machine has free processes and descriptors")
    }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return body(pointers + [nil])
}

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29) and `..._addclosefrom_np` (2.34):
/// Swift's Glibc module does not declare them (they sit behind `_GNU_SOURCE`), so they are
/// looked up once at run time.
private enum SpawnExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static let chdirFunction: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    private static let closeFromFunction: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<F>(_ name: String) -> F? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: F.self)
    }

    static func addChdir(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Int32 {
        guard let chdirFunction else { return ENOSYS }
        return chdirFunction(&actions, path)
    }

    /// Closes every descriptor from `lowest` up in the child; without the call (old glibc)
    /// the child keeps the parent's descriptors that lack close-on-exec, which is harmless.
    static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) -> Int32 {
        guard let closeFromFunction else { return 0 }
        return closeFromFunction(&actions, lowest)
    }
}
