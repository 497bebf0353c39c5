import Foundation
import LakeTestSupport
import Testing

/// The dashboard in headless Chromium (Debian's chromium and chromium-driver, Selenium): every
/// page loads without console errors and shows the demo's dataset, and Redrive on a failed
/// execution works end to end. Screenshots go to `.build/screenshots/` for people to look at.
@Suite(.blocking) struct DashboardBrowserTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/dashboard_check.py")
    static let screenshots = MotoServer.repositoryRoot.appendingPathComponent(".build/screenshots")

    @Test func everyPageRendersAndRedriveWorks() async throws {
        let dir = try demoLakeWithAFailure()
        let server = try await ServedLake(dir: dir)
        defer { server.stop() }
        let output = try Subprocess.output(["python3", Self.script.path, server.base, try #require(server.token), Self.screenshots.path])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let pages = try #require(report["pages"] as? [String: [String: Any]])
        for name in ["overview", "executions", "pipelines", "catalog", "queues", "failed", "table"] {
            let page = try #require(pages[name], "\(name) was loaded")
            #expect(page["hasDataset"] as? Bool == true, "\(name) shows the demo's dataset")
            #expect((page["consoleErrors"] as? [String])?.isEmpty == true, "\(name): \(page["consoleErrors"] ?? "")")
        }
        #expect((report["redrive"] as? String)?.hasPrefix("Done:") == true, "\(report["redrive"] ?? "no answer")")
        #expect((report["errors"] as? [String])?.isEmpty == true)
        // The redriven object waits on its stage-A queue again.
        let status = try #require(try LakeBinary.run(["status", "--json"], in: dir.url).json as? [String: Any])
        let stageA = (status["queues"] as? [[String: Any]] ?? []).filter { ($0["name"] as? String)?.contains("-a-") == true }
        #expect(stageA.reduce(0) { $0 + ($1["visible"] as? Int ?? 0) } == 1)
        for name in ["overview", "executions", "pipelines", "catalog", "queues", "execution", "overview-phone"] {
            #expect(FileManager.default.fileExists(atPath: Self.screenshots.appendingPathComponent("\(name).png").path))
        }
    }
}
