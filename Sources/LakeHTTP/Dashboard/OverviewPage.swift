import Foundation
import Hummingbird
import LakeRuntime

/// `/`: executions of the last 24 hours per stage and status, dead letters, overdue datasets,
/// running executions, notifications.
enum OverviewPage {
    static func render(_ o: OverviewView, csrf: String?, refresh: Int) -> Response {
        let colours = [(name: "COMPLETED", color: "#12a150"), (name: "FAILED", color: "#d92d20"), (name: "RUNNING", color: "#1570ef")]
        func chart(_ stage: String) -> HTML {
            BarChart(series: colours, buckets: o.hours.filter { $0.stage == stage }.map { (DashboardHTML.time($0.start), $0.counts) }).svg
        }
        let kpis: [HTML] = ["RUNNING", "COMPLETED", "FAILED"].map { s in
            "<div class=\"card\"><div class=\"muted\">\(s.lowercased())</div><div class=\"kpi\">\(o.executions[s] ?? 0)</div></div>"
        }
        let dead: HTML = o.deadLetters.isEmpty ? "<p class=\"muted\">No dead letters.</p>" : """
            <table><tr><th>Dead-letter queue</th><th class="num">Messages</th></tr>\(o.deadLetters.map { q -> HTML in "<tr><td>\(q.deadLetterQueue)</td><td class=\"num\">\(q.deadLetter)</td></tr>" })</table>
            """
        let overdue: HTML = o.overdue.isEmpty ? "<p class=\"muted\">Every dataset ran successfully within a day.</p>" : """
            <table><tr><th>Dataset</th><th>Last success</th></tr>\(o.overdue.map { d -> HTML in
                "<tr><td><a href=\"/executions?dataset=\(HTML.query(d.dataset))\">\(d.dataset)</a></td><td>\(d.lastSuccess.map(DashboardHTML.time) ?? "never")</td></tr>" })</table>
            """
        let running: HTML = o.running.isEmpty ? "<p class=\"muted\">Nothing runs.</p>" : ExecutionsPage.table(o.running)
        let notes: HTML = o.notifications.isEmpty ? "<p class=\"muted\">No notifications.</p>" : """
            <table><tr><th>At</th><th>Kind</th><th>Dataset</th><th>Message</th></tr>\(o.notifications.map { e -> HTML in
                "<tr><td>\(DashboardHTML.time(e.at))</td><td>\(String(e.kind.dropFirst("notification.".count)))</td><td>\(e.details["team"] ?? "")/\(e.details["dataset"] ?? "")</td><td class=\"wrap\">\(String(e.message.prefix(300)))</td></tr>" })</table>
            """
        return DashboardHTML.page(title: "Overview", section: "/", body: """
            <h1>Overview</h1><div class="grid">\(kpis)</div>
            <div class="grid"><div class="card"><h2>Stage A executions, last 24 h</h2>\(chart("a"))</div>
            <div class="card"><h2>Stage B executions, last 24 h</h2>\(chart("b"))</div></div>
            <div class="grid"><div class="card"><h2>Dead letters</h2>\(dead)</div><div class="card"><h2>Overdue datasets</h2>\(overdue)</div></div>
            <div class="card"><h2>Running</h2>\(running)</div><div class="card"><h2>Notifications</h2>\(notes)</div>
            """, csrf: csrf, refresh: refresh)
    }
}
