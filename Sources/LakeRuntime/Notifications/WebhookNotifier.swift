import AsyncHTTPClient
import Foundation
import LakeEngine
import NIOCore

/// POSTs each notification's JSON document to a URL, retrying connection errors, 429 and 5xx
/// with exponential backoff (0.5 s, 1 s, 2 s...) up to `attempts` times. The URL is never logged
/// whole (it may carry a secret path); errors name its host.
public struct WebhookNotifier: LakeNotifier {
    public let url: String
    public let attempts: Int
    let dashboardURL: String?

    public init(url: String, attempts: Int = 5, dashboardURL: String? = nil) {
        self.url = url
        self.attempts = attempts
        self.dashboardURL = dashboardURL
    }

    public var name: String { "webhook \(URL(string: url)?.host ?? "?")" }

    public func notify(_ notification: LakeNotification) async throws {
        try await post(try NotificationDocument(notification, dashboardURL: dashboardURL).json())
    }

    /// POSTs `body` (JSON) with the retries described above.
    public func post(_ body: Data) async throws {
        var lastError = "no attempt made"
        for attempt in 1...max(1, attempts) {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.headers.add(name: "user-agent", value: "swiftlake-notify")
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                _ = try? await response.body.collect(upTo: 64 << 10)
                let status = Int(response.status.code)
                if (200..<300).contains(status) { return }
                lastError = "HTTP \(status)"
                guard status == 429 || status >= 500 else { break }
            } catch {
                lastError = "\(error)"
            }
            if attempt < attempts { try await Task.sleep(for: .milliseconds(500 << min(attempt - 1, 6))) }
        }
        throw NotifierError(notifier: name, reason: lastError)
    }
}

/// A notifier that gave up.
public struct NotifierError: Error, Sendable, CustomStringConvertible {
    public var notifier: String
    public var reason: String
    public var description: String { "\(notifier) failed: \(reason)" }
}
