import Foundation
import LakeCore

/// The API token: `LAKE_API_TOKEN` when set, else the file `api-token` in the lake's local
/// state directory, created (mode 0600, 32 random bytes as hex) at the first start — then the
/// token is returned with `created` true so the caller prints it, once.
public enum APIToken {
    public static func load(stateDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (token: String, created: Bool, file: URL?) {
        if let token = environment["LAKE_API_TOKEN"], !token.isEmpty { return (token, false, nil) }
        let file = stateDirectory.appendingPathComponent("api-token")
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !token.isEmpty { return (token, false, file) }
        }
        do {
            try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
            let token = DashboardSessions.randomToken()
            let created = FileManager.default.createFile(atPath: file.path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
            guard created else { throw CocoaError(.fileWriteUnknown) }
            return (token, true, file)
        } catch {
            throw LakeError(
                .io, "cannot write the API token file \(file.path)", hint: "make the directory writable, or set LAKE_API_TOKEN",
                context: ["path": file.path], underlying: SendableErrorBox(error))
        }
    }
}
