import Hummingbird
import LakeCore
import LakeRuntime

/// A group of API routes: the handlers and their OpenAPI description in one file. Every
/// handler calls a ``LakeRuntime`` use case and returns its read model as JSON; none holds
/// business logic. To add an endpoint, add a file with a type conforming to this and list it in
/// ``APIRoutes/all``.
protocol APIEndpoint {
    /// The operations, for the OpenAPI document of a lake with `config`.
    static func operations(_ config: LakeConfig) -> [APIOperation]
    /// The schemas the operations refer to (`#/components/schemas/<name>`).
    static var schemas: [(String, JSONDoc)] { get }
    /// Adds the handlers.
    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime)
}

/// Every API endpoint group the server serves.
enum APIRoutes {
    static var all: [any APIEndpoint.Type] {
        [
        StatusEndpoint.self, ExecutionsEndpoint.self, ObjectsEndpoint.self, RegistryEndpoint.self, CatalogEndpoint.self,
        WLMEndpoint.self, RedriveEndpoint.self,
        ]
    }
}
