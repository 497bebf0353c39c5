import Hummingbird

/// Turns every error a handler or middleware throws into the API's JSON error (API routes) or
/// a small HTML error page (dashboard routes), with the right status.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LakeRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let api = APIError(error)
            if api.status.code >= 500 {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            let path = request.uri.path
            if path.hasPrefix("/api/") || path == "/metrics" || path.hasPrefix("/healthz") || path.hasPrefix("/readyz") {
                return api.response()
            }
            return DashboardHTML.errorPage(api)
        }
    }
}
