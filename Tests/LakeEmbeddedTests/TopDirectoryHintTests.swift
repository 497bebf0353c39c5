import Foundation
import Testing

import LakeCore

/// The zone directories are made under one-off names and renamed into place, in a directory
/// marked as a top directory where the file system supports it; nothing else changes.
@Suite struct TopDirectoryHintTests {
    @Test func zonesAreCreatedInPlaceWithNoTemporarySiblingsAndReopeningKeepsThem() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tdh-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        TopDirectoryHint.mark(root.path)
        let zone = root.appendingPathComponent("raw", isDirectory: true)
        try TopDirectoryHint.createSpread(zone)
        try "x".write(to: zone.appendingPathComponent("kept.txt"), atomically: false, encoding: .utf8)
        try TopDirectoryHint.createSpread(zone)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["raw"])
        #expect(FileManager.default.fileExists(atPath: zone.appendingPathComponent("kept.txt").path), "an existing zone is left as it is")
        #expect(TopDirectoryHint.mark(root.path) == TopDirectoryHint.mark(root.path), "marking twice answers the same")

        // A one-off directory left by a process that stopped before its rename goes on the next open.
        let leftover = root.appendingPathComponent(".raw-\(UUIDString.random())", isDirectory: true)
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: false)
        try TopDirectoryHint.createSpread(zone)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["raw"])
    }

    @Test func manyOpenersAtOnceAllGetTheDirectory() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tdh-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let zone = root.appendingPathComponent("stage", isDirectory: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { try TopDirectoryHint.createSpread(zone) } }
            try await group.waitForAll()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["stage"])
    }
}
