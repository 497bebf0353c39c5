import Foundation
import LakeSigV4

/// Everything the AWS clients need besides the HTTP client: credentials, region and the
/// endpoint of each service. Build one with ``resolve(environment:profile:configRegion:configEndpoint:)``.
public struct AWSSettings: Sendable, CustomStringConvertible {
    /// The signing credentials.
    public var credentials: AWSCredentials
    /// The region every call goes to.
    public var region: String
    /// Endpoint overrides per service; services not listed use their public endpoint.
    public var endpointOverrides: [AWSService: AWSEndpoint]
    /// The profile the settings were read from.
    public var profile: String

    /// Creates settings from resolved parts.
    public init(
        credentials: AWSCredentials, region: String, endpointOverrides: [AWSService: AWSEndpoint] = [:],
        profile: String = "default"
    ) {
        self.credentials = credentials
        self.region = region
        self.endpointOverrides = endpointOverrides
        self.profile = profile
    }

    /// The endpoint for `service`: its override, else the public regional endpoint.
    public func endpoint(for service: AWSService) -> AWSEndpoint {
        endpointOverrides[service] ?? service.defaultEndpoint(region: region)
    }

    /// Region, profile, endpoints and the credentials' source; never a secret.
    public var description: String {
        let endpoints = AWSService.allCases.map { "\($0)=\(endpoint(for: $0))" }.joined(separator: ", ")
        return "AWSSettings(region: \(region), profile: \(profile), \(credentials), endpoints: \(endpoints))"
    }
}
