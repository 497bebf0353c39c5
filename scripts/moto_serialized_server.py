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

    python3 scripts/moto_serialized_server.py HOST PORT
"""
import os
import re
import sys
import threading
from collections import defaultdict

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple


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

    def serialized(environ, start_response):
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
