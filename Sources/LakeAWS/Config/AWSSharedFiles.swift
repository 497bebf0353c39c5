import Foundation
import LakeCore

/// The two shared AWS files of one environment, read once: `AWS_CONFIG_FILE` (default
/// `~/.aws/config`, sections `[default]` and `[profile x]`) and `AWS_SHARED_CREDENTIALS_FILE`
/// (default `~/.aws/credentials`, sections named by profile).
struct AWSSharedFiles: Sendable {
    let config: AWSSharedConfigFile
    let credentials: AWSSharedConfigFile
    let configPath: String
    let credentialsPath: String

    /// Reads both files (a missing file is an empty one).
    init(environment: AWSEnvironment) throws(LakeError) {
        let credentialsURL = environment.expandingTilde(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        let configURL = environment.expandingTilde(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        credentials = try AWSSharedConfigFile.load(credentialsURL)
        config = try AWSSharedConfigFile.load(configURL)
        credentialsPath = credentialsURL.path
        configPath = configURL.path
    }

    /// The config file's section of `profile`: `[default]` (or `[profile default]`), else `[profile x]`.
    func configSection(_ profile: String) -> [String: String]? {
        profile == "default"
            ? config.section("default") ?? config.section("profile default") : config.section("profile \(profile)")
    }

    /// Every setting of `profile`: the config file's, with the credentials file's on top (as
    /// the SDKs merge them); nil when neither file has the profile.
    func profile(_ name: String) -> [String: String]? {
        let fromConfig = configSection(name)
        let fromCredentials = credentials.section(name)
        if fromConfig == nil && fromCredentials == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentials in credentials }
            .filter { !$0.value.isEmpty }
    }

    /// Where `profile` lives, for messages.
    func location(of profile: String) -> String {
        switch (credentials.section(profile) != nil, configSection(profile) != nil) {
        case (true, true): return "\(credentialsPath) and \(configPath)"
        case (true, false): return credentialsPath
        default: return configPath
        }
    }
}
