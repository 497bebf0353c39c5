import Foundation
import LakeCore
import LakeEmbedded
import Testing

@Suite struct EmbeddedLakeTests {
    @Test func opensTheDocumentedLayoutAndReopensWithItsState() async throws {
        let directory = try TemporaryDirectory("lake")
        let (clock, _) = manualTime()
        let root = directory.file("my lake")
        do {
            let lake = try EmbeddedLake.open(directory: root, clock: clock)
            let q = try QueueName(validating: "demoteam-main-stage-a.fifo")
            try await lake.queues.createQueue(q, options: QueueOptions())
            try await lake.queues.send([OutgoingMessage(body: "raw/demoteam/legislators/persons.json", groupId: "demoteam-legislators")], to: q)
            let info = try await lake.objectStore.put(Data("[]".utf8), at: ObjectLocation(.raw, try ObjectKey("demoteam/legislators/persons.json")))
            try await lake.watcher.markSeen([info])
            try await lake.metadata.upsertDataset(
                DatasetRecord(team: "demoteam", name: "legislators", pipeline: "main", stageATransform: "light", stageBTransform: "heavy", minItems: 1, maxItems: 100, updatedAt: clock.now()))
            try await lake.catalog.upsertDatabase(CatalogDatabase(name: "demo_db", createdAt: clock.now()))
        }
        for path in ["raw", "stage", "analytics", "artifacts", "state/queues.sqlite", "state/octagon.sqlite", "state/catalog.sqlite", "state/watcher.sqlite"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "missing \(path)")
        }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("raw/demoteam/legislators/persons.json").path))

        let lake = try EmbeddedLake.open(directory: root, clock: clock)
        #expect(try await lake.queues.counts(try QueueName(validating: "demoteam-main-stage-a.fifo")).visible == 1)
        #expect(try await lake.metadata.dataset(id: "demoteam-legislators") != nil)
        #expect(try await lake.catalog.database(named: "demo_db") != nil)
        clock.advance(by: .seconds(5))
        #expect(try await lake.watcher.scan().isEmpty)
        #expect(try await lake.queues.reclaimOrphanedLeases() == 0)
        #expect(lake.objectStore.container(of: .raw) == lake.layout.zone(.raw).path)
    }
}
