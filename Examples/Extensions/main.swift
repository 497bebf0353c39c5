// A custom `lake` binary with a transform and a pipeline kind of its own:
//   - the stage-A transform `uppercase-names` (UppercaseNamesTransform.swift), and
//   - the pipeline kind `archive` (ArchivePipelineKind.swift): stage A copies each raw object to a
//     dated archive prefix in the stage zone, and nothing else runs.
//
// Build and use it exactly like `lake`:
//   swift run lake-example config kinds
//   swift run lake-example process --until-idle
// with a pipeline of `type: archive`, or a dataset whose stage A says `transform: uppercase-names`.
import LakeCLI
import LakeCore
import LakeEngine
import LakeRuntime

var extensions = LakeExtensions.builtIn
extensions.transforms.register(
    light: "uppercase-names", summary: "upper-cases one field of every JSON Lines record",
    options: [TransformOptionSpec("field", .string, default: "name", summary: "the field to upper-case")]
) { options in
    UppercaseNamesTransform(field: options["field"]?.stringValue ?? "name")
}
ArchivePipelineKind.register(in: &extensions)
await LakeCLI.main(extensions: extensions)
