import CoreMetrics
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import LakeCore
import LakeRuntime
import NIOCore
import Prometheus

/// `/metrics` in Prometheus text format (the `swiftlake_*` metrics the runtime records, and
/// the process's resident memory and open files), `/healthz` (the process answers) and
/// `/readyz` (the lake's stores answer). All three are open: they say nothing about the data.
enum MetricsEndpoint {
    /// The registry every `swiftlake_*` metric of this process goes to. Bootstrapped once per
    /// process, by the first server started (swift-metrics takes one backend per process).
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime) {
        let registry = Self.registry
        router.get("/metrics") { _, _ in
            var text = registry.emitToString()
            text += ProcessMetrics.text()
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/healthz") { _, _ in try JSONBody.response(["status": "ok"]) }
        router.get("/readyz") { _, _ in
            do {
                _ = try await runtime.executionCounts()
                return try JSONBody.response(["status": "ready"])
            } catch {
                return APIError(.serviceUnavailable, code: "not-ready", "the lake's metadata store does not answer: \(error)").response()
            }
        }
    }
}

/// The process's resident memory and open file descriptors, read from `/proc/self` at scrape time.
enum ProcessMetrics {
    static func text() -> String {
        var out = ""
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
           let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
            out += "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes \(pages * pageSize)\n"
        }
        if let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            out += "# TYPE process_open_fds gauge\nprocess_open_fds \(fds.count)\n"
        }
        return out
    }
}
