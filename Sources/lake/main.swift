import LakeCLI

await LakeCLI.main(registry: .builtIn)
