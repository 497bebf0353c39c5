import Foundation
import LakeCore
import LakeSigV4

extension AWSSettings {
    /// Resolves settings the way the AWS CLI does, from an explicit environment.
    ///
    /// - Profile: `profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
    /// - Files: `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`, sections named by
    ///   profile) and `AWS_CONFIG_FILE` (default `~/.aws/config`, `[default]` and `[profile x]`).
    /// - Credentials: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`), else
    ///   the profile in the credentials file, else the profile in the config file. Only static
    ///   keys are read: profiles that assume roles, run a process or use SSO are reported, with
    ///   a hint to export temporary keys.
    /// - Region: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, then `configRegion`
    ///   (lake.yaml).
    /// - Endpoints, per service: `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's
    ///   `[services]` section, its `endpoint_url`, then `configEndpoint` (lake.yaml). Setting
    ///   `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile key) keeps only lake.yaml's.
    public static func resolve(
        environment: AWSEnvironment = .process, profile: String? = nil, configRegion: String? = nil,
        configEndpoint: String? = nil
    ) throws(LakeError) -> AWSSettings {
        let profileName = profile ?? environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"] ?? "default"
        let credentialsURL = environment.expandingTilde(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        let configURL = environment.expandingTilde(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsFile = try AWSSharedConfigFile.load(credentialsURL)
        let configFile = try AWSSharedConfigFile.load(configURL)
        let configSection = configFile.section(profileName == "default" ? "default" : "profile \(profileName)")
            ?? (profileName == "default" ? configFile.section("profile default") : nil)

        let credentials = try resolveCredentials(
            environment: environment, profile: profileName, credentialsSection: credentialsFile.section(profileName),
            credentialsPath: credentialsURL.path, configSection: configSection, configPath: configURL.path)

        guard let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
            ?? configSection?["region"].flatMap({ $0.isEmpty ? nil : $0 }) ?? configRegion
        else {
            throw LakeError(
                .invalidConfig, "no AWS region configured",
                hint: "set storage.region in lake.yaml, AWS_REGION, or region in ~/.aws/config")
        }

        let overrides = try resolveEndpoints(
            environment: environment, configSection: configSection, configFile: configFile,
            configEndpoint: configEndpoint)
        return AWSSettings(credentials: credentials, region: region, endpointOverrides: overrides, profile: profileName)
    }

    private static func resolveCredentials(
        environment: AWSEnvironment, profile: String, credentialsSection: [String: String]?, credentialsPath: String,
        configSection: [String: String]?, configPath: String
    ) throws(LakeError) -> AWSCredentials {
        let envKey = environment["AWS_ACCESS_KEY_ID"]
        let envSecret = environment["AWS_SECRET_ACCESS_KEY"]
        if envKey != nil || envSecret != nil {
            guard let envKey, let envSecret else {
                throw LakeError(
                    .invalidConfig, "only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set",
                    hint: "set both, or unset both to use the shared credentials files")
            }
            return AWSCredentials(
                accessKeyId: envKey, secretAccessKey: Secret(envSecret),
                sessionToken: environment["AWS_SESSION_TOKEN"].map(Secret.init), source: "environment")
        }
        for (section, source) in [
            (credentialsSection, "shared credentials file \(credentialsPath), profile '\(profile)'"),
            (configSection, "config file \(configPath), profile '\(profile)'"),
        ] {
            guard let section else { continue }
            let key = section["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
            let secret = section["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
            if key == nil && secret == nil { continue }
            guard let key, let secret else {
                throw LakeError(
                    .invalidConfig, "the \(source) has only one of aws_access_key_id and aws_secret_access_key",
                    hint: "give both keys in that profile")
            }
            let token = (section["aws_session_token"] ?? section["aws_security_token"]).flatMap {
                $0.isEmpty ? nil : Secret($0)
            }
            return AWSCredentials(accessKeyId: key, secretAccessKey: Secret(secret), sessionToken: token, source: source)
        }
        let indirect = ["role_arn", "credential_process", "sso_session", "sso_start_url", "web_identity_token_file"]
        if let configSection, let kind = indirect.first(where: { configSection[$0] != nil }) {
            throw LakeError(
                .invalidConfig, "profile '\(profile)' gets its credentials through \(kind), which SwiftLake does not run",
                hint: "export temporary keys first, e.g. eval \"$(aws configure export-credentials --profile \(profile) --format env)\"",
                context: ["profile": profile])
        }
        throw LakeError(
            .invalidConfig, "no AWS credentials found for profile '\(profile)'",
            hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add the profile to \(credentialsPath)",
            context: ["profile": profile])
    }

    private static func resolveEndpoints(
        environment: AWSEnvironment, configSection: [String: String]?, configFile: AWSSharedConfigFile,
        configEndpoint: String?
    ) throws(LakeError) -> [AWSService: AWSEndpoint] {
        func parse(_ text: String, _ origin: String) throws(LakeError) -> AWSEndpoint {
            guard let endpoint = AWSEndpoint(overriding: text) else {
                throw LakeError(
                    .invalidConfig, "the endpoint '\(text)' from \(origin) is not an http(s) URL with a host",
                    hint: "write it like http://127.0.0.1:5000")
            }
            return endpoint
        }
        let ignoreConfigured = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || configSection?["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        let servicesSection = configSection?["services"].flatMap { configFile.section("services \($0)") }
        var overrides: [AWSService: AWSEndpoint] = [:]
        for service in AWSService.allCases {
            var candidates: [(String, String)] = []
            if !ignoreConfigured {
                if let url = environment["AWS_ENDPOINT_URL_\(service.environmentID)"] {
                    candidates.append((url, "AWS_ENDPOINT_URL_\(service.environmentID)"))
                }
                if let url = environment["AWS_ENDPOINT_URL"] { candidates.append((url, "AWS_ENDPOINT_URL")) }
                if let url = servicesSection?["\(service.configKey).endpoint_url"], !url.isEmpty {
                    candidates.append((url, "the config file's services section"))
                }
                if let url = configSection?["endpoint_url"], !url.isEmpty {
                    candidates.append((url, "the config file's endpoint_url"))
                }
            }
            if let url = configEndpoint, !url.isEmpty { candidates.append((url, "lake.yaml")) }
            if let (text, origin) = candidates.first {
                overrides[service] = try parse(text, origin)
            }
        }
        return overrides
    }
}
