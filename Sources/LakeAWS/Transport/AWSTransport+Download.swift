import AsyncHTTPClient
import Foundation
import LakeCore
import NIOCore

extension AWSTransport {
    /// Sends `request` and streams a 2xx body into `file` (written under a temporary name in
    /// the same directory, then renamed, so `file` is never partial). Returns the response
    /// with an empty body. Retries restart the download.
    public func download(_ request: AWSRequest, to file: URL, timeout: Duration = .seconds(3600)) async throws -> AWSResponse {
        let directory = file.deletingLastPathComponent()
        let partial = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).part")
        defer { try? FileManager.default.removeItem(at: partial) }
        let response = try await withRetries(request) { http in
            let response = try await self.httpClient.execute(http, timeout: .nanoseconds(timeout.nanosecondsClamped))
            let headers = AWSTransport.flatten(response.headers)
            guard (200..<300).contains(Int(response.status.code)) else {
                let body = try await response.body.collect(upTo: 1 << 20)
                return AWSResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
            }
            try AWSTransport.createEmptyFile(partial)
            let handle = try FileHandle(forWritingTo: partial)
            do {
                for try await buffer in response.body {
                    try handle.write(contentsOf: Data(buffer.readableBytesView))
                }
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            return AWSResponse(status: Int(response.status.code), headers: headers, body: Data())
        }
        do {
            if FileManager.default.fileExists(atPath: file.path) {
                _ = try FileManager.default.replaceItemAt(file, withItemAt: partial)
            } else {
                try FileManager.default.moveItem(at: partial, to: file)
            }
        } catch {
            throw LakeError(
                .io, "cannot move the downloaded file into place at \(file.path)", hint: "check the directory is writable",
                context: ["file": file.path], underlying: SendableErrorBox(error))
        }
        return response
    }

    static func createEmptyFile(_ url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw LakeError(
                .io, "cannot create \(url.path)", hint: "check the directory exists and is writable", context: ["file": url.path])
        }
    }
}
