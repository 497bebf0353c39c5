import AsyncHTTPClient
import Foundation
import LakeCore
import LakeSigV4
import LakeWorkflows
import NIOCore
import NIOHTTP1

/// A tenant's AMC API over HTTP (AsyncHTTPClient): the ``AMCClient`` adapter. Requests are
/// signed with SigV4 for `execute-api` in the tenant's region, carry a bearer token (read from
/// a file or an environment variable, re-read once after a 401, never logged), or nothing (local
/// simulators). 429, 500, 502, 503, 504 and connection errors are retried with exponential
/// backoff and jitter, honouring `Retry-After`, up to `attempts` tries.
public struct HTTPAMCClient: AMCClient {
    let tenant: TenantRecord
    let base: String
    let signer: (@Sendable (String, String, [QueryItem], Data) async throws -> [HeaderField])?
    let attempts: Int
    let baseDelay: Duration
    let httpClient: HTTPClient

    /// A client for `tenant`; `credentials` sign requests when its auth is `sigv4` (asked
    /// before each request, so temporary credentials are refreshed as they near expiry).
    public init(tenant: TenantRecord, credentials: (any AWSCredentialProvider)?, attempts: Int = 6, baseDelay: Duration = .milliseconds(250), httpClient: HTTPClient = AMCHTTP.client) throws {
        self.tenant = tenant
        self.base = tenant.apiEndpoint.hasSuffix("/") ? String(tenant.apiEndpoint.dropLast()) : tenant.apiEndpoint
        self.attempts = max(1, attempts)
        self.baseDelay = baseDelay
        self.httpClient = httpClient
        if tenant.auth.kind == "sigv4" {
            guard let credentials else {
                throw LakeError(.usage, "tenant \(tenant.id) signs with SigV4, and no AWS credentials were found",
                                hint: "set AWS credentials (environment or ~/.aws), or give the tenant `auth: bearer` or `none`")
            }
            let region = tenant.region
            self.signer = { method, path, query, body in
                guard let url = URL(string: path), let host = url.host else { return [] }
                let hostHeader = url.port.map { "\(host):\($0)" } ?? host
                let request = SigV4Request(method: method, host: hostHeader, path: url.path.isEmpty ? "/" : url.path, query: query, headers: [], payloadHash: Hex.sha256(body))
                let signer = SigV4Signer(credentials: try await credentials.credentials(), region: region, service: "execute-api")
                return signer.sign(request, at: Date()).headers
            }
        } else {
            self.signer = nil
        }
    }

    // MARK: AMCClient

    public func createWorkflow(_ body: [String: ConfigValue]) async throws {
        _ = try await send("POST", "/workflows", body: body, operation: "create workflow")
    }

    public func updateWorkflow(id: String, _ body: [String: ConfigValue]) async throws {
        _ = try await send("PUT", "/workflows/\(Self.segment(id))", body: body, operation: "update workflow")
    }

    public func deleteWorkflow(id: String) async throws {
        _ = try await send("DELETE", "/workflows/\(Self.segment(id))", operation: "delete workflow")
    }

    public func startExecution(_ request: [String: ConfigValue]) async throws -> AMCExecution {
        try decode(AMCExecution.self, try await send("POST", "/workflowExecutions", body: request, operation: "start execution"))
    }

    public func execution(id: String) async throws -> AMCExecution? {
        do {
            return try decode(AMCExecution.self, try await send("GET", "/workflowExecutions/\(Self.segment(id))", query: [QueryItem("includeWorkflow", "false")], operation: "get execution"))
        } catch let error as LakeError where error.code == .notFound {
            return nil
        }
    }

    public func executions(createdSince minCreationTime: String) async throws -> [AMCExecution] {
        struct Page: Decodable {
            var executions: [AMCExecution]?
            var nextToken: String?
        }
        var all: [AMCExecution] = []
        var token: String?
        var pages = 0
        repeat {
            var query = [QueryItem("minCreationTime", minCreationTime)]
            if let token { query.append(QueryItem("nextToken", token)) }
            let page = try decode(Page.self, try await send("GET", "/workflowExecutions", query: query, operation: "list executions"))
            all += page.executions ?? []
            token = page.nextToken
            pages += 1
            guard pages < 10_000 else { throw LakeError(.remote, "tenant \(tenant.id): the execution listing does not end", context: ["tenant": tenant.id]) }
        } while token != nil
        return all
    }

    public func cancelExecution(id: String) async throws {
        _ = try await send("PUT", "/workflowExecutions/\(Self.segment(id))", body: ["status": .string("CANCELLED")], operation: "cancel execution")
    }

    public func schedules() async throws -> [ConfigValue] {
        struct Page: Decodable { var schedules: [ConfigValue]? }
        return try decode(Page.self, try await send("GET", "/schedules", operation: "list schedules")).schedules ?? []
    }

    // MARK: Transport

