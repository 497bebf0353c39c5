/// The AWS partition a region belongs to, with the DNS suffixes its endpoints use: what the
/// SDKs' `aws.partition` function answers, for the partitions SwiftLake can meet.
public struct AWSPartition: Sendable, Hashable {
    /// `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`, `aws-eusc`.
    public var name: String
    /// The suffix of regional endpoints: `amazonaws.com`, `amazonaws.com.cn`...
    public var dnsSuffix: String
    /// The suffix of dual-stack endpoints (`api.aws`), or nil where the partition has none.
    public var dualStackDNSSuffix: String?

    /// The partition of `region`; a region of no known pattern counts as `aws` (as in the SDKs).
    public init(region: String) {
        let table: [(prefix: String, name: String, dns: String, dualStack: String?)] = [
            ("us-gov-", "aws-us-gov", "amazonaws.com", "api.aws"),
            ("us-isob-", "aws-iso-b", "sc2s.sgov.gov", nil),
            ("us-isof-", "aws-iso-f", "csp.hci.ic.gov", nil),
            ("us-iso-", "aws-iso", "c2s.ic.gov", nil),
            ("eu-isoe-", "aws-iso-e", "cloud.adc-e.uk", nil),
            ("eusc-", "aws-eusc", "amazonaws.eu", nil),
            ("cn-", "aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn"),
        ]
        let match = table.first { region.hasPrefix($0.prefix) }
        name = match?.name ?? "aws"
        dnsSuffix = match?.dns ?? "amazonaws.com"
        dualStackDNSSuffix = match == nil ? "api.aws" : match?.dualStack
    }
}
