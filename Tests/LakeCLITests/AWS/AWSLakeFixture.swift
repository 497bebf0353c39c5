import Foundation

/// A lake on the test process's moto server: a temporary directory with a lake.yaml of
/// `backend: aws` (a unique environment, so tests share the server), and helpers to run
/// `lake` and the AWS CLI against it.
final class AWSLakeFixture: @unchecked Sendable {
    let dir: TempDir
    let endpoint: String
    let environment: String
    let home: URL
    let datasets: [String]
    let buckets: Int

    /// `maxConcurrent` and `maxItems` go to the stage-B settings of pipeline `main`.
    init(datasets: [String] = ["orders", "refunds"], maxConcurrent: Int = 2, maxItems: Int = 20, buckets: Int = 3) async throws {
        endpoint = try await CLIMoto.start()
        dir = try TempDir()
        environment = "c" + UUID().uuidString.prefix(6).lowercased().filter { $0.isLetter || $0.isNumber }
        home = dir.url.appendingPathComponent(".home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        self.datasets = datasets
        self.buckets = buckets
        let datasetLines = datasets.map { name in
            """
              \(name):
                team: sales
                pipeline: main
                tables:
                  \(name): {partition_by: [region]}
            """
        }.joined(separator: "\n")
        try dir.write("lake.yaml", """
            environment: \(environment)
            org: acme
            app: lake
            storage:
              backend: aws
              region: us-east-1
              endpoint: \(endpoint)
              buckets: \(buckets)
            teams:
              sales: {}
            pipelines:
              main:
                type: standard
                stage_a: {transform: json-flatten, concurrency: 4}
                stage_b: {transform: parquet, trigger: event, max_items: \(maxItems), max_concurrent: \(maxConcurrent)}
            datasets:
            \(datasetLines)

            """)
    }

    var bucketPrefix: String { "acme-lake-\(environment)" }
    var rawBucket: String { buckets == 1 ? bucketPrefix : "\(bucketPrefix)-raw" }
    var analyticsBucket: String { buckets == 1 ? bucketPrefix : "\(bucketPrefix)-analytics" }
    /// Where raw and analytics objects live: a bucket root, or a zone prefix in the one bucket.
    var rawURL: String { buckets == 1 ? "s3://\(bucketPrefix)/raw/" : "s3://\(rawBucket)/" }
    var analyticsURL: String { buckets == 1 ? "s3://\(bucketPrefix)/analytics/" : "s3://\(analyticsBucket)/" }

    /// The environment of every `lake` and `aws` process: fake credentials, an empty home.
    var processEnvironment: [String: String] { CLIMoto.lakeEnvironment(home: home) }

    /// Runs `lake args...` in the lake's directory.
    @discardableResult
    func lake(_ args: [String], timeout: TimeInterval = 300) throws -> LakeBinary.Result {
        try LakeBinary.run(args, in: dir.url, environment: processEnvironment, timeout: timeout)
    }

    /// Runs `lake args... --json` and expects exit 0 and JSON on stdout.
    func lakeJSON(_ args: [String], timeout: TimeInterval = 300) throws -> Any {
        let result = try lake(args + ["--json"], timeout: timeout)
        guard result.status == 0, let json = result.json else {
            throw CLITestFailure("lake \(args.joined(separator: " ")) exited \(result.status): \(result.stderr.suffix(3000)) \(result.stdout.prefix(500))")
        }
        return json
    }

    /// Starts `lake args...` in the background.
    func start(_ args: [String]) throws -> LakeBinary.Running {
        try LakeBinary.start(args, in: dir.url, environment: processEnvironment)
    }

    /// `aws <args>` against moto.
    @discardableResult
    func aws(_ args: [String], json: Bool = true) throws -> String { try CLIMoto.aws(args, endpoint: endpoint, json: json) }

    /// `aws <args> --output json`, parsed.
    func awsJSON(_ args: [String]) throws -> [String: Any] { try CLIMoto.awsJSON(args, endpoint: endpoint) }

    /// Writes `perDataset` JSON files per dataset under `upload/sales/<dataset>/<dataset>/`, each
    /// with two rows whose `id` is unique across the lake, and copies them into the raw bucket
    /// with `aws s3 cp --recursive`. Returns every id.
    @discardableResult
    func upload(perDataset: Int, startingAt first: Int = 0) throws -> [Int] {
        let upload = dir.url.appendingPathComponent("upload-\(first)")
        var ids: [Int] = []
        var n = first
        for dataset in datasets {
            let folder = upload.appendingPathComponent("sales/\(dataset)/\(dataset)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for i in 0..<perDataset {
                let a = n * 2
                let b = n * 2 + 1
                ids += [a, b]
                let region = ["eu", "us"][i % 2]
                let body = """
                    {"id":\(a),"file":\(n),"region":"\(region)","amount":\(Double(a) / 4),"nested":{"x":1}}
                    {"id":\(b),"file":\(n),"region":"\(region)","amount":\(Double(b) / 4),"nested":{"x":2}}

                    """
                try Data(body.utf8).write(to: folder.appendingPathComponent(String(format: "file-%05d.json", n)))
                n += 1
            }
        }
        try aws(["s3", "cp", "--recursive", "--only-show-errors", upload.path, rawURL], json: false)
        return ids
    }

    /// Every row id in the analytics Parquet files, downloaded with the AWS CLI and read with
    /// pyarrow; with the number of files.
    func analyticsIDs() throws -> (ids: [Int], files: Int) {
        let local = dir.url.appendingPathComponent("analytics-\(UUID().uuidString.prefix(6))")
        try aws(["s3", "cp", "--recursive", "--only-show-errors", analyticsURL, local.path], json: false)
        let script = """
            import glob, json, sys
            import pyarrow.parquet as pq
            files = sorted(glob.glob(sys.argv[1] + '/**/*.parquet', recursive=True))
            ids = []
            for f in files:
                ids += pq.read_table(f, columns=['id']).column('id').to_pylist()
            print(json.dumps({'ids': ids, 'files': len(files)}))
            """
        let text = try CLIMoto.python(script, arguments: [local.path])
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let ids = object["ids"] as? [Int], let files = object["files"] as? Int
        else { throw CLITestFailure("unexpected pyarrow output: \(text.prefix(300))") }
        return (ids, files)
    }

    /// `lake status --json`: messages visible, in flight or delayed outside dead-letter queues,
    /// dead letters, and executions per status.
    func status() throws -> (pending: Int, dead: Int, executions: [String: Int]) {
        guard let status = try lakeJSON(["status"]) as? [String: Any], let queues = status["queues"] as? [[String: Any]],
              let executions = status["executions"] as? [String: Int]
        else { throw CLITestFailure("lake status --json has an unexpected shape") }
        var pending = 0
        var dead = 0
        for queue in queues {
            pending += ["visible", "inFlight", "delayed"].compactMap { queue[$0] as? Int }.reduce(0, +)
            dead += queue["deadLetter"] as? Int ?? 0
        }
        return (pending, dead, executions)
    }

    /// Every execution, from `lake executions --json`.
    func executions() throws -> [[String: Any]] {
        guard let rows = try lakeJSON(["executions", "--limit", "100000"]) as? [[String: Any]] else {
            throw CLITestFailure("lake executions --json is not a list")
        }
        return rows
    }
}
