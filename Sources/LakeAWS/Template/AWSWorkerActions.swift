/// The IAM actions a SwiftLake worker (`lake run`, `lake process`, the read commands) calls,
/// by service: exactly the operations of the clients in this module that the engine and the
/// runtime use, mapped to the actions IAM authorises them with. Creating and configuring
/// resources (buckets, queues, tables, keys, notifications) is left to CloudFormation or
/// `lake aws bootstrap`, so none of those actions is here.
public enum AWSWorkerActions {
    /// ListObjectsV2 and HeadBucket (`s3:ListBucket` on the bucket).
    public static let bucket = ["s3:ListBucket"]
    /// GetObject and HeadObject, PutObject and multipart uploads, CopyObject (get the source,
    /// put the target), DeleteObject(s), AbortMultipartUpload.
    public static let objects = ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    /// Queue work: receive, send (and SendMessageBatch), delete (and DeleteMessageBatch),
    /// extend leases (ChangeMessageVisibility), read options and counts, find URLs.
    public static let queue = [
        "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage",
        "sqs:SendMessage",
    ]
    /// ListQueues, which `lake status` and the read commands use: IAM has no resource-level
    /// permission for it, so it is granted on `*`.
    public static let listQueues = ["sqs:ListQueues"]
    /// Creating a tenant's queue (the workflow manager provisions them at run time).
    public static let createQueue = ["sqs:CreateQueue", "sqs:SetQueueAttributes"]
    /// Octagon, WLM, WFM and data-quality items: single and batch reads and writes, queries,
    /// scans, TransactWriteItems (authorised per item as Put/Update/Delete/ConditionCheck),
    /// DescribeTable (the runtime checks tables exist before it would create them).
    public static let table = [
        "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
        "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem",
    ]
    /// The catalog crawler and partition job: databases created on first use (raw databases)
    /// or refreshed, tables created and updated with their versions, partitions in batches.
    public static let catalog = [
        "glue:BatchCreatePartition", "glue:BatchGetPartition", "glue:BatchUpdatePartition", "glue:CreateDatabase", "glue:CreateTable",
        "glue:GetDatabase", "glue:GetDatabases", "glue:GetPartitions", "glue:GetTable", "glue:GetTableVersions", "glue:GetTables",
        "glue:UpdateDatabase", "glue:UpdatePartition", "glue:UpdateTable",
    ]
    /// Stage B on Glue (`glue-job`): start a run, read its state, stop it at the execution's timeout.
    public static let jobRun = ["glue:BatchStopJobRun", "glue:GetJobRun", "glue:StartJobRun"]
    /// SSE-KMS objects and queues: GenerateDataKey to write, Decrypt to read.
    public static let key = ["kms:Decrypt", "kms:GenerateDataKey"]
    /// Team notifications to SNS.
    public static let topic = ["sns:Publish"]
}
