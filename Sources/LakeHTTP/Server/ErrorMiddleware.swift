import Hummingbird

/// Turns every error a handler or middleware throws into the API's JSON error (API routes) or
/// a small HTML error page (dashboard routes), with the right status.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LakeRequestContext
    /// The server's paths and methods, to tell 405 from 404.
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var api = APIError(error)
            if api.status == .notFound, error is HTTPError, let methods = routes.methods(for: request.uri.path) {
                api = APIError(.methodNotAllowed, code: "method-not-allowed", "\(request.method) is not a method of \(request.uri.path)",
                               hint: "it takes " + methods.sorted().joined(separator: ", "))
                var response = api.response()
                response.headers[.allow] = methods.sorted().joined(separator: ", ")
                return response
            }
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
