import Hummingbird
import Logging

/// Gives every error the AMC error body: unknown routes and Hummingbird's own errors keep their
/// status, anything unexpected is a logged 500.
struct ErrorBodyMiddleware: RouterMiddleware {
    typealias Context = AMCSimulatorContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AMCAPIError {
            return error.response()
        } catch let error as HTTPError {
            let details = error.status == .notFound ? "No route \(request.method) \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            return AMCAPIError(status: error.status, details: details).response()
        } catch {
            logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            return AMCAPIError(status: .internalServerError, details: "The simulator could not answer: \(error)").response()
        }
    }
}
