import LakeCore

/// The Glue jobs of `glue-job` datasets made from a `script`, and the team role they run as.
enum AWSGlueJobRole {
    /// What a Glue job writes its driver and executor logs with.
    static let logActions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    /// Glue's log groups (`/aws-glue/jobs/output`, `/aws-glue/jobs/error`, ...).
    static let logGroups = CFNValue.arn("logs", "log-group:/aws-glue/*")
}

extension AWSTemplateSynthesizer {
    /// A dataset's stage-B job: a Spark job (`glueetl`, Python 3) running the uploaded script
    /// with the workers, runtime, concurrency and timeout the plan gives it, as its team's Glue
    /// role unless lake.yaml names another.
    func glueJobResource(_ job: GlueJobDefinition) -> CFNResource {
        let teamRole = spec.teams.first { $0.name == job.team }?.glueJobRole
        let role: CFNValue = teamRole == job.role ? .importValue(naming.export("GlueJobRoleArn", of: .team(job.team))) : .string(job.role)
        return CFNResource(
            "AWS::Glue::Job",
            [
                "Name": .string(job.name), "Role": role,
                "Description": .string("SwiftLake stage B of \(job.team)/\(job.dataset): one run per batch, given its manifest"),
                "Command": ["Name": "glueetl", "ScriptLocation": .string(job.scriptLocation), "PythonVersion": "3"],
                "GlueVersion": .string(job.glueVersion), "WorkerType": .string(job.workerType), "NumberOfWorkers": .int(job.numberOfWorkers),
                "ExecutionProperty": ["MaxConcurrentRuns": .int(job.maxConcurrentRuns)], "Timeout": .int(job.timeoutMinutes),
                "DefaultArguments": ["--job-language": "python", "--enable-continuous-cloudwatch-log": "true"],
            ])
    }

    /// The role a team's Glue jobs run as, inside the team's permissions boundary: read the
    /// team's stage objects and its jobs' manifests and scripts in the artifacts zone, write
    /// the team's analytics objects, use the team's and the lake's keys, write Glue's logs.
    func glueJobRole(_ team: AWSTemplateTeam, name: String, boundary: CFNValue, keys: [CFNValue]) -> CFNResource {
        let layout = spec.layout
        func path(_ zone: Zone, _ rest: String) -> CFNValue {
            .sub("arn:${AWS::Partition}:s3:::\(layout.bucket(for: zone))/\(layout.keyPrefix(for: zone))\(rest)*")
        }
        let trust = IAMStatement("TrustGlue", actions: ["sts:AssumeRole"], resources: [], principal: ["Service": "glue.amazonaws.com"])
        let policy = IAMPolicyDocument([
            IAMStatement("ListLakeBuckets", actions: AWSWorkerActions.bucket, resources: buckets.map { Self.bucketArn($0) }),
            IAMStatement(
                "ReadTeamInputs", actions: ["s3:GetObject"],
                resources: [path(.stage, "\(team.name)/"), path(.artifacts, "glue-jobs/\(team.name)/"), path(.artifacts, "glue-scripts/\(team.name)/")]),
            IAMStatement("WriteTeamOutputs", actions: ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:PutObject"], resources: [path(.analytics, "\(team.name)/")]),
            IAMStatement("UseTeamAndLakeKeys", actions: AWSWorkerActions.key, resources: keys),
            IAMStatement("WriteGlueJobLogs", actions: AWSGlueJobRole.logActions, resources: [AWSGlueJobRole.logGroups]),
        ])
        return CFNResource(
            "AWS::IAM::Role",
            [
                "RoleName": .string(name), "Description": .string("Glue jobs of team \(team.name) (stage B of its glue-job datasets)"),
                "AssumeRolePolicyDocument": IAMPolicyDocument([trust]).value, "PermissionsBoundary": boundary,
                "Policies": [["PolicyName": "glue-job", "PolicyDocument": policy.value]],
            ])
    }
}
