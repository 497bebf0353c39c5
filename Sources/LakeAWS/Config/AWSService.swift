import Foundation

/// The AWS services SwiftLake calls.
public enum AWSService: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Amazon S3, SQS, DynamoDB, the Glue Data Catalog, Systems Manager Parameter Store, SNS,
    /// KMS (tenant landing buckets' keys) and STS (assumed roles, `lake aws whoami`).
    case s3, sqs, dynamodb, glue, ssm, sns, kms, sts

    /// The SigV4 signing name.
    public var signingName: String { rawValue }

    /// The service id as it appears in `AWS_ENDPOINT_URL_<ID>`.
    public var environmentID: String { rawValue.uppercased() }

    /// The key of the service in a `[services ...]` section of the config file.
    public var configKey: String { rawValue }

    /// `s3`, `sqs`...
    public var description: String { rawValue }

    /// The public regional endpoint, FIPS and/or dual-stack when `options` ask for it, as the
    /// SDKs' endpoint rules build it: `sqs.eu-west-1.amazonaws.com`, `sqs-fips.us-east-1.amazonaws.com`,
    /// `sqs.eu-west-1.api.aws` (dual-stack), `sqs-fips.us-east-1.api.aws` (both); S3 has its own
    /// forms (`s3-fips.dualstack.us-east-1.amazonaws.com`). In GovCloud the regional endpoints
    /// of SQS, DynamoDB, STS, SSM and SNS are FIPS endpoints already and keep their name.
    /// ``AWSEndpointOptions/check(region:)`` says beforehand whether the partition has them.
    public func defaultEndpoint(region: String, options: AWSEndpointOptions = AWSEndpointOptions()) -> AWSEndpoint {
        let partition = AWSPartition(region: region)
        let host: String
        if self == .s3 {
            let name = options.useFIPS ? "s3-fips" : "s3"
            host = options.useDualStack
                ? "\(name).dualstack.\(region).\(partition.dnsSuffix)" : "\(name).\(region).\(partition.dnsSuffix)"
        } else {
            let regionalIsFIPS = partition.name == "aws-us-gov" && [.sqs, .dynamodb, .sts, .ssm, .sns].contains(self)
            let fipsName = options.useFIPS && !(regionalIsFIPS && !options.useDualStack)
            let suffix = options.useDualStack ? (partition.dualStackDNSSuffix ?? partition.dnsSuffix) : partition.dnsSuffix
            host = "\(rawValue)\(fipsName ? "-fips" : "").\(region).\(suffix)"
        }
        return AWSEndpoint(scheme: "https", host: host, port: nil, isCustom: false)
    }
}

/// Where a service is reached.
public struct AWSEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// Host name or address.
    public var host: String
    /// Explicit port, when not the scheme's default.
    public var port: Int?
    /// True for an override (an emulator or an S3-compatible store): S3 then uses path-style
    /// addressing.
    public var isCustom: Bool

    /// Creates an endpoint.
    public init(scheme: String, host: String, port: Int?, isCustom: Bool) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.isCustom = isCustom
    }

    /// Parses an override such as `http://127.0.0.1:5000`; nil when it is not an http(s) URL with a host.
    public init?(overriding text: String) {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        self.init(scheme: scheme, host: host, port: components.port, isCustom: true)
    }

    /// The `Host` header: the host, with `:port` when the port is not the scheme's default.
    public var hostHeader: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    /// `scheme://host[:port]`.
    public var origin: String { "\(scheme)://\(hostHeader)" }

    /// The endpoint with another host (virtual-hosted S3 buckets).
    public func withHost(_ newHost: String) -> AWSEndpoint {
        AWSEndpoint(scheme: scheme, host: newHost, port: port, isCustom: isCustom)
    }

    /// `https://host:port`.
    public var description: String { origin }
}