    /// Sends one request with retries; returns the 2xx body or throws what the API said.
    func send(_ method: String, _ path: String, query: [QueryItem] = [], body: [String: ConfigValue]? = nil, operation: String) async throws -> Data {
        let payload = try body.map { try JSONEncoder().encode($0) } ?? Data()
        let url = base + path + (query.isEmpty ? "" : "?" + QueryItem.encode(query))
        var refreshedToken = false
        var attempt = 0
        var generator = SystemRandomNumberGenerator()
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: url)
            request.method = HTTPMethod(rawValue: method)
            request.headers.add(name: "Accept", value: "application/json")
            if body != nil {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: payload))
            }
            for (name, value) in tenant.auth.headers { request.headers.add(name: name, value: value) }
            try await authorize(&request, method: method, url: base + path, query: query, payload: payload)
            let status: Int
            let data: Data
            var retryAfter: Duration?
            do {
                let response = try await httpClient.execute(request, timeout: .seconds(60))
                status = Int(response.status.code)
                data = Data(try await response.body.collect(upTo: 64 << 20).readableBytesView)
                if let header = response.headers.first(name: "Retry-After"), let seconds = Double(header) { retryAfter = .seconds(min(seconds, 60)) }
            } catch {
                guard attempt < attempts else {
                    throw LakeError(.remote, "tenant \(tenant.id): \(operation) could not reach \(Self.host(base)): \(error)",
                                    hint: "check the tenant's amcApiEndpoint and the network", context: ["tenant": tenant.id, "attempts": String(attempt)])
                }
                try await Task.sleep(for: delay(attempt, &generator))
                continue
            }
            if (200..<300).contains(status) { return data }
            if status == 401, tenant.auth.kind == "bearer", !refreshedToken {
                refreshedToken = true
                continue
            }
            if [429, 500, 502, 503, 504].contains(status), attempt < attempts {
                try await Task.sleep(for: retryAfter.map { max($0, .milliseconds(10)) } ?? delay(attempt, &generator))
                continue
            }
            throw Self.error(status: status, body: data, operation: operation, tenant: tenant.id, attempts: attempt)
        }
    }

    private func authorize(_ request: inout HTTPClientRequest, method: String, url: String, query: [QueryItem], payload: Data) async throws {
        switch tenant.auth.kind {
        case "bearer":
            request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(try BearerToken.read(tenant))")
        case "sigv4":
            for header in try await signer?(method, url, query, payload) ?? [] { request.headers.replaceOrAdd(name: header.name, value: header.value) }
        default:
            break
        }
    }

    /// Exponential backoff with full jitter: up to base × 2^(attempt−1), at most 20 s.
    private func delay(_ attempt: Int, _ generator: inout SystemRandomNumberGenerator) -> Duration {
        let cap = min(20.0, baseDelay.seconds * pow(2, Double(attempt - 1)))
        return .seconds(Double.random(in: cap / 2...cap, using: &generator))
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw LakeError(.remote, "tenant \(tenant.id): the API's answer is not what AMC answers", hint: "check amcApiEndpoint",
                            context: ["tenant": tenant.id], underlying: SendableErrorBox(error))
        }
    }

    /// The error for a non-2xx answer: the first present of `message`, `statusReason`,
    /// `details`, `messageSubject`; a duplicate workflow is `.alreadyExists`.
    static func error(status: Int, body: Data, operation: String, tenant: String, attempts: Int) -> LakeError {
        let object = (try? JSONDecoder().decode([String: ConfigValue].self, from: body)) ?? [:]
        let message = ["message", "statusReason", "details", "messageSubject"].lazy.compactMap { object[$0]?.stringValue }.first
            ?? String(decoding: body.prefix(300), as: UTF8.self)
        let context = ["tenant": tenant, "status": String(status), "attempts": String(attempts)]
        if message.contains("already exists") {
            return LakeError(.alreadyExists, "tenant \(tenant): \(operation): \(message)", context: context)
        }
        switch status {
        case 404: return LakeError(.notFound, "tenant \(tenant): \(operation): \(message)", context: context)
        case 400, 409, 422: return LakeError(.usage, "tenant \(tenant): \(operation) refused: \(message)", hint: "fix the request", context: context)
        case 401, 403:
            return LakeError(.remote, "tenant \(tenant): \(operation) not authorized (\(status)): \(message)", hint: "check the tenant's AMC.auth and its credentials", context: context)
        default: return LakeError(.remote, "tenant \(tenant): \(operation) failed with HTTP \(status): \(message)", context: context)
        }
    }

    static func segment(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    static func host(_ url: String) -> String { URL(string: url)?.host ?? url }
}

/// A tenant's bearer token, read when needed (so a rotated file is picked up): from
/// `AMC.tokenFile` or the variable `AMC.tokenEnv`. Never logged.
enum BearerToken {
    static func read(_ tenant: TenantRecord) throws -> String {
        if let name = tenant.auth.tokenEnv, let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
        if let file = tenant.auth.tokenFile, let text = try? String(contentsOfFile: file, encoding: .utf8) {
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !token.isEmpty { return token }
        }
        throw LakeError(.usage, "tenant \(tenant.id) uses bearer auth and its token is not there",
                        hint: "write it to \(tenant.auth.tokenFile ?? "AMC.tokenFile") or set \(tenant.auth.tokenEnv ?? "AMC.tokenEnv")")
    }
}

/// Makes ``HTTPAMCClient``s; the SigV4 credential provider is resolved once, when first
/// needed, by the resolver the composition root gives (the AWS credential chain).
public struct HTTPAMCClientFactory: AMCClientFactory {
    let credentials: @Sendable () -> (any AWSCredentialProvider)?
    let attempts: Int

    public init(attempts: Int = 6, resolveCredentials: @escaping @Sendable () -> (any AWSCredentialProvider)?) {
        let resolved = LockedValue<(any AWSCredentialProvider)??>(nil)
        self.credentials = {
            resolved.update { cached in
                if let cached { return cached }
                let found = resolveCredentials()
                cached = .some(found)
                return found
            }
        }
        self.attempts = attempts
    }

    public func client(for tenant: TenantRecord) throws -> any AMCClient {
        try HTTPAMCClient(tenant: tenant, credentials: tenant.auth.kind == "sigv4" ? credentials() : nil, attempts: attempts)
    }
}

/// The HTTP client of every tenant's API: connections fail at once when refused and within 5 s
/// when a host does not answer, so a tenant whose API is down costs its own retries (with
/// backoff, above) rather than the pool's minute-long reconnecting; one per process, like
/// `HTTPClient.shared`.
public enum AMCHTTP {
    public static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
