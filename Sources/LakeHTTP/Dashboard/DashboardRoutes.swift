import Foundation
import Hummingbird
import LakeCore
import LakeRuntime

/// The dashboard's pages, each a runtime read model rendered as HTML.
enum DashboardRoutes {
    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime, refresh: Int) {
        router.get("/") { _, context in
            OverviewPage.render(try await runtime.overview(), csrf: context.session?.csrf, refresh: refresh)
        }
        router.get("/executions") { request, context in
            let query = QueryParameters(request: request)
            var filter = ExecutionFilter(limit: 50)
            filter.status = try query.choice("status", ExecutionStatus.self)
            filter.stage = try query.choice("stage", PipelineStage.self)
            filter.dataset = try query.dataset("dataset")
            filter.cursor = query.string("cursor")
            let datasets = runtime.topology.sortedDatasets.map(\.ref.description)
            return ExecutionsPage.list(try await runtime.executionPage(filter), filter: filter, datasets: datasets, csrf: context.session?.csrf, refresh: refresh)
        }
        router.get("/executions/:id") { _, context in
            ExecutionsPage.detail(try await runtime.execution(id: try context.parameters.require("id")), csrf: context.session?.csrf, refresh: refresh)
        }
        router.get("/pipelines") { _, context in
            PipelinesPage.render(pipelines: try await runtime.pipelines(), runs: try await runtime.recentRuns(), csrf: context.session?.csrf, refresh: refresh)
        }
        router.get("/catalog") { _, context in
            CatalogPage.render(databases: try await runtime.catalogDatabases(), tables: try await runtime.catalogTables(), csrf: context.session?.csrf, refresh: refresh)
        }
        router.get("/catalog/:table") { _, context in
            CatalogPage.table(try await runtime.catalogTableDetail(try context.parameters.require("table")), csrf: context.session?.csrf, refresh: refresh)
        }
        router.get("/queues") { _, context in
            QueuesPage.render(status: try await runtime.status(), wlm: try await runtime.wlm(), csrf: context.session?.csrf, refresh: refresh)
        }
    }
}
