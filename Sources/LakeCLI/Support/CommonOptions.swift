import ArgumentParser

/// `--config` and `--verbose`, shared by every command that reads lake.yaml.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Path to lake.yaml (default: $LAKE_CONFIG, else ./lake.yaml).")
    var config: String?

    @Flag(name: .long, help: "Log what the engine does to stderr.")
    var verbose = false
}

/// `--json` for read commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false
}
