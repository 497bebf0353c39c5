import Foundation
import HTTPTypes
import Hummingbird

/// Who may ask what. `/healthz`, `/readyz` and `/metrics` are open (documented). Every other
/// route needs the token: as `Authorization: Bearer <token>` (scripts), or, for the dashboard, a
/// session cookie a browser gets by presenting the token once (`/login?token=...`). Changes
/// (POST, PUT) made with a session cookie also need the session's `X-CSRF-Token` and, when the
/// browser sends one, an `Origin` of this server. Without a token (`--no-auth`, loopback only)
/// every browser gets a session, and the CSRF rules still hold.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = LakeRequestContext
    let token: String?
    let sessions: DashboardSessions

    static let openPaths: Set<String> = ["/healthz", "/readyz", "/metrics", "/favicon.ico"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if Self.openPaths.contains(path) { return try await next(request, context) }
        var context = context
        if let token, let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            guard DashboardSessions.constantTimeEquals(String(header.dropFirst("Bearer ".count)), token) else {
                throw APIError.unauthorized
            }
            return try await next(request, context)
        }
        if path == "/login" { return login(request) }
        if let id = Self.cookie(DashboardSessions.cookie, in: request), let session = sessions.find(id) {
            context.session = session
            if request.method == .post || request.method == .put || request.method == .delete || request.method == .patch {
                try checkSameOrigin(request, session: session)
            }
            return try await next(request, context)
        }
        if token == nil {
            // No authentication: a session anyway, for the CSRF token of the dashboard's actions.
            guard request.method == .get || request.method == .head else {
                if path.hasPrefix("/api/") { return try await next(request, context) }
                throw APIError(.forbidden, code: "forbidden", "open the dashboard first", hint: "the dashboard's actions need its session")
            }
            let session = sessions.create()
            context.session = session
            var response = try await next(request, context)
            response.headers[.setCookie] = Self.sessionCookie(session)
            return response
        }
        if path.hasPrefix("/api/") { throw APIError.unauthorized }
        return DashboardHTML.loginPage(status: .unauthorized, next: path)
    }

    /// `/login?token=T&next=/path`: a valid token starts a session and goes to `next`.
    private func login(_ request: Request) -> Response {
        let presented = request.uri.queryParameters.get("token") ?? ""
        var next = request.uri.queryParameters.get("next") ?? "/"
        if !next.hasPrefix("/") || next.hasPrefix("//") { next = "/" }
        guard let token, DashboardSessions.constantTimeEquals(presented, token) else {
            return DashboardHTML.loginPage(status: presented.isEmpty ? .ok : .unauthorized, next: next, failed: !presented.isEmpty)
        }
        let session = sessions.create()
        var headers = HTTPFields()
        headers[.location] = next
        headers[.setCookie] = Self.sessionCookie(session)
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }

    /// A change with a session cookie: the CSRF token must match and the origin be this server.
    private func checkSameOrigin(_ request: Request, session: DashboardSession) throws {
        let sent = request.headers[HTTPField.Name("X-CSRF-Token")!] ?? ""
        guard DashboardSessions.constantTimeEquals(sent, session.csrf) else {
            throw APIError(.forbidden, code: "forbidden", "this change needs the dashboard's CSRF token", hint: "send X-CSRF-Token, or use the bearer token")
        }
        if let origin = request.headers[.origin], let host = request.head.authority {
            let originHost = URL(string: origin)?.host.map { h in URL(string: origin)?.port.map { "\(h):\($0)" } ?? h }
            guard originHost == host else {
                throw APIError(.forbidden, code: "forbidden", "cross-origin changes are refused", hint: "use the dashboard served by this server")
            }
        }
    }

    static func sessionCookie(_ session: DashboardSession) -> String {
        "\(DashboardSessions.cookie)=\(session.id); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(DashboardSessions.lifetime))"
    }

    /// A cookie's value.
    static func cookie(_ name: String, in request: Request) -> String? {
        for field in request.headers[values: .cookie] {
            for part in field.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == name { return String(pair[1]) }
            }
        }
        return nil
    }
}
