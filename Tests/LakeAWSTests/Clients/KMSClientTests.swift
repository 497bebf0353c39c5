import Foundation
import LakeAWS
import LakeCore
import LakeTestSupport
import Testing

/// KMS calls against moto: a key with tags, its alias, lookups by alias, and deletion
/// scheduled, cancelled and the key enabled again; the AWS CLI reads the tags back.
@Suite(.blocking) struct KMSClientTests {
    @Test func createAliasDescribeScheduleAndCancelDeletion() async throws {
        let endpoint = try await MotoServer.shared.start()
        try await Moto.withTransport { transport async throws in
            let kms = KMSClient(transport: transport)
            let alias = "alias/\(Moto.unique("swiftlake-test"))"
            #expect(try await kms.describeKey(alias) == nil)
            let key = try await kms.createKey(description: "tenant key", tags: ["swiftlake:tenant": "acme"])
            #expect(key.keyState == "Enabled")
            #expect(key.description == "tenant key")
            #expect(key.arn?.hasSuffix(key.keyId) == true)
            try await kms.createAlias(alias, targetKeyId: key.keyId)
            await #expect(throws: LakeError.self) { try await kms.createAlias(alias, targetKeyId: key.keyId) }
            #expect(try await kms.describeKey(alias)?.keyId == key.keyId)
            let aliases = try await kms.aliases()
            #expect(aliases.contains { $0.name == alias && $0.targetKeyId == key.keyId })
            #expect(try await kms.aliases(keyId: key.keyId).map(\.name) == [alias])

            let tags = try AWSCLIReadBackTests.aws(["kms", "list-resource-tags", "--key-id", key.keyId], endpoint: endpoint)
            let list = (tags as? [String: Any])?["Tags"] as? [[String: String]] ?? []
            #expect(list.contains { $0["TagKey"] == "swiftlake:tenant" && $0["TagValue"] == "acme" }, "\(list)")

            try await kms.scheduleKeyDeletion(key.keyId, pendingWindowInDays: 7)
            #expect(try await kms.describeKey(alias)?.isPendingDeletion == true)
            try await kms.cancelKeyDeletion(key.keyId)
            #expect(try await kms.describeKey(key.keyId)?.keyState == "Disabled")
            try await kms.enableKey(key.keyId)
            #expect(try await kms.describeKey(key.keyId)?.keyState == "Enabled")
            try await kms.deleteAlias(alias)
            try await kms.deleteAlias(alias)
            #expect(try await kms.describeKey(alias) == nil)
        }
    }
}
