"""Plays the Glue job of a `glue-job` stage B against moto: holds the job's runs RUNNING (the
moto server's test hook), then for each run reads its arguments and manifest and either
succeeds (converts the manifest's JSON Lines inputs to one Parquet file per table under the
output prefix, named with the execution id, then marks the run SUCCEEDED) or fails it with an
error message. Exits once `count` runs are handled, or after `deadline` seconds.

usage: glue_job_worker.py ENDPOINT JOB succeed|fail COUNT DEADLINE  -> prints handled runs as JSON
"""
import io
import json
import sys
import time
import urllib.request

import boto3
import pyarrow as pa
import pyarrow.json as pj
import pyarrow.parquet as pq


def hook(endpoint, body):
    request = urllib.request.Request(endpoint + "/_swiftlake/glue-job-run", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def split(uri):
    bucket, _, key = uri[len("s3://"):].partition("/")
    return bucket, key


def main():
    endpoint, job, mode, count, deadline = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing-secret", region_name="us-east-1")
    glue = session.client("glue", endpoint_url=endpoint)
    s3 = session.client("s3", endpoint_url=endpoint)
    hook(endpoint, {"job": job, "hold": True})
    handled = []
    end = time.time() + deadline
    while len(handled) < count and time.time() < end:
        runs = glue.get_job_runs(JobName=job)["JobRuns"]
        for run in runs:
            if run["Id"] in [h["run"] for h in handled] or run["JobRunState"] != "RUNNING":
                continue
            args = run.get("Arguments", {})
            if mode == "fail":
                hook(endpoint, {"job": job, "run": run["Id"], "state": "FAILED", "error": "boom: executor lost"})
                handled.append({"run": run["Id"], "state": "FAILED"})
                continue
            bucket, key = split(args["--manifest"])
            manifest = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
            by_table = {}
            for item in manifest["inputs"]:
                b, k = split(item["uri"])
                by_table.setdefault(item["table"], []).append(s3.get_object(Bucket=b, Key=k)["Body"].read())
            out_bucket, out_prefix = split(manifest["outputPrefix"])
            for table, parts in by_table.items():
                data = pj.read_json(io.BytesIO(b"".join(p if p.endswith(b"\n") else p + b"\n" for p in parts)))
                sink = io.BytesIO()
                pq.write_table(data, sink)
                s3.put_object(Bucket=out_bucket, Key=f"{out_prefix}{table}/part-{manifest['executionId']}-0.parquet", Body=sink.getvalue())
            hook(endpoint, {"job": job, "run": run["Id"], "state": "SUCCEEDED"})
            handled.append({"run": run["Id"], "state": "SUCCEEDED", "args": sorted(args), "execution": manifest["executionId"]})
        time.sleep(0.2)
    print(json.dumps(handled))


if __name__ == "__main__":
    main()
