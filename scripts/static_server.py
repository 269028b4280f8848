"""A plain static file server, like `python3 -m http.server`, that sends the precompressed copy of a
file (`name.br`, `name.gz`, written beside it by scripts/precompress.mjs) when the browser accepts
that encoding, as a static host configured for precompressed files does. No fallback to
index.html: deep links must work without one.

    python3 scripts/static_server.py <port> <directory> [--proxy /couch/=http://127.0.0.1:5984/]

With `--proxy PREFIX=URL` (repeatable) it is also a reverse proxy: every request under PREFIX
goes to URL with PREFIX taken off (any method, headers, body; the answer streamed back, so
`_changes?feed=longpoll|continuous` works), as the documented deployment serves the app and
proxies CouchDB under one origin (README, "Sync server"; docs/sync-server.md). A cookie the
upstream sets on `Path=/` is set on PREFIX instead (nginx's `proxy_cookie_path`), and a
`Location` naming the upstream names the proxy. Without `--proxy` nothing changes.
"""

import functools
import http.client
import http.server
import os
import re
import sys
import urllib.parse

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
    }

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to "dir/"
            path = os.path.join(path, "index.html")
        accepted = {e.split(";")[0].strip() for e in self.headers.get("Accept-Encoding", "").split(",")}
        for encoding, suffix in ENCODINGS:
            if encoding in accepted and os.path.isfile(path) and os.path.isfile(path + suffix):
                with open(path + suffix, "rb") as f:
                    body = f.read()
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return _Body(body)
        return super().send_head()

    def log_message(self, *args):
        pass


class _Body:
    """What `send_head` returns for `copyfile`: the bytes, read once."""

    def __init__(self, body):
        self.body = body

    def read(self, *_):
        body, self.body = self.body, b""
        return body

    def close(self):
        pass


# Headers that describe one connection, not the message: never forwarded either way.
HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
    "te", "trailer", "transfer-encoding", "upgrade",
}
COOKIE_ROOT_PATH = re.compile(r"(;\s*path=)/(?=\s*(;|$))", re.IGNORECASE)


class ProxyHandler(Handler):
    """`Handler`, plus requests under a prefix forwarded to an upstream server."""

    proxies = ()  # (prefix, urllib.parse.SplitResult of the upstream base), longest prefix first

    def _route(self):
        for prefix, upstream in self.proxies:
            if self.path.startswith(prefix) or self.path == prefix.rstrip("/"):
                rest = self.path[len(prefix):] if self.path.startswith(prefix) else ""
                return prefix, upstream, upstream.path.rstrip("/") + "/" + rest
        return None

    def _request_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else None

    def _forward(self):
        prefix, upstream, path = self._route()
        body = self._request_body()
        headers = {}
        for name, value in self.headers.items():
            # Host is the upstream's; the body is read here in full, so no 100-continue either.
            if name.lower() in HOP_BY_HOP or name.lower() in ("host", "expect"):
                continue
            joiner = "; " if name.lower() == "cookie" else ", "
            headers[name] = f"{headers[name]}{joiner}{value}" if name in headers else value
        headers["Host"] = upstream.netloc
        headers["X-Forwarded-Host"] = self.headers.get("Host", "")
        headers["X-Forwarded-For"] = self.client_address[0]
        if body is not None:
            headers["Content-Length"] = str(len(body))
        connection_class = http.client.HTTPSConnection if upstream.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(upstream.netloc, timeout=300)
        try:
            connection.request(self.command, path, body=body, headers=headers)
            response = connection.getresponse()
        except OSError as error:
            connection.close()
            message = f'{{"error":"bad_gateway","reason":"{type(error).__name__}"}}\n'.encode()
            self.send_response(502)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(message)))
            self.end_headers()
            self.wfile.write(message)
            return
        try:
            # The upstream's own Date and Server headers, not a second pair of ours.
            self.log_request(response.status)
            self.send_response_only(response.status, response.reason)
            base = f"{upstream.scheme}://{upstream.netloc}{upstream.path.rstrip('/')}/"
            for name, value in response.getheaders():
                lower = name.lower()
                if lower in HOP_BY_HOP:
                    continue
                if lower == "set-cookie":
                    value = COOKIE_ROOT_PATH.sub(lambda m: m.group(1) + prefix, value)
                elif lower == "location" and value.startswith(base):
                    value = prefix + value[len(base):]
                self.send_header(name, value)
            self.end_headers()  # HTTP/1.0: the connection closes after the body
            if self.command != "HEAD":
                while chunk := response.read1(65536):
                    self.wfile.write(chunk)
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away (a cancelled long poll)
        finally:
            connection.close()

    def _handle(self, static):
        if self._route() is not None:
            self._forward()
        elif static is not None:
            static(self)
        else:
            self.send_error(405)

    def do_GET(self):
        self._handle(Handler.do_GET)

    def do_HEAD(self):
        self._handle(Handler.do_HEAD)

    def do_POST(self):
        self._handle(None)

    def do_PUT(self):
        self._handle(None)

    def do_DELETE(self):
        self._handle(None)

    def do_COPY(self):
        self._handle(None)

    def do_OPTIONS(self):
        self._handle(None)


def proxy_handler(specs):
    proxies = []
    for spec in specs:
        prefix, _, url = spec.partition("=")
        upstream = urllib.parse.urlsplit(url)
        if not prefix.startswith("/") or not prefix.endswith("/") or upstream.scheme not in ("http", "https"):
            sys.exit(f"--proxy {spec}: expected /prefix/=http://host:port/")
        proxies.append((prefix, upstream))
    proxies.sort(key=lambda p: len(p[0]), reverse=True)
    return type("ConfiguredProxyHandler", (ProxyHandler,), {"proxies": tuple(proxies)})


if __name__ == "__main__":
    args, specs = [], []
    argv = iter(sys.argv[1:])
    for arg in argv:
        if arg == "--proxy":
            specs.append(next(argv, ""))
        elif arg.startswith("--proxy="):
            specs.append(arg[len("--proxy="):])
        else:
            args.append(arg)
    port, directory = int(args[0]), args[1]
    handler = functools.partial(proxy_handler(specs) if specs else Handler, directory=directory)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
