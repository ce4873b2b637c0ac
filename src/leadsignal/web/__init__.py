"""``leadsignal serve``: a local web page where a coach drops a transcript and gets the feedback page.

A small Flask application, bound to 127.0.0.1 only. Uploaded files are kept in this process's memory, never
written to disk, and forgotten when the coach clicks "forget" or the server stops (at most :data:`KEEP` at a
time, the oldest dropped first). Nothing is fetched from or sent to anywhere else: the pages load no outside
resource (Content-Security-Policy), and the reports are the same self-contained HTML as ``leadsignal report``.

Requests are accepted only with a Host header naming this server (a page on another site cannot reach it
through DNS rebinding), and every form carries a token made when the server starts (a page on another site
cannot post to it).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..errors import ConfigError, TranscriptError
from ..io import SUFFIXES

__all__ = ["KEEP", "MAX_UPLOAD", "create_app", "serve"]

KEEP = 20  # meetings held in memory at once
MAX_UPLOAD = 100 * 1024 * 1024


@dataclass
class Upload:
    """What the coach dropped: the files as bytes (in memory only), and the choices made on the page."""

    files: list[tuple[str, bytes]]
    lang: str = "nl"
    pseudonymise: bool = False
    names: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    analyses: list[Any] = field(default_factory=list)
    page: tuple[Any, str] | None = None  # (the choices it was rendered with, the HTML)

    def analyse(self) -> None:
        """Read every file (with the renames as aliases) and analyse it."""
        from ..analysis import analyse
        from ..io import read_bytes

        self.analyses = [analyse(read_bytes(data, name, aliases=self.aliases or None)) for name, data in self.files]
        self.page = None

    @cached_property
    def speakers(self) -> list[str]:
        """Speakers as the transcripts name them (before renaming), in order of first appearance."""
        from ..io import read_bytes

        return list(dict.fromkeys(s for name, data in self.files for s in read_bytes(data, name).speakers))

    def html(self) -> str:
        """The feedback page of one meeting, or the series page of several (rendered once per analysis and choice
        of language, pseudonymisation and names)."""
        from .. import report

        choices = (self.lang, self.pseudonymise, tuple(self.names))
        if self.page is None or self.page[0] != choices:
            if len(self.analyses) == 1:
                html = report.render(self.analyses[0], self.lang, self.pseudonymise, self.names)
            else:
                html = report.render_series(self.analyses, self.lang, self.pseudonymise)
            self.page = (choices, html)
        return self.page[1]


def create_app(token: str | None = None) -> Any:
    """The Flask application (``app.config["TOKEN"]`` is the form token)."""
    from flask import Flask, abort, redirect, render_template, request, url_for

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    app.config["TOKEN"] = token or secrets.token_urlsafe(24)
    uploads: OrderedDict[str, Upload] = OrderedDict()
    lock = threading.Lock()

    @app.before_request
    def _only_this_machine() -> None:
        host = (request.host or "").rsplit(":", 1)[0]
        if host not in ("127.0.0.1", "localhost"):
            abort(403)
        if request.method == "POST" and not secrets.compare_digest(request.form.get("token", ""), app.config["TOKEN"]):
            abort(403)

    @app.after_request
    def _headers(response: Any) -> Any:
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; frame-src 'self'; form-action 'self'; img-src data:; "
            "base-uri 'none'; frame-ancestors 'self'",
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    def page(name: str, status: int = 200, **context: Any) -> Any:
        return render_template(name, token=app.config["TOKEN"], suffixes=",".join(SUFFIXES), **context), status

    def upload_of(key: str) -> Upload:
        with lock:
            found = uploads.get(key)
        if found is None:
            abort(404)
        return found

    def options(upload: Upload) -> None:
        upload.lang = request.form.get("lang", "nl") if request.form.get("lang") in ("nl", "en") else "nl"
        upload.pseudonymise = request.form.get("pseudonymise") == "on"
        upload.names = [n.strip() for n in request.form.get("names", "").splitlines() if n.strip()]

    @app.get("/")
    def index() -> Any:
        return page("index.html.j2")

    @app.post("/upload")
    def upload() -> Any:
        files = [(f.filename or "transcript", f.read()) for f in request.files.getlist("transcript") if f.filename]
        if not files:
            return page("index.html.j2", 400, error="Kies eerst een transcript. / Choose a transcript first.")
        made = Upload(files)
        options(made)
        try:
            made.analyse()
            made.html()
        except (TranscriptError, ConfigError) as exc:
            return page("index.html.j2", 400, error=str(exc))
        key = secrets.token_urlsafe(12)
        with lock:
            uploads[key] = made
            while len(uploads) > KEEP:
                uploads.popitem(last=False)
        return redirect(url_for("meeting", key=key), code=303)

    @app.get("/m/<key>")
    def meeting(key: str) -> Any:
        made = upload_of(key)
        return page("meeting.html.j2", key=key, upload=made, speakers=made.speakers)

    @app.post("/m/<key>")
    def update(key: str) -> Any:
        made = upload_of(key)
        renamed = {}
        for k, name in enumerate(made.speakers):
            new = request.form.get(f"speaker-{k}", "").strip()
            if new and new != name:
                renamed[name] = new
        before = (made.aliases, made.lang, made.pseudonymise, made.names, made.analyses, made.page)
        made.aliases = renamed
        options(made)
        try:
            made.analyse()
            made.html()
        except (TranscriptError, ConfigError) as exc:
            made.aliases, made.lang, made.pseudonymise, made.names, made.analyses, made.page = before
            return page("meeting.html.j2", 400, key=key, upload=made, speakers=made.speakers, error=str(exc))
        return redirect(url_for("meeting", key=key), code=303)

    def report_headers() -> dict[str, str]:
        from ..report import _csp

        # The report's own policy (its one stylesheet by hash), sent as a header too; framed only by this page.
        return {
            "Content-Type": "text/html; charset=utf-8",
            "Content-Security-Policy": _csp() + "; frame-ancestors 'self'",
        }

    @app.get("/m/<key>/report.html")
    def report_page(key: str) -> Any:
        return upload_of(key).html(), 200, report_headers()

    @app.get("/m/<key>/download")
    def download(key: str) -> Any:
        made = upload_of(key)
        stem = "team" if len(made.files) > 1 else made.files[0][0].rsplit(".", 1)[0]
        stem = "rapport" if made.pseudonymise else "".join(c for c in stem if c.isalnum() or c in "-_") or "rapport"
        return (
            made.html(),
            200,
            report_headers() | {"Content-Disposition": f'attachment; filename="leadsignal-{stem}.html"'},
        )

    @app.post("/m/<key>/forget")
    def forget(key: str) -> Any:
        with lock:
            uploads.pop(key, None)
        return redirect(url_for("index"), code=303)

    @app.errorhandler(413)
    def too_large(_: Any) -> Any:
        return page("index.html.j2", 413, error=f"Het bestand is groter dan {MAX_UPLOAD // 2**20} MB.")

    return app


def serve(port: int = 8765, open_browser: bool = True) -> None:
    """Run the page on http://127.0.0.1:PORT/ until interrupted (127.0.0.1 only: other machines cannot reach it)."""
    import webbrowser

    from werkzeug.serving import make_server

    app = create_app()
    try:
        server = make_server("127.0.0.1", port, app, threaded=True)
    except OSError as exc:
        raise ConfigError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); try --port") from None
    url = f"http://127.0.0.1:{server.server_port}/"
    print(f"leadsignal serves {url} (this machine only; Ctrl+C stops it and forgets every upload)", flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
