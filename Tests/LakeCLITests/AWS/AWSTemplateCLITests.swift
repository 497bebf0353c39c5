import Foundation
import LakeTestSupport
import Testing

/// `lake aws template` end to end: the templates pass cfn-lint with no error or warning in
/// both formats and for every worker kind; created in moto's CloudFormation with the AWS CLI
/// they reach CREATE_COMPLETE, after which `lake aws bootstrap --dry-run` finds everything but
/// what moto's CloudFormation skips; then the pipeline runs on the deployed resources.
///
/// moto's CloudFormation (5.x) has no AWS::Glue::Database, AWS::SQS::QueuePolicy or
/// AWS::S3::BucketPolicy, and ignores a bucket's NotificationConfiguration (also its
/// versioning and public access block, and a table's TTL and point-in-time recovery, which
/// the dry run does not check): so the Glue databases and the raw bucket's notification are
/// the only steps left to create, and `lake aws bootstrap` creates just those.
@Suite(.serialized, .blocking) struct AWSTemplateCLITests {
    /// A lake.yaml with two teams: `sales` (three stage-B datasets, one on a Glue job made from
    /// a script, SNS notifications) and `ops`
    /// (a stage-A-only pipeline with a raw table), and the workflow manager.
    static let richConfig = """
        environment: tplcli
        org: acme
        app: lake
        storage:
          backend: aws
          region: us-east-1
          endpoint: http://127.0.0.1:1
        teams:
          sales:
            notify: {sns_topic_arn: "arn:aws:sns:us-east-1:123456789012:sales-alerts"}
          ops: {}
        pipelines:
          main:
            type: standard
            stage_a: {transform: json-flatten}
            stage_b: {transform: parquet, trigger: event}
          arch:
            type: custom
            stage_a: {transform: passthrough}
        datasets:
          orders:
            team: sales
            pipeline: main
            tables:
              orders: {partition_by: [region]}
          refunds:
            team: sales
            pipeline: main
          returns:
            team: sales
            pipeline: main
            stage_b: {transform: glue-job, options: {script: jobs/returns.py, worker_type: G.2X, number_of_workers: 4}}
          logs:
            team: ops
            pipeline: arch
            tables:
              events:
                raw: {format: json, partitions: "dt={yyyy-MM-dd}"}
        wfm:
          team: wfm
          notify: {sns_topic_arn: "arn:aws:sns:us-east-1:123456789012:wfm"}

        """

