import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The dashboard's page frame, and its login and error pages.
enum DashboardHTML {
    static let sections: [(path: String, title: String)] = [
        ("/", "Overview"), ("/executions", "Executions"), ("/pipelines", "Pipelines"), ("/catalog", "Catalog"), ("/queues", "Queues & WLM"),
    ]

    /// A whole page: navigation, the body, and a reload every `refresh` seconds (filters are in
    /// the URL, so a reload keeps them).
    static func page(
        title: String, section: String, body: HTML, csrf: String?, refresh: Int?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let nav: [HTML] = sections.map { s in
            "<a href=\"\(s.path)\"\(HTML(raw: s.path == section ? " class=\"on\"" : ""))>\(s.title)</a>"
        }
        let refreshTag: HTML = refresh.map { HTML(raw: "<meta http-equiv=\"refresh\" content=\"\($0)\">") } ?? ""
        let page: HTML = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · SwiftLake</title>\(refreshTag)<meta name="csrf-token" content="\(csrf ?? "")">
            <link rel="icon" href="data:,"><style>\(HTML(raw: DashboardStyle.css))</style><script>\(HTML(raw: DashboardStyle.script))</script></head>
            <body><header><b>SwiftLake</b>\(nav)</header><main>\(body)</main></body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page.text)))
    }

    /// Asks for the token (a GET form to `/login`, so it never lands in a cookie or a log).
    static func loginPage(status: HTTPResponse.Status, next: String, failed: Bool = false) -> Response {
        let note: HTML = failed ? "<p class=\"error\">That token is not this server's.</p>" : ""
        return page(title: "Sign in", section: "", body: """
            <h1>Sign in</h1><div class="card"><p>Paste the API token: <code>LAKE_API_TOKEN</code>, or the lake's <code>state/api-token</code> file.</p>\(note)
            <form method="get" action="/login"><input type="hidden" name="next" value="\(next)">
            <input type="password" name="token" autocomplete="off" placeholder="token" size="48"> <button>Sign in</button></form></div>
            """, csrf: nil, refresh: nil, status: status)
    }

    static func errorPage(_ error: APIError) -> Response {
        let hint: HTML = error.hint.map { "<p class=\"hint\">\($0)</p>" } ?? ""
        return page(title: "Error", section: "", body: """
            <h1>\(error.status.reasonPhrase)</h1><div class="card"><p class="error">\(error.message)</p>\(hint)</div>
            """, csrf: nil, refresh: nil, status: error.status)
    }

    /// A status badge.
    static func badge(_ status: String) -> HTML { "<span class=\"badge \(status)\">\(status)</span>" }

    /// `3.2 s`, `14 ms`.
    static func seconds(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value < 1 ? String(format: "%.0f ms", value * 1000) : String(format: "%.1f s", value)
    }

    /// `2026-12-04 17:03:25Z`.
    static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        return String(ISO8601DateFormatter().string(from: date).replacingOccurrences(of: "T", with: " "))
    }

    /// Bytes in KB, MB, GB.
    static func bytes(_ n: Int64?) -> String {
        guard let n else { return "-" }
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }
}
