#!/usr/bin/env python3
"""moto's server, exactly as `moto_server` builds it, but handling one request at a time per
service.

moto's request handlers are not thread-safe: under `moto_server`'s threaded server, two
concurrent SQS receives can lease the same message, and two conditional DynamoDB writes can
both pass their condition. AWS itself is atomic there, and SwiftLake's contract suites check
it, so the tests run each moto service behind its own lock (the service is read from the SigV4
credential scope), so slow S3 uploads do not hold up SQS. Connections are still served by
threads, so keep-alive and parallel clients work. (A long-polling ReceiveMessage would hold
the SQS lock for its wait: the adapters do not long-poll.)

It also serves one test hook moto lacks, for Glue job runs (which moto only moves from
STARTING to SUCCEEDED): `POST /_swiftlake/glue-job-run` with JSON `{"job": NAME, "hold": true}`
keeps the job's runs RUNNING (as a real job that takes its time), and `{"job": NAME, "run": ID,
"state": "FAILED", "error": "..."}` ends a run in any state with an ErrorMessage, as Glue would.
It also answers Glue's `UpdateJob`, which moto lacks, by changing the job moto holds.

    python3 scripts/moto_serialized_server.py HOST PORT
"""
import json
import os
import re
import sys
import threading
from collections import defaultdict

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple


HELD_JOBS = set()


def install_glue_hook():
    """Lets a test hold a job's runs RUNNING and end them in any state (see the docstring)."""
    from moto.glue import models as glue_models

    base = glue_models.FakeJobRun.status

    def status(self):
        forced = getattr(self, "swiftlake_state", None)
        if forced:
            return forced
        if self.job_name in HELD_JOBS:
            return "RUNNING"
        return base.fget(self)

    glue_models.FakeJobRun.status = property(status, base.fset)
    as_dict = glue_models.FakeJobRun.as_dict

    def with_error(self):
        out = as_dict(self)
        if getattr(self, "swiftlake_error", None):
            out["ErrorMessage"] = self.swiftlake_error
        return out

    glue_models.FakeJobRun.as_dict = with_error


def glue_hook(environ, start_response):
    from moto.glue.models import glue_backends
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = json.loads(environ["wsgi.input"].read(length) or b"{}")
    backend = glue_backends[body.get("account", "123456789012")][body.get("region", "us-east-1")]
    name = body["job"]
    if body.get("hold"):
        HELD_JOBS.add(name)
    job = backend.jobs.get(name)
    changed = 0
    if job is not None and body.get("state"):
        for run in job.job_runs:
            if body.get("run") in (None, run.job_run_id):
                run.swiftlake_state = body["state"]
                run.swiftlake_error = body.get("error")
                changed += 1
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps({"changed": changed}).encode()]


def glue_update_job(environ, start_response):
    """Glue's UpdateJob on moto's job: the fields `lake aws bootstrap` sets."""
    from moto.glue.models import glue_backends
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = json.loads(environ["wsgi.input"].read(length) or b"{}")
    region = re.search(r"Credential=[^/]+/[0-9]{8}/([^/]+)/", environ.get("HTTP_AUTHORIZATION", ""))
    backend = glue_backends["123456789012"][region.group(1) if region else "us-east-1"]
    job = backend.jobs.get(body.get("JobName", ""))
    if job is None:
        start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.1")])
        return [json.dumps({"__type": "EntityNotFoundException", "message": "Job not found"}).encode()]
    update = body.get("JobUpdate", {})
    fields = {"Role": "role", "Command": "command", "ExecutionProperty": "execution_property", "GlueVersion": "glue_version",
              "WorkerType": "worker_type", "NumberOfWorkers": "number_of_workers", "Timeout": "timeout", "Description": "description"}
    for key, attribute in fields.items():
        if key in update:
            setattr(job, attribute, update[key])
    start_response("200 OK", [("Content-Type", "application/x-amz-json-1.1")])
    return [json.dumps({"JobName": job.name}).encode()]


def main() -> None:
    host, port = sys.argv[1], int(sys.argv[2])
    os.environ.setdefault("MOTO_PORT", str(port))
    app = DomainDispatcherApplication(create_backend_app)
    locks = defaultdict(threading.Lock)
    guard = threading.Lock()
    scope = re.compile(r"Credential=[^/]+/[0-9]{8}/[^/]+/([^/]+)/aws4_request")

    def lock_for(environ):
        text = environ.get("HTTP_AUTHORIZATION", "") + " Credential=" + environ.get("QUERY_STRING", "").replace("%2F", "/")
        match = scope.search(text)
        with guard:
            return locks[match.group(1) if match else ""]

    install_glue_hook()

    def serialized(environ, start_response):
        if environ.get("PATH_INFO") == "/_swiftlake/glue-job-run":
            with locks["glue"]:
                return glue_hook(environ, start_response)
        if environ.get("HTTP_X_AMZ_TARGET") == "AWSGlue.UpdateJob":
            with locks["glue"]:
                return glue_update_job(environ, start_response)
        with lock_for(environ):
            result = app(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
        return [body]

    run_simple(host, port, serialized, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
