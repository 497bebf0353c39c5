import Foundation
import HTTPTypes

/// The paths the server answers and the methods of each, so a request with a method a path
/// does not take gets 405 with `Allow` (the router alone says 404).
struct RouteTable: Sendable {
    private let routes: [(pattern: [Substring], methods: Set<String>)]

    /// `templates` are OpenAPI-style paths (`/api/v1/executions/{id}`) with their methods.
    init(_ templates: [(path: String, method: String)]) {
        var routes: [(pattern: [Substring], methods: Set<String>)] = []
        for (path, method) in templates {
            let pattern = path.split(separator: "/")
            if let index = routes.firstIndex(where: { $0.pattern == pattern }) {
                routes[index].methods.insert(method)
            } else {
                routes.append((pattern, [method]))
            }
        }
        self.routes = routes
    }

    /// The methods `path` takes, or nil when the server has no such path.
    func methods(for path: String) -> Set<String>? {
        let parts = path.split(separator: "/")
        var found: Set<String>?
        for route in routes where route.pattern.count == parts.count {
            let matches = zip(route.pattern, parts).allSatisfy { pattern, part in pattern.hasPrefix("{") || pattern == part }
            if matches { found = (found ?? []).union(route.methods) }
        }
        return found
    }
}
