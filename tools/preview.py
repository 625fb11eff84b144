"""`make preview`: serve build/site/ as production would, on this machine.

What a static host does with the published files: the precompressed copies (``.br``,
``.gz``) to browsers that accept them, ``404.html`` with status 404 for any missing
address, the right content types, the headers of ``_headers``, a redirect from a folder's
address without its final slash. The tests, the page-weight benchmark and Lighthouse use
the same server.
"""

from __future__ import annotations

import argparse
import functools
import mimetypes
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from leavex.project import SITE

from . import hosting
from .packaging import COMPRESSIBLE

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
# What hosts read and never serve.
HIDDEN = {"_headers"}
# What hosts send when no rule says otherwise: a browser asks again before reusing a copy.
DEFAULT_HEADERS = {"Cache-Control": "public, max-age=0, must-revalidate"}
# RFC 9239; Python 3.11's table still says application/javascript.
mimetypes.add_type("text/javascript", ".js")


def accepted_encodings(header: str) -> set[str]:
    """The codings an Accept-Encoding header accepts ("br;q=0" refuses br)."""
    found = set()
    for item in header.split(","):
        name, _, parameters = item.strip().partition(";")
        try:
            quality = float(parameters.strip().removeprefix("q=") or 1)
        except ValueError:
            quality = 0
        if name and quality > 0:
            found.add(name.strip().lower())
    return found


class SiteHandler(BaseHTTPRequestHandler):
    """Serves one folder as a production static host would."""

    protocol_version = "HTTP/1.1"

    def __init__(self, *args, folder: Path, **kwargs):
        self.folder = folder
        super().__init__(*args, **kwargs)

    def do_HEAD(self) -> None:  # noqa: N802 - the base class's naming
        self.respond(send_body=False)

    def do_GET(self) -> None:  # noqa: N802
        self.respond(send_body=True)

    def resolve(self, path: str) -> tuple[int, Path | None, str | None]:
        """(status, file, redirect location) for a request path."""
        relative = unquote(path).lstrip("/")
        target = (self.folder / relative).resolve()
        if self.folder.resolve() not in (target, *target.parents) or target.name in HIDDEN:
            return 404, None, None
        if target.is_dir():
            if not path.endswith("/"):
                return 301, None, path + "/"
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        return 404, None, None

    def respond(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        status, target, location = self.resolve(path)
        if status == 301:
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if status == 404:
            target = self.folder / "404.html"
            if not target.is_file():
                self.send_error(404)
                return
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        text = target.suffix in COMPRESSIBLE  # the text files: those with compressed copies
        body_file, encoding = target, None
        if text:
            content_type += "; charset=utf-8"
            accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
            for name, suffix in ENCODINGS:
                sibling = target.with_name(target.name + suffix)
                if name in accepted and sibling.is_file():
                    body_file, encoding = sibling, name
                    break
        body = body_file.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if text:
            self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        headers = dict(DEFAULT_HEADERS)
        if (self.folder / "_headers").is_file():
            headers |= hosting.headers_for(path, self.folder)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not an error of the site


class LocalSite:
    """The site served on a free port of this machine, for as long as a ``with`` lasts."""

    def __init__(self, folder: Path = SITE, port: int = 0):
        handler = functools.partial(SiteHandler, folder=Path(folder))
        self.server = QuietServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (SITE / "index.html").exists():
        print("error: nothing built yet: run make first", file=sys.stderr)
        return 1
    with LocalSite(SITE, args.port) as site:
        print(f"Serving {SITE} at {site.origin}/ as production would (Ctrl-C stops)")
        try:
            site.thread.join()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
