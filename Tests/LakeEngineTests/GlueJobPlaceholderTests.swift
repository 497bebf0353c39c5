import LakeCore
import LakeEngine
import Testing

/// `glue-job` is known to every registry (so lake.yaml validates the same everywhere), but only
/// the AWS backend can build it; elsewhere the error says what to change.
@Suite struct GlueJobPlaceholderTests {
    @Test func glueJobOutsideAWSSaysWhatToChange() {
        let registry = TransformRegistry.builtIn
        #expect(registry.heavyNames.contains("glue-job"))
        #expect(registry.descriptors.first { $0.name == "glue-job" }?.options.map(\.name) == ["job_name", "arguments", "poll_interval"])
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
}
