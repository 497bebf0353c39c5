import Foundation
import Hummingbird
import LakeCore
import Logging

/// One access-log line per request through swift-log: method, path (never the query, which may
/// carry the login token), status and milliseconds.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = LakeRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let ms = (ContinuousClock.now - start).seconds * 1000
        logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", ms))ms")
        return response
    }
}
