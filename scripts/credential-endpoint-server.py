#!/usr/bin/env python3
"""A local stand-in for the credential endpoints AWS serves on a host, for the credential
chain tests: the EC2 instance metadata service (IMDSv2 and v1) and the ECS/EKS container
credentials endpoint. It records every request so tests can check the token handshake and
the Authorization header.

  PUT  /latest/api/token                                  IMDSv2 session token (needs
                                                          X-aws-ec2-metadata-token-ttl-seconds)
  GET  /latest/meta-data/iam/security-credentials/        the role's name
  GET  /latest/meta-data/iam/security-credentials/<role>  the role's credentials
  GET  /ecs/<anything>                                    container credentials
  GET  /_control/requests                                 what was received (JSON list)
  POST /_control/config                                   merge JSON into the settings below

Settings: expires_in (seconds from now, default 3600), role ("swiftlake-test-role"),
token_status (status of the token PUT, default 200; 403/404/405 make clients fall back to
IMDSv1), require_token (GETs without the token get 401, default true), ecs_authorization (the
Authorization value the container endpoint wants, default none), credentials_status (status
of credential answers, default 200), delay_ms (wait before each credential answer).
Credentials are numbered: the n-th answer has AccessKeyId ASIATESTKEY<n zero-padded>.

Listens on 127.0.0.1 on a free port, prints the port on its first line, and exits when its
stdin closes (the test process ended).
"""
import datetime
import json
import os
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
LOG = []
SETTINGS = {
    "expires_in": 3600, "role": "swiftlake-test-role", "token_status": 200, "require_token": True,
    "ecs_authorization": None, "credentials_status": 200, "delay_ms": 0,
}
TOKENS = set()
COUNT = [0]
RECORDED = ("x-aws-ec2-metadata-token", "x-aws-ec2-metadata-token-ttl-seconds", "authorization")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _credentials(self):
        with LOCK:
            COUNT[0] += 1
            n = COUNT[0]
            settings = dict(SETTINGS)
        if settings["delay_ms"]:
            time.sleep(settings["delay_ms"] / 1000)
        if settings["credentials_status"] != 200:
            return self._answer(settings["credentials_status"], json.dumps({"code": "TestFailure", "message": "scripted failure"}))
        expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=settings["expires_in"])
        document = {
            "Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIATESTKEY%06d" % n,
            "SecretAccessKey": "test-secret-%d" % n, "Token": "test-session-token-%d" % n,
            "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "LastUpdated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        self._answer(200, json.dumps(document))

    def _handle(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?")[0]
        if path == "/_control/requests":
            with LOCK:
                return self._answer(200, json.dumps(LOG))
        if path == "/_control/config" and method == "POST":
            with LOCK:
                SETTINGS.update(json.loads(body or b"{}"))
            return self._answer(200, "{}")
        with LOCK:
            LOG.append({"method": method, "path": path,
                        "headers": {k: self.headers.get(k) for k in RECORDED if self.headers.get(k) is not None}})
            settings = dict(SETTINGS)
        if path == "/latest/api/token" and method == "PUT":
            if settings["token_status"] != 200:
                return self._answer(settings["token_status"], "", "text/plain")
            if not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
                return self._answer(400, "", "text/plain")
            token = secrets.token_hex(16)
            with LOCK:
                TOKENS.add(token)
            return self._answer(200, token, "text/plain")
        if path.startswith("/latest/meta-data/iam/security-credentials/") and method == "GET":
            if settings["require_token"] and settings["token_status"] == 200:
                with LOCK:
                    known = self.headers.get("X-aws-ec2-metadata-token") in TOKENS
                if not known:
                    return self._answer(401, "", "text/plain")
            role = path[len("/latest/meta-data/iam/security-credentials/"):]
            if role == "":
                return self._answer(200, settings["role"], "text/plain")
            if role != settings["role"]:
                return self._answer(404, "", "text/plain")
            return self._credentials()
        if path.startswith("/ecs/") and method == "GET":
            wanted = settings["ecs_authorization"]
            if wanted is not None and self.headers.get("Authorization") != wanted:
                return self._answer(403, json.dumps({"code": "AccessDenied", "message": "bad authorization token"}))
            return self._credentials()
        self._answer(404, json.dumps({"code": "NotFound", "message": path}))

    def do_GET(self):
        self._handle("GET")

    def do_PUT(self):
        self._handle("PUT")

    def do_POST(self):
        self._handle("POST")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
