import Foundation
import Hummingbird
import LakeCore
import LakeRuntime

/// `/pipelines`: each pipeline stage's status with activate/deactivate, and a grid of each
/// dataset's recent runs coloured by status.
enum PipelinesPage {
    static func render(pipelines: [PipelineRecord], runs: [(dataset: String, pipeline: String, runs: [ExecutionView])], csrf: String?, refresh: Int) -> Response {
        let rows: [HTML] = pipelines.map { p in
            let action = p.status == .active ? "deactivate" : "activate"
            let body = "{\"stage\": \"\(p.stage.rawValue)\"}"
            return """
                <tr><td>\(p.team)/\(p.pipeline)</td><td>\(p.stage.rawValue)</td><td>\(DashboardHTML.badge(p.status.rawValue))</td>
                <td>\(DashboardHTML.time(p.lastExecutionDate))</td><td>\(DashboardHTML.badge(p.lastExecutionStatus?.rawValue ?? "NONE"))</td>
                <td><button class="secondary" onclick='lakeAction("POST", "/api/v1/pipelines/\(HTML(raw: p.team))/\(HTML(raw: p.pipeline))/\(HTML(raw: action))", \(HTML(raw: body)))'>\(action)</button></td></tr>
                """
        }
        let colour = ["COMPLETED": "#12a150", "FAILED": "#d92d20", "RUNNING": "#1570ef"]
        let grid: [HTML] = runs.map { row in
            let cells: [HTML] = row.runs.reversed().map { e in
                "<a href=\"/executions/\(e.id)\" title=\"stage \(e.stage) \(e.status) \(DashboardHTML.time(e.startedAt))\"><span class=\"cell\" style=\"background:\(colour[e.status] ?? "#98a2b3")\"></span></a>"
            }
            return "<tr><td><a href=\"/executions?dataset=\(HTML.query(row.dataset))\">\(row.dataset)</a></td><td class=\"muted\">\(row.pipeline)</td><td class=\"wrap\">\(cells.isEmpty ? "<span class=\"muted\">no runs</span>" : HTML(raw: cells.map(\.text).joined()))</td></tr>"
        }
        return DashboardHTML.page(title: "Pipelines", section: "/pipelines", body: """
            <h1>Pipelines</h1><div class="card"><h2>Stages</h2><div id="message"></div>
            <table><tr><th>Pipeline</th><th>Stage</th><th>Status</th><th>Last execution</th><th>Last status</th><th></th></tr>\(rows)</table></div>
            <div class="card"><h2>Recent runs (oldest left)</h2><table><tr><th>Dataset</th><th>Pipeline</th><th>Runs</th></tr>\(grid)</table></div>
            """, csrf: csrf, refresh: refresh)
    }
}
