"""A webhook receiver for the notification tests: appends each POST body (one JSON document per
line) to FILE, answering 500 to the first FAILURES requests. Prints its port, then serves until
its stdin closes.

usage: webhook_sink.py FILE FAILURES
"""
import http.server
import sys
import threading

path, failures = sys.argv[1], int(sys.argv[2])
state = {"seen": 0}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        state["seen"] += 1
        status = 500 if state["seen"] <= failures else 200
        with open(path, "a") as out:
            out.write(f"{status} {self.headers.get('Content-Type')} {body.decode()}\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
