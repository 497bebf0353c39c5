import Foundation
import LakeTestSupport
import Testing

/// Tenant provisioning on AWS (moto) through the `lake` binary: `lake wfm tenants put` creates
/// the tenant's KMS key, bucket (SSE-KMS, a policy for its AMC account) and the bucket's
/// notification; an object AMC delivers to that bucket reaches analytics under the tenant's
/// team and dataset; a second put changes nothing; `tenants remove --purge` deletes the bucket.
@Suite(.serialized, .blocking) struct AWSTenantCLITests {
    @Test func aTenantBucketLandsInTheLake() async throws {
        let lake = try await AWSLakeFixture()
        let yaml = try String(contentsOf: lake.dir.url.appendingPathComponent("lake.yaml"), encoding: .utf8)
        try lake.dir.write("lake.yaml", yaml + "wfm: {}\n")
        #expect(try lake.lake(["aws", "bootstrap"]).status == 0)
        let bucket = "acme-amc-\(lake.environment)"
        try lake.dir.write("tenant.json", #"""
            {"customerId": "acme", "AMC": {"amcApiEndpoint": "http://127.0.0.1:9/acme", "auth": "none", "amcS3BucketName": "\#(bucket)",
             "amcTeamName": "sales", "amcDatasetName": "amcresults", "amcOrangeAwsAccount": "111122223333"}}
            """#)
        let first = try #require(try lake.lakeJSON(["wfm", "tenants", "put", "tenant.json"]) as? [[String: String]])
        let steps = first.map { "\($0["step"] ?? "") \($0["status"] ?? "")" }
        for step in ["record created", "queues created", "landing-queue created", "kms-key created", "bucket created", "bucket-encryption created",
                     "bucket-policy created", "notification created", "dataset created"] {
            #expect(steps.contains(step), "\(steps)")
        }
        let second = try #require(try lake.lakeJSON(["wfm", "tenants", "put", "tenant.json"]) as? [[String: String]])
        #expect(second.allSatisfy { $0["status"] == "exists" }, "\(second)")

        // What AWS holds: encryption with the tenant's key, the account's grant, the notification.
        let encryption = try lake.awsJSON(["s3api", "get-bucket-encryption", "--bucket", bucket])
        #expect("\(encryption)".contains("aws:kms"), "\(encryption)")
        let policy = try lake.awsJSON(["s3api", "get-bucket-policy", "--bucket", bucket])
        #expect("\(policy)".contains("111122223333"), "\(policy)")
        let notification = try lake.awsJSON(["s3api", "get-bucket-notification-configuration", "--bucket", bucket])
        #expect("\(notification)".contains("wfm-landing"), "\(notification)")

        // AMC delivers a result file; the lake routes it to raw and through the pipeline.
        try lake.dir.write("result/audience/part-0.json", #"{"id": 1, "region": "eu", "amount": 2.5}"# + "\n" + #"{"id": 2, "region": "us", "amount": 1}"# + "\n")
        try lake.aws(["s3", "cp", "--only-show-errors", lake.dir.url.appendingPathComponent("result/audience/part-0.json").path, "s3://\(bucket)/audience/part-0.json"], json: false)
        let processed = try lake.lake(["process", "--until-idle", "--timeout", "3m"])
        #expect(processed.status == 0, "\(processed.stderr.suffix(2000))")
        let executions = try lake.executions()
        #expect(executions.contains { $0["dataset"] as? String == "amcresults" && $0["stage"] as? String == "b" && $0["status"] as? String == "COMPLETED" },
                "\(executions.map { "\($0["dataset"] ?? "") \($0["stage"] ?? "") \($0["status"] ?? "")" })")
        let raw = try lake.aws(["s3", "ls", "--recursive", lake.rawURL], json: false)
        #expect(raw.contains("sales/amcresults/audience/part-0.json"), "\(raw)")

        let removed = try #require(try lake.lakeJSON(["wfm", "tenants", "remove", "acme", "--purge"]) as? [[String: String]])
        #expect(removed.contains { $0["step"] == "bucket" && $0["status"] == "removed" }, "\(removed)")
        let buckets = try lake.aws(["s3", "ls"], json: false)
        #expect(!buckets.contains(bucket))
    }
}
