import LakeCore

/// The endpoint variants the SDKs read from `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint` and
/// `AWS_USE_DUALSTACK_ENDPOINT` / `use_dualstack_endpoint`. An endpoint override
/// (`AWS_ENDPOINT_URL_<SERVICE>`, lake.yaml's `endpoint`) wins over both, as in the SDKs.
public struct AWSEndpointOptions: Sendable, Hashable {
    /// Send requests to FIPS 140 endpoints (`sqs-fips.us-east-1.amazonaws.com`).
    public var useFIPS: Bool
    /// Send requests to dual-stack (IPv4 and IPv6) endpoints (`sqs.us-east-1.api.aws`).
    public var useDualStack: Bool

    /// Plain regional endpoints unless asked otherwise.
    public init(useFIPS: Bool = false, useDualStack: Bool = false) {
        self.useFIPS = useFIPS
        self.useDualStack = useDualStack
    }

    /// Fails when `region`'s partition has no dual-stack endpoints and they were asked for.
    public func check(region: String) throws(LakeError) {
        let partition = AWSPartition(region: region)
        if useDualStack && partition.dualStackDNSSuffix == nil {
            throw LakeError(
                .invalidConfig, "dual-stack endpoints were asked for, and partition \(partition.name) (region \(region)) has none",
                hint: "unset AWS_USE_DUALSTACK_ENDPOINT (or use_dualstack_endpoint in the profile), or set an endpoint override")
        }
    }
}
