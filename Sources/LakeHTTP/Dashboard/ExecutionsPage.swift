import Foundation
import Hummingbird
import LakeCore
import LakeRuntime

/// `/executions` (a filterable, paged table) and `/executions/{id}` (the history as a timeline,
/// the error with its hint, the keys, and Redrive for a failed one).
enum ExecutionsPage {
    static func table(_ executions: [ExecutionView]) -> HTML {
        let rows: [HTML] = executions.map { e in
            let seconds = e.endedAt.map { $0.timeIntervalSince(e.startedAt) }
            return """
                <tr><td><a href="/executions/\(e.id)">\(String(e.id.prefix(8)))</a></td><td>\(e.stage)</td><td>\(e.team)/\(e.dataset)</td>
                <td>\(DashboardHTML.badge(e.status))</td><td>\(DashboardHTML.time(e.startedAt))</td><td class="num">\(DashboardHTML.seconds(seconds))</td>
                <td class="num">\(e.inputKeys.count)</td><td class="num">\(e.outputKeys.count)</td><td class="wrap">\(e.errorCode.map { "[\($0)] " } ?? "")\(String((e.error ?? "").prefix(120)))</td></tr>
                """
        }
        return "<table><tr><th>Id</th><th>Stage</th><th>Dataset</th><th>Status</th><th>Started</th><th>Took</th><th>In</th><th>Out</th><th>Error</th></tr>\(rows)</table>"
    }

    static func list(_ page: ExecutionPage, filter: ExecutionFilter, datasets: [String], csrf: String?, refresh: Int) -> Response {
        func option(_ value: String, _ selected: String?) -> HTML {
            "<option value=\"\(value)\"\(HTML(raw: value == (selected ?? "") ? " selected" : ""))>\(value.isEmpty ? "any" : value)</option>"
        }
        let statuses: [HTML] = ([""] + ExecutionStatus.allCases.map(\.rawValue)).map { option($0, filter.status?.rawValue) }
        let stages: [HTML] = ["", "a", "b"].map { option($0, filter.stage?.rawValue) }
        let sets: [HTML] = ([""] + datasets).map { option($0, filter.dataset?.description) }
        var next: HTML = ""
        if let cursor = page.nextCursor {
            var query = "cursor=\(HTML.query(cursor))"
            if let s = filter.status { query += "&status=\(s.rawValue)" }
            if let s = filter.stage { query += "&stage=\(s.rawValue)" }
            if let d = filter.dataset { query += "&dataset=\(HTML.query(d.description))" }
            next = "<p><a href=\"/executions?\(HTML(raw: query))\">Older executions →</a></p>"
        }
        return DashboardHTML.page(title: "Executions", section: "/executions", body: """
            <h1>Executions</h1><div class="card"><form class="filters" method="get" action="/executions">
            <label>Status<select name="status">\(statuses)</select></label><label>Stage<select name="stage">\(stages)</select></label>
            <label>Dataset<select name="dataset">\(sets)</select></label><button>Filter</button></form>
            \(page.items.isEmpty ? "<p class=\"muted\">No executions.</p>" : table(page.items))\(next)</div>
            """, csrf: csrf, refresh: filter.cursor == nil ? refresh : nil)
    }

    static func detail(_ e: ExecutionView, csrf: String?, refresh: Int) -> Response {
        var previous = e.startedAt
        let steps: [HTML] = e.history.map { step in
            let took = step.at.timeIntervalSince(previous)
            previous = step.at
            return "<div><span class=\"muted\">\(DashboardHTML.time(step.at)) (+\(DashboardHTML.seconds(took)))</span> <b>\(step.component)</b> \(step.status)</div>"
        }
        var failure: HTML = ""
        if let error = e.error {
            let hint: HTML = e.errorHint.map { "<div class=\"hint\">Hint: \($0)</div>" } ?? ""
            failure = """
                <div class="card"><h2>Error</h2><div class="error"><b>[\(e.errorCode ?? "error")]</b> in <b>\(e.errorComponent ?? "?")</b>: \(e.errorComponent.map { error.hasPrefix($0 + ": ") ? String(error.dropFirst($0.count + 2)) : error } ?? error)</div>\(hint)
                <p><button onclick='lakeAction("POST", "/api/v1/redrive", {"dataset": "\(HTML(raw: e.team + "/" + e.dataset))", "stage": "\(HTML(raw: e.stage))"})'>Redrive stage \(e.stage) of \(e.team)/\(e.dataset)</button></p>
                <div id="message"></div></div>
                """
        }
        let keys = { (list: [String]) -> HTML in list.isEmpty ? "<p class=\"muted\">none</p>" : "<pre>\(list.prefix(200).joined(separator: "\n"))</pre>" }
        let details: [HTML] = e.details.sorted { $0.key < $1.key }.map { "<tr><td>\($0.key)</td><td class=\"wrap\">\(String($0.value.prefix(500)))</td></tr>" }
        return DashboardHTML.page(title: "Execution \(e.id.prefix(8))", section: "/executions", body: """
            <h1>Execution \(e.id)</h1>
            <div class="card"><p>\(DashboardHTML.badge(e.status)) stage \(e.stage) of <a href="/executions?dataset=\(HTML.query(e.team + "/" + e.dataset))">\(e.team)/\(e.dataset)</a>
            (pipeline \(e.pipeline)), attempt \(e.attempt); started \(DashboardHTML.time(e.startedAt)), ended \(DashboardHTML.time(e.endedAt))</p></div>
            \(failure)<div class="card"><h2>Timeline</h2><div class="timeline">\(steps)</div></div>
            <div class="grid"><div class="card"><h2>Input keys (\(e.inputKeys.count))</h2>\(keys(e.inputKeys))</div>
            <div class="card"><h2>Output keys (\(e.outputKeys.count))</h2>\(keys(e.outputKeys))</div></div>
            <div class="card"><h2>Details</h2><table>\(details)</table></div>
            """, csrf: csrf, refresh: e.status == "RUNNING" ? refresh : nil)
    }
}