    /// Runs cfn-lint on `files`; fails with its findings unless it exits 0 and prints nothing.
    static func lint(_ files: [String]) throws {
        guard MotoServer.onPath("cfn-lint") else {
            throw CLITestFailure("cfn-lint is not installed, and the template tests need it: run scripts/ensure-test-deps.sh")
        }
        let result = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"), ["cfn-lint", "--"] + files)
        guard result.status == 0, result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CLITestFailure("cfn-lint exited \(result.status):\n\(result.stdout.prefix(4000))\(result.stderr.prefix(2000))")
        }
    }

    /// `lake aws template ... --json` in `dir`: the manifest it printed.
    static func template(_ args: [String], in dir: TempDir, environment: [String: String] = [:]) throws -> [String: Any] {
        let result = try LakeBinary.run(["aws", "template"] + args + ["--json"], in: dir.url, environment: environment)
        guard result.status == 0, let json = result.json as? [String: Any] else {
            throw CLITestFailure("lake aws template \(args.joined(separator: " ")) exited \(result.status): \(result.stderr.suffix(2000))")
        }
        return json
    }

    static func stacks(_ manifest: [String: Any]) -> [[String: Any]] { manifest["stacks"] as? [[String: Any]] ?? [] }

    @Test func templatesPassCfnLintWithNoErrorOrWarning() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", Self.richConfig)
        let cases: [(String, [String])] = [
            ("yaml-ec2", ["--format", "yaml"]), ("json-ec2", ["--format", "json"]), ("yaml-ecs", ["--worker", "ecs"]),
            ("json-eks", ["--format", "json", "--worker", "eks", "--eks-oidc-provider", "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"]),
        ]
        var files: [String] = []
        for (name, args) in cases {
            let manifest = try Self.template(["--out", name] + args, in: dir)
            let stacks = Self.stacks(manifest)
            #expect(stacks.compactMap { $0["name"] as? String } == [
                "lake-tplcli-foundations", "lake-tplcli-team-ops", "lake-tplcli-team-sales", "lake-tplcli-dataset-ops-logs",
                "lake-tplcli-dataset-sales-orders", "lake-tplcli-dataset-sales-refunds", "lake-tplcli-dataset-sales-returns",
            ])
            #expect(stacks.compactMap { $0["order"] as? Int } == Array(1...7))
            let written = stacks.compactMap { $0["file"] as? String }
            #expect(written.allSatisfy { FileManager.default.fileExists(atPath: $0) && $0.hasSuffix(name.hasPrefix("json") ? ".json" : ".yaml") })
            let manifestFile = try #require(manifest["manifest"] as? String)
            let onDisk = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestFile))) as? [String: Any]
            #expect(Self.stacks(onDisk ?? [:]).compactMap { $0["file"] as? String } == written.map { URL(fileURLWithPath: $0).lastPathComponent })
            files += written
        }
        try Self.lint(files)

        // Writing again gives the same bytes.
        let again = try Self.template(["--out", "again", "--format", "yaml"], in: dir)
        for stack in Self.stacks(again) {
            let path = try #require(stack["file"] as? String)
            let first = dir.url.appendingPathComponent("yaml-ec2").appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: first))
        }
    }

    @Test func usageErrors() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", Self.richConfig)
        let badFormat = try LakeBinary.run(["aws", "template", "--format", "xml"], in: dir.url)
        #expect(badFormat.status == 2 && badFormat.stderr.contains("yaml or json"))
        let eks = try LakeBinary.run(["aws", "template", "--worker", "eks"], in: dir.url)
        #expect(eks.status == 2 && eks.stderr.contains("--eks-oidc-provider"))
        try dir.write("embedded/lake.yaml", twoTeamsConfig)
        let embedded = try LakeBinary.run(["aws", "template", "--config", "embedded/lake.yaml"], in: dir.url)
        #expect(embedded.status == 2 && embedded.stderr.contains("embedded backend"))
    }

    @Test func stacksDeployOnMotoThenBootstrapFindsThemAndThePipelineRuns() async throws {
        let lake = try await AWSLakeFixture()
        let env = lake.environment
        // A third dataset runs stage B as a Glue job made from a script (no files land in it).
        let yaml = lake.dir.url.appendingPathComponent("lake.yaml")
        try lake.dir.write("lake.yaml", try String(contentsOf: yaml, encoding: .utf8) + """
              returns:
                team: sales
                pipeline: main
                stage_b: {transform: glue-job, options: {script: jobs/returns.py}}

            """)
        try lake.dir.write("jobs/returns.py", "print('returns')\n")
        let manifest = try Self.template(["--out", "cfn", "--format", "json"], in: lake.dir, environment: lake.processEnvironment)
        let stacks = Self.stacks(manifest)
        #expect(stacks.compactMap { $0["layer"] as? String } == ["foundations", "team", "dataset", "dataset", "dataset"])

        // Every name bootstrap would create is in a template.
        var declared: Set<String> = []
        for stack in stacks {
            let path = try #require(stack["file"] as? String)
            let template = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            for case let resource as [String: Any] in (template["Resources"] as? [String: Any] ?? [:]).values {
                let properties = resource["Properties"] as? [String: Any] ?? [:]
                for key in ["BucketName", "QueueName", "TableName", "Name"] { if let name = properties[key] as? String { declared.insert(name) } }
                if let name = (properties["DatabaseInput"] as? [String: Any])?["Name"] as? String { declared.insert(name) }
            }
        }

        for stack in stacks {
            let name = try #require(stack["name"] as? String)
            let path = try #require(stack["file"] as? String)
            try lake.aws([
                "cloudformation", "create-stack", "--stack-name", name, "--template-body", "file://\(path)", "--capabilities", "CAPABILITY_NAMED_IAM",
            ])
            var status = ""
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                let described = try lake.awsJSON(["cloudformation", "describe-stacks", "--stack-name", name])
                status = ((described["Stacks"] as? [[String: Any]])?.first?["StackStatus"] as? String) ?? ""
                if status != "CREATE_IN_PROGRESS" { break }
                try await Task.sleep(for: .milliseconds(500))
            }
            #expect(status == "CREATE_COMPLETE", "\(name): \(status)")
        }
        let outputs = (try lake.awsJSON(["cloudformation", "describe-stacks", "--stack-name", "lake-\(env)-foundations"])["Stacks"] as? [[String: Any]])?
            .first?["Outputs"] as? [[String: Any]] ?? []
        #expect(outputs.contains { $0["OutputKey"] as? String == "WorkerRoleArn" && ($0["OutputValue"] as? String)?.hasSuffix(":role/lake-\(env)-worker") == true })
        #expect(outputs.contains { $0["OutputKey"] as? String == "QueueCatalogUrl" })
        #expect(try lake.awsJSON(["iam", "get-role", "--role-name", "lake-\(env)-worker"])["Role"] != nil)
        let glueRole = try lake.awsJSON(["iam", "get-role", "--role-name", "lake-\(env)-sales-glue"])["Role"] as? [String: Any]
        #expect((glueRole?["PermissionsBoundary"] as? [String: Any])?["PermissionsBoundaryArn"] as? String == "arn:aws:iam::123456789012:policy/lake-\(env)-sales-boundary")
        let aliases = try lake.awsJSON(["kms", "list-aliases"])["Aliases"] as? [[String: Any]] ?? []
        #expect(aliases.contains { $0["AliasName"] as? String == "alias/lake-\(env)-sales-infra" })

        guard let dry = try lake.lakeJSON(["aws", "bootstrap", "--dry-run"]) as? [String: Any], let steps = dry["steps"] as? [[String: Any]] else {
            throw CLITestFailure("dry run JSON has an unexpected shape")
        }
        for step in steps where ["bucket", "queue", "table", "database", "parameter"].contains(step["kind"] as? String ?? "") {
            #expect(declared.contains(step["name"] as? String ?? ""), "bootstrap's \(step["kind"] ?? "") \(step["name"] ?? "") is in no template")
        }
        let toCreate = steps.filter { $0["planned"] as? String != "exists" }
        // What moto's CloudFormation skips: AWS::Glue::Database and AWS::Glue::Job, and the
        // notification (bucket NotificationConfiguration and AWS::SQS::QueuePolicy); and the
        // job's script, an object no template uploads.
        #expect(toCreate.allSatisfy { $0["planned"] as? String == "created" && ["database", "notification", "script", "job"].contains($0["kind"] as? String ?? "") }, "\(toCreate)")
        let created = lake.datasets.count + 1 + 1 + 2
        #expect(toCreate.count == created)

        let applied = try lake.lakeJSON(["aws", "bootstrap"]) as? [String: Any]
        #expect(applied?["summary"] as? [String: Int] == ["created": created, "exists": steps.count - created])
        let job = try lake.awsJSON(["glue", "get-job", "--job-name", "lake-\(env)-sales-returns"])["Job"] as? [String: Any]
        #expect(job?["Role"] as? String == "lake-\(env)-sales-glue" && job?["WorkerType"] as? String == "G.1X")

        // The pipeline on the deployed resources: S3 events from the raw bucket (SSE-KMS by the
        // stack's key) to the catalog queue, stage A on the team stack's FIFO queues, stage B
        // on the dataset stacks' queues, Octagon in the foundations' tables.
        let ids = try lake.upload(perDataset: 4)
        guard let summary = try lake.lakeJSON(["process", "--until-idle", "--timeout", "5m"]) as? [String: Any] else {
            throw CLITestFailure("process --json is not an object")
        }
        let counts = summary["executions"] as? [String: Int] ?? [:]
        #expect(counts["FAILED", default: 0] == 0 && counts["COMPLETED", default: 0] >= 8, "\(counts)")
        #expect(try lake.analyticsIDs().ids.sorted() == ids.sorted(), "every row once in analytics")
        let head = try lake.awsJSON(["s3api", "head-object", "--bucket", lake.rawBucket, "--key", "sales/orders/orders/file-00000.json"])
        #expect(head["ServerSideEncryption"] as? String == "aws:kms")
        #expect(try lake.status().dead == 0)
    }
}
