import Foundation
import LakeCore
import LakeSigV4

extension AWSSettings {
    /// Resolves settings the way the AWS SDKs and CLI do, from an explicit environment.
    ///
    /// - Profile: `profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
    /// - Files: `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`, sections named by
    ///   profile) and `AWS_CONFIG_FILE` (default `~/.aws/config`, `[default]` and `[profile x]`).
    /// - Credentials: the SDKs' chain (``AWSCredentialSource``): environment keys, web identity,
    ///   the profile (keys, assumed roles, `credential_process`), container credentials, EC2
    ///   instance metadata. Only the choice is made here; nothing is fetched until a request.
    /// - Region: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, then `configRegion`
    ///   (lake.yaml).
    /// - Endpoints, per service: `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's
    ///   `[services]` section, its `endpoint_url`, then `configEndpoint` (lake.yaml). Setting
    ///   `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile key) keeps only lake.yaml's.
    ///   Services without an override use FIPS and/or dual-stack endpoints when
    ///   `AWS_USE_FIPS_ENDPOINT` / `AWS_USE_DUALSTACK_ENDPOINT` (or the profile's
    ///   `use_fips_endpoint` / `use_dualstack_endpoint`) are true.
    public static func resolve(
        environment: AWSEnvironment = .process, profile: String? = nil, configRegion: String? = nil,
        configEndpoint: String? = nil
    ) throws(LakeError) -> AWSSettings {
        let named = profile ?? environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"]
        let profileName = named ?? "default"
        let files = try AWSSharedFiles(environment: environment)
        let configSection = files.configSection(profileName)

        let credentials = try AWSCredentialChain(environment: environment, files: files)
            .resolve(profile: profileName, explicitProfile: named != nil)

        guard let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
            ?? configSection?["region"].flatMap({ $0.isEmpty ? nil : $0 }) ?? configRegion
        else {
            throw LakeError(
                .invalidConfig, "no AWS region configured",
                hint: "set storage.region in lake.yaml, AWS_REGION, or region in ~/.aws/config")
        }

        let options = AWSEndpointOptions(
            useFIPS: try flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", environment, configSection),
            useDualStack: try flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint", environment, configSection))
        let overrides = try resolveEndpoints(
            environment: environment, configSection: configSection, configFile: files.config,
            configEndpoint: configEndpoint)
        if AWSService.allCases.contains(where: { overrides[$0] == nil }) { try options.check(region: region) }
        return AWSSettings(
            credentials: credentials, region: region, endpointOverrides: overrides, endpointOptions: options, profile: profileName)
    }

    /// A boolean setting: the variable, else the profile's key; `true` or `false` in any case.
    private static func flag(
        _ variable: String, _ key: String, _ environment: AWSEnvironment, _ section: [String: String]?
    ) throws(LakeError) -> Bool {
        let (value, origin) = environment[variable].map { ($0, variable) }
            ?? (section?[key].flatMap { $0.isEmpty ? nil : $0 }.map { ($0, "\(key) in the profile") } ?? ("false", key))
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw LakeError(.invalidConfig, "\(origin) is '\(value)'", hint: "write true or false")
        }
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
