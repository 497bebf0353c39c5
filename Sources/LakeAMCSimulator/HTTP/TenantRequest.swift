import Foundation
import Hummingbird

/// What a handler of a tenant's API route starts with: the tenant path (the first segment),
/// admitted by the state (auth, throttling, counting), and the request's parameters.
struct TenantRequest: Sendable {
    let tenant: String
    let request: Request
    let context: AMCSimulatorContext

    /// Admits `request` to `route`, or throws the 401 or 429 that answers it.
    static func admit(_ request: Request, _ context: AMCSimulatorContext, _ route: AMCRoute, state: AMCSimulatorState) async throws -> TenantRequest {
        let tenant = try pathParameter("tenant", context)
        try await state.admit(tenant: tenant, route: route, authorization: request.headers[.authorization])
        return TenantRequest(tenant: tenant, request: request, context: context)
    }

    /// The path parameter `name`, percent-decoded.
    func parameter(_ name: String) throws -> String { try Self.pathParameter(name, context) }

    /// The query parameter `name`; nil when absent.
    func query(_ name: String) -> String? { request.uri.queryParameters.get(name) }

    /// The body as a JSON object.
    func body() async throws -> [String: JSONValue] { try await JSONResponse.object(request, context: context) }

    static func pathParameter(_ name: String, _ context: AMCSimulatorContext) throws -> String {
        guard let raw = context.parameters.get(name) else { throw AMCAPIError.badRequest("missing path parameter \(name)") }
        return raw.removingPercentEncoding ?? raw
    }
}
