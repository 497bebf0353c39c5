import Foundation
import LakeAWS
import LakeCore
import Testing

/// Regional, FIPS and dual-stack endpoints as the SDKs' endpoint rules build them, and the
/// overrides that win over them.
@Suite struct EndpointResolutionTests {
    typealias Home = AWSSettingsResolutionTests.Home

    func settings(_ extra: [String: String], config: String? = nil, configEndpoint: String? = nil) throws -> AWSSettings {
        let home = try Home(config: config)
        defer { home.remove() }
        let variables = ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s"].merging(extra) { _, new in new }
        return try AWSSettings.resolve(environment: home.environment(variables), configRegion: "us-east-1", configEndpoint: configEndpoint)
    }

    func hosts(_ settings: AWSSettings) -> [AWSService: String] {
        Dictionary(uniqueKeysWithValues: AWSService.allCases.map { ($0, settings.endpoint(for: $0).host) })
    }

    @Test func regionalEndpoints() throws {
        let plain = hosts(try settings(["AWS_REGION": "eu-west-1"]))
        #expect(plain[.s3] == "s3.eu-west-1.amazonaws.com")
        #expect(plain[.sts] == "sts.eu-west-1.amazonaws.com")
        #expect(plain[.dynamodb] == "dynamodb.eu-west-1.amazonaws.com")
        #expect(hosts(try settings(["AWS_REGION": "cn-north-1"]))[.glue] == "glue.cn-north-1.amazonaws.com.cn")
    }

    @Test func fipsEndpoints() throws {
        let fips = hosts(try settings(["AWS_REGION": "us-east-1", "AWS_USE_FIPS_ENDPOINT": "true"]))
        #expect(fips[.s3] == "s3-fips.us-east-1.amazonaws.com")
        #expect(fips[.sqs] == "sqs-fips.us-east-1.amazonaws.com")
        #expect(fips[.sts] == "sts-fips.us-east-1.amazonaws.com")
        #expect(fips[.kms] == "kms-fips.us-east-1.amazonaws.com")
        // GovCloud's regional endpoints of these services are FIPS endpoints already.
        let gov = hosts(try settings(["AWS_REGION": "us-gov-west-1", "AWS_USE_FIPS_ENDPOINT": "TRUE"]))
        #expect(gov[.dynamodb] == "dynamodb.us-gov-west-1.amazonaws.com")
        #expect(gov[.sqs] == "sqs.us-gov-west-1.amazonaws.com")
        #expect(gov[.glue] == "glue-fips.us-gov-west-1.amazonaws.com")
    }

    @Test func dualStackEndpoints() throws {
        let dual = hosts(try settings(["AWS_REGION": "eu-west-1", "AWS_USE_DUALSTACK_ENDPOINT": "true"]))
        #expect(dual[.s3] == "s3.dualstack.eu-west-1.amazonaws.com")
        #expect(dual[.sqs] == "sqs.eu-west-1.api.aws")
        #expect(dual[.dynamodb] == "dynamodb.eu-west-1.api.aws")
        let both = hosts(try settings(["AWS_REGION": "us-east-1", "AWS_USE_DUALSTACK_ENDPOINT": "true", "AWS_USE_FIPS_ENDPOINT": "true"]))
        #expect(both[.s3] == "s3-fips.dualstack.us-east-1.amazonaws.com")
        #expect(both[.sts] == "sts-fips.us-east-1.api.aws")
        #expect(hosts(try settings(["AWS_REGION": "cn-north-1", "AWS_USE_DUALSTACK_ENDPOINT": "true"]))[.sns]
            == "sns.cn-north-1.api.amazonwebservices.com.cn")
    }

    @Test func profileSettingsAndTheirPrecedence() throws {
        let config = """
            [default]
            region = eu-central-1
            use_fips_endpoint = true
            use_dualstack_endpoint = true
            """
        let fromProfile = try settings([:], config: config)
        #expect(fromProfile.endpointOptions == AWSEndpointOptions(useFIPS: true, useDualStack: true))
        #expect(fromProfile.endpoint(for: .glue).host == "glue-fips.eu-central-1.api.aws")
        let envWins = try settings(["AWS_USE_FIPS_ENDPOINT": "false", "AWS_USE_DUALSTACK_ENDPOINT": "false"], config: config)
        #expect(envWins.endpoint(for: .glue).host == "glue.eu-central-1.amazonaws.com")
    }

    @Test func overridesWinOverFIPSAndDualStack() throws {
        let settings = try settings([
            "AWS_REGION": "us-east-1", "AWS_USE_FIPS_ENDPOINT": "true", "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:7000",
            "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:7001",
        ])
        #expect(settings.endpoint(for: .sts).origin == "http://127.0.0.1:7000")
        #expect(settings.endpoint(for: .s3).origin == "http://127.0.0.1:7001")
        #expect(settings.endpoint(for: .sqs).host == "sqs-fips.us-east-1.amazonaws.com")
        let yaml = try self.settings(["AWS_USE_DUALSTACK_ENDPOINT": "true", "AWS_REGION": "us-isob-east-1"], configEndpoint: "http://moto:5000")
        #expect(AWSService.allCases.allSatisfy { yaml.endpoint(for: $0).origin == "http://moto:5000" })
    }

    @Test func badValuesAreReported() throws {
        let notBoolean = try #require(throws: LakeError.self) { try settings(["AWS_USE_FIPS_ENDPOINT": "yes"]) }
        #expect(notBoolean.message.contains("AWS_USE_FIPS_ENDPOINT"))
        let noDualStack = try #require(throws: LakeError.self) {
            try settings(["AWS_REGION": "us-iso-east-1", "AWS_USE_DUALSTACK_ENDPOINT": "true"])
        }
        #expect(noDualStack.message.contains("aws-iso"))
        #expect(noDualStack.hint?.contains("AWS_USE_DUALSTACK_ENDPOINT") == true)
    }
}
