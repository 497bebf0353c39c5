import Foundation
import Hummingbird
import LakeRuntime

/// `/queues`: every queue's depth, in flight and dead letters; WLM levels with the oldest
/// message's age and waits; slots used against free.
enum QueuesPage {
    static func render(status: StatusView, wlm: WLMView, csrf: String?, refresh: Int) -> Response {
        let queues: [HTML] = status.queues.map {
            "<tr><td>\($0.name)</td><td class=\"num\">\($0.visible)</td><td class=\"num\">\($0.inFlight)</td><td class=\"num\">\($0.delayed)</td><td class=\"num\">\($0.deadLetter)</td></tr>"
        }
        let levels: [HTML] = wlm.status.levels.map { l in
            """
            <tr><td>\(l.dataset)</td><td>\(l.level)</td><td class="num">\(l.visible)</td><td class="num">\(l.inFlight)</td>
            <td class="num">\(DashboardHTML.seconds(l.oldestAgeSeconds))</td><td class="num">\(DashboardHTML.seconds(l.waitP50Seconds))</td>
            <td class="num">\(DashboardHTML.seconds(l.waitP99Seconds))</td><td class="num">\(l.startedLastHour)</td></tr>
            """
        }
        let slots: [HTML] = wlm.status.pipelines.map { p in
            let used = min(p.running, p.slots)
            let bar: [HTML] = (0..<max(0, p.slots)).map { i in "<span class=\"cell\" style=\"background:\(i < used ? "#1570ef" : "#e4e7ec")\"></span>" }
            return "<tr><td>\(p.pipeline)</td><td>\(bar)</td><td class=\"num\">\(p.running) of \(p.slots)</td></tr>"
        }
        let priorities: [HTML] = wlm.priorities.map { "<tr><td>\($0.id)</td><td>\($0.level)</td><td>\($0.source.rawValue)</td><td>\(DashboardHTML.time($0.updatedAt))</td></tr>" }
        return DashboardHTML.page(title: "Queues & WLM", section: "/queues", body: """
            <h1>Queues &amp; WLM</h1><div class="card"><h2>Queues</h2><table><tr><th>Queue</th><th class="num">Visible</th><th class="num">In flight</th><th class="num">Delayed</th><th class="num">Dead letters</th></tr>\(queues)</table></div>
            <div class="card"><h2>Stage-B levels</h2><table><tr><th>Dataset</th><th>Level</th><th class="num">Visible</th><th class="num">In flight</th><th class="num">Oldest</th><th class="num">Wait p50</th><th class="num">Wait p99</th><th class="num">Started (1 h)</th></tr>\(levels)</table></div>
            <div class="grid"><div class="card"><h2>Slots</h2><table><tr><th>Pipeline</th><th>Used / free</th><th class="num">Running</th></tr>\(slots)</table>
            \(wlm.status.globalSlots.map { HTML(raw: "<p>All pipelines: \(wlm.status.globalRunning) of \($0)</p>") } ?? "")</div>
            <div class="card"><h2>Table priorities</h2>\(priorities.isEmpty ? "<p class=\"muted\">Every table has its dataset's default level.</p>" as HTML : "<table><tr><th>Table</th><th>Level</th><th>Source</th><th>Updated</th></tr>\(priorities)</table>")</div></div>
            """, csrf: csrf, refresh: refresh)
    }
}
