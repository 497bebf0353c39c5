import LakeCore
import LakeEngine
import Testing

/// `glue-job` is known to every registry (so lake.yaml validates the same everywhere), but only
/// the AWS backend can build it; elsewhere the error says what to change.
@Suite struct GlueJobPlaceholderTests {
    @Test func glueJobOutsideAWSSaysWhatToChange() {
        let registry = TransformRegistry.builtIn
        #expect(registry.heavyNames.contains("glue-job"))
        #expect(registry.descriptors.first { $0.name == "glue-job" }?.options.map(\.name) == [
            "job_name", "script", "worker_type", "number_of_workers", "glue_version", "role", "arguments", "poll_interval",
        ])
        do {
            _ = try registry.makeHeavy("glue-job", options: ["job_name": .string("j")], config: LakeConfig.sample())
            Issue.record("glue-job was built on the embedded backend")
        } catch let error as LakeError {
            #expect(error.message.contains("needs the AWS backend"))
            #expect(error.hint?.contains("backend: aws") == true)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func settingsHaveDefaultsAndRefuseWhatGlueWould() throws {
        let ref = DatasetRef(team: "sales", dataset: "orders")
        let made = try GlueJobSettings(options: ["script": .string("jobs/orders.py")])
        #expect(made.jobName(environment: "dev", dataset: ref) == "lake-dev-sales-orders")
        #expect(made.role(environment: "dev", team: "sales") == "lake-dev-sales-glue")
        #expect(made.workerType == "G.1X" && made.numberOfWorkers == 2 && made.glueVersion == "4.0" && made.pollInterval == .seconds(10))
        let named = try GlueJobSettings(options: [
            "job_name": .string("nightly"), "role": .string("arn:aws:iam::1:role/r"), "number_of_workers": .int(10),
            "arguments": .object(["mode": .string("full")]), "poll_interval": .string("30s"),
        ])
        #expect(named.jobName(environment: "dev", dataset: ref) == "nightly" && named.role(environment: "dev", team: "sales") == "arn:aws:iam::1:role/r")
        #expect(named.arguments == ["--mode": "full"] && named.pollInterval == .seconds(30) && named.numberOfWorkers == 10)

        func refusal(_ options: TransformOptions) -> String {
            do {
                _ = try GlueJobSettings(options: options)
                return ""
            } catch {
                return (error as? LakeError)?.message ?? "\(error)"
            }
        }
        #expect(refusal([:]).contains("job_name") && refusal([:]).contains("script"))
        #expect(refusal(["script": .string("a.py"), "worker_type": .string("G.9X")]).contains("G.1X"))
        #expect(refusal(["script": .string("a.py"), "number_of_workers": .int(1)]).contains("at least 2"))
        #expect(refusal(["job_name": .string("")]).contains("non-empty"))
    }
}
