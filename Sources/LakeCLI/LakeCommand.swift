import ArgumentParser

/// The `lake` command: every subcommand of SwiftLake's CLI.
public struct LakeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lake",
        abstract: "SwiftLake: a data lake framework that runs embedded or on AWS.",
        subcommands: []
    )
    public init() {}
}
