import Foundation
import LakeCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ChildProcessTests {
    private func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func passesArgumentsEnvironmentDirectoryAndExitStatus() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let child = try ChildProcess.launch(
            "/bin/sh", ["-c", "printf '%s|%s|%s' \"$1\" \"$GREETING\" \"$(pwd)\"; echo oops >&2; exit 3", "sh", "one two"],
            environment: ["GREETING": "hello", "PATH": "/usr/bin:/bin"], directory: dir.path,
            stdout: .file(out), stderr: .file(out, append: true))
        #expect(child.waitUntilExit() == .exit(3))
        #expect(child.terminationStatus == 3)
        #expect(!child.isRunning)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("one two|hello|\(dir.resolvingSymlinksInPath().path)"))
    }

    @Test func aSignalEndsItAndIsReported() async throws {
        let child = try ChildProcess.launch("/bin/sleep", ["30"])
        #expect(child.isRunning)
        child.terminate()
        #expect(await child.exited() == .signal(SIGTERM))
        #expect(child.terminationStatus == SIGTERM)
    }

    /// The child sees only its three standard streams, not the parent's other descriptors.
    @Test func theChildInheritsNoOtherDescriptors() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let held = open(dir.appendingPathComponent("held").path, O_CREAT | O_WRONLY, 0o644)
        defer { close(held) }
        #expect(held > 2)
        let out = dir.appendingPathComponent("fds").path
        let child = try ChildProcess.launch("/bin/sh", ["-c", "ls /proc/$$/fd"], stdout: .file(out))
        #expect(child.waitUntilExit() == .exit(0))
        let fds = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(!fds.contains(held))
    }

    @Test func aPipeCarriesOutputBack() throws {
        let pipe = Pipe()
        let child = try ChildProcess.launch("/bin/echo", ["42"], stdout: .descriptor(pipe.fileHandleForWriting.fileDescriptor))
        try pipe.fileHandleForWriting.close()
        let data = try pipe.fileHandleForReading.readToEnd() ?? Data()
        #expect(String(decoding: data, as: UTF8.self) == "42\n")
        #expect(child.waitUntilExit() == .exit(0))
    }

    @Test func aMissingProgramIsAClearError() {
        #expect(throws: LakeError.self) { try ChildProcess.launch("/no/such/program", []) }
    }

    /// Many launches from several threads at once (how the CLI tests start `lake`) all work.
    @Test func concurrentLaunchesAllSucceed() async throws {
        try await withThrowingTaskGroup(of: ChildProcess.Termination.self) { group in
            for _ in 0..<40 {
                group.addTask { await (try ChildProcess.launch("/bin/true", [])).exited() }
            }
            for try await end in group { #expect(end == .exit(0)) }
        }
    }
}
