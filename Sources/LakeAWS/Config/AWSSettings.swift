import Foundation
import LakeSigV4

/// Everything the AWS clients need besides the HTTP client: where credentials come from, the
/// region and the endpoint of each service. Build one with
/// ``resolve(environment:profile:configRegion:configEndpoint:)``.
public struct AWSSettings: Sendable, CustomStringConvertible {
    /// Where the signing credentials come from; the transport makes a provider of it.
    public var credentials: AWSCredentialSource
    /// The region every call goes to.
    public var region: String
    /// Endpoint overrides per service; services not listed use their public endpoint.
    public var endpointOverrides: [AWSService: AWSEndpoint]
    /// FIPS and dual-stack endpoints for the services without an override.
    public var endpointOptions: AWSEndpointOptions
    /// The profile the settings were read from.
    public var profile: String

    /// Creates settings from resolved parts.
    public init(
        credentials: AWSCredentialSource, region: String, endpointOverrides: [AWSService: AWSEndpoint] = [:],
        endpointOptions: AWSEndpointOptions = AWSEndpointOptions(), profile: String = "default"
    ) {
        self.credentials = credentials
        self.region = region
        self.endpointOverrides = endpointOverrides
        self.endpointOptions = endpointOptions
        self.profile = profile
    }

    /// Settings signing with fixed keys.
    public init(
        credentials: AWSCredentials, region: String, endpointOverrides: [AWSService: AWSEndpoint] = [:],
        profile: String = "default"
    ) {
        self.init(credentials: .keys(credentials), region: region, endpointOverrides: endpointOverrides, profile: profile)
    }

    /// The endpoint for `service`: its override, else the public regional endpoint (FIPS or
    /// dual-stack per ``endpointOptions``).
    public func endpoint(for service: AWSService) -> AWSEndpoint {
        endpointOverrides[service] ?? service.defaultEndpoint(region: region, options: endpointOptions)
    }

    /// Region, profile, endpoints and the credentials' source; never a secret.
    public var description: String {
        let endpoints = AWSService.allCases.map { "\($0)=\(endpoint(for: $0))" }.joined(separator: ", ")
        return "AWSSettings(region: \(region), profile: \(profile), credentials from \(credentials), endpoints: \(endpoints))"
    }
}
