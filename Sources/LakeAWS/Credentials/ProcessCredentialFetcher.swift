import Foundation
import LakeCore
import LakeSigV4
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `credential_process`: runs the command (split like a shell would, no shell; through
/// ``ChildProcess``, output to files) and reads the JSON it prints (`"Version": 1`,
/// `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and `Expiration`).
struct ProcessCredentialFetcher {
    let process: AWSCredentialSource.CredentialProcess
    let environment: [String: String]
    let label: String
    /// A program that hangs is stopped after this long.
    var timeout: Duration = .seconds(60)

    func fetch() async throws -> AWSCredentials {
        let hint = "check credential_process of profile '\(process.profile)': run it by hand; it must print {\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ...}"
        let context = ["credentialSource": label, "profile": process.profile]
        let words = try Self.split(process.command)
        guard let program = words.first else {
            throw LakeError(.invalidConfig, "credential_process of profile '\(process.profile)' is empty", hint: hint, context: context)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-credential-process-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LakeError(.io, "cannot create a directory for credential_process output", hint: "check TMPDIR is writable", underlying: SendableErrorBox(error))
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout")
        let err = directory.appendingPathComponent("stderr")
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let child: ChildProcess
        do {
            child = program.contains("/")
                ? try ChildProcess.launch(
                    Self.expandTilde(program, env), Array(words.dropFirst()), environment: env, stdout: .file(out.path), stderr: .file(err.path))
                : try ChildProcess.launch("/usr/bin/env", words, environment: env, stdout: .file(out.path), stderr: .file(err.path))
        } catch {
            throw LakeError(
                .credentials, "credential_process of profile '\(process.profile)' could not start `\(program)`", hint: hint,
                context: context, underlying: SendableErrorBox(error))
        }
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            child.terminate(SIGKILL)
        }
        let ended = await child.exited()
        watchdog.cancel()
        let stderrText = ((try? String(contentsOf: err, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard ended == .exit(0) else {
            let how = ended == .signal(SIGKILL) ? "was stopped after \(Int(timeout.seconds)) s" : "failed (\(ended))"
            throw LakeError(
                .credentials, "credential_process of profile '\(process.profile)' \(how)\(stderrText.isEmpty ? "" : ": \(String(stderrText.suffix(500)))")",
                hint: hint, context: context)
        }
        let data = (try? Data(contentsOf: out)) ?? Data()
        return try CredentialDocument.parse(data, source: label, hint: hint, requireVersion: true)
    }

    /// Splits a command line into words: whitespace separates; single quotes keep everything,
    /// double quotes keep all but `\"` and `\\`; a backslash outside quotes escapes the next character.
    static func split(_ command: String) throws(LakeError) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in command {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaped = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, _) where character.isWhitespace:
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(character)
                inWord = true
            }
        }
        if quote != nil || escaped {
            throw LakeError(.invalidConfig, "credential_process has an unclosed quote or a trailing backslash: \(command)", hint: "close the quote")
        }
        if inWord { words.append(word) }
        return words
    }

    private static func expandTilde(_ path: String, _ env: [String: String]) -> String {
        guard path.hasPrefix("~/"), let home = env["HOME"] else { return path }
        return home + path.dropFirst(1)
    }
}
