#!/usr/bin/env python3
"""A scripted HTTP server for the LakeAWS retry tests: it answers like AWS does when
throttling or failing, which moto cannot be asked to do.

The request path chooses the script: /<id>/<step>,<step>,... where each step answers one
request, in order (the last step repeats). A step is
  200            success (an empty JSON object, or an empty body for non-JSON calls)
  <status>       an error without code, e.g. 429 or 503
  <status>-<Code>  an AWS error: JSON {"__type": Code} when the request has X-Amz-Target,
                   else S3-style XML <Error><Code>
  drop           close the connection without answering
GET /__log/<id> returns what was received for <id> as JSON: one entry per request with
whether it carried a SigV4 Authorization header and its X-Amz-Date.

It listens on 127.0.0.1 on a free port, prints the port on its first line, and exits when
its stdin closes (the test process ended).
"""
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = {}
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self, status, body, content_type, headers=()):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts[0] == "__log" and len(parts) > 1:
            with LOCK:
                entries = LOG.get(parts[1], [])
            self._answer(200, json.dumps(entries), "application/json")
            return
        plan_id = parts[0]
        steps = parts[1].split(",") if len(parts) > 1 else ["200"]
        with LOCK:
            entries = LOG.setdefault(plan_id, [])
            entries.append({
                "signed": (self.headers.get("Authorization") or "").startswith("AWS4-HMAC-SHA256 "),
                "date": self.headers.get("X-Amz-Date"),
            })
            index = len(entries) - 1
        step = steps[min(index, len(steps) - 1)]
        request_id = "req-%s-%d" % (plan_id, index + 1)
        is_json = self.headers.get("X-Amz-Target") is not None
        if step == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if step == "200":
            self._answer(200, "{}" if is_json else "", "application/x-amz-json-1.0" if is_json else "application/xml",
                         [("x-amzn-RequestId", request_id), ("ETag", '"abc"')])
            return
        status, _, code = step.partition("-")
        if not code:
            self._answer(int(status), "", "text/plain", [("x-amz-request-id", request_id)])
        elif is_json:
            body = json.dumps({"__type": "com.amazonaws.test#" + code, "message": "scripted " + code})
            self._answer(int(status), body, "application/x-amz-json-1.0", [("x-amzn-RequestId", request_id)])
        else:
            body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>scripted %s</Message>"
                    "<RequestId>%s</RequestId></Error>") % (code, code, request_id)
            self._answer(int(status), body, "application/xml")

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)

    def watch_stdin():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
