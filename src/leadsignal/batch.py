"""Corpus runs: many transcripts to Parquet/CSV tables, resumable, on local worker processes or a Dask cluster.

Layout of an output folder::

    OUT/meetings.parquet  speakers.parquet  utterances.parquet  ideas.parquet  windows.parquet  edges.parquet
        factions.parquet   (or .csv with csv=True)
    OUT/errors.csv        file, line, message of every file that could not be analysed
    OUT/json/<stem>-<hash12>.json   the analysis JSON of each meeting (schema leadsignal.analysis/3)
    OUT/parts/<hash>.json           the table rows of one input (or its error), keyed by content hash
    OUT/manifest.jsonl              one line per finished input: hash, file, status, settings fingerprint

How a killed run loses nothing and duplicates nothing: a worker's result is written to ``parts/`` and ``json/``
(temporary file, then ``os.replace``) before its manifest line is appended; a torn last manifest line is ignored;
a part without a manifest line is simply recomputed and replaced under the same name. The tables and
errors.csv are rebuilt from the manifest's parts at the end of every run (again temporary file, then rename), one
row set per content hash, in the order of the input list, so they are the same however often the run was
interrupted, and whichever engine ran it.
"""

from __future__ import annotations

import csv as csvlib
import fnmatch
import glob
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .errors import ConfigError, LeadsignalError
from .io import SUFFIXES

__all__ = ["run", "BatchResult", "collect", "csv_text", "strip_controls", "DEFAULT_EXCLUDE", "TABLES"]

TABLES = (  # = contract.TABLES
    "meetings",
    "speakers",
    "utterances",
    "ideas",
    "windows",
    "edges",
    "factions",
    "decisions",
    "claims",
)
ENGINES = ("local", "dask")
_SKIP_DIRS = {"json", "parts"}  # our own output, when OUT lies inside an input folder


@dataclass
class BatchResult:
    """What a run did: ``analysed + skipped + duplicates + failed == total``. ``skipped`` counts inputs analysed by
    an earlier run; ``failed`` every input without tables, failures remembered from earlier runs included;
    ``errors`` holds their (file, line, message); ``excluded`` the files left out by the include/exclude globs.
    ``rate`` is the one files/s figure of a run (the progress bar shows the same): inputs this run analysed or
    failed on, per second of analysis (``analysis_seconds``: from the first job to the last outcome; ``seconds``
    also holds hashing and building the tables)."""

    out: Path
    total: int = 0
    analysed: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    processed: int = 0
    analysis_seconds: float = 0.0
    excluded: list[Path] = field(default_factory=list)
    errors: list[tuple[str, int | None, str]] = field(default_factory=list)
    tables: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Files analysed or failed by this run per second of analysis (0 when it had nothing to do)."""
        return self.processed / self.analysis_seconds if self.analysis_seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return self.failed == 0


# --------------------------------------------------------------------------------------------------- inputs


DEFAULT_EXCLUDE = (
    "*.gold.json",
    "*.truth.json",
    "ParlaMint-*-list*.xml",
    "ParlaMint-*taxonomy*.xml",
    "ParlaMint-[A-Z][A-Z].xml",
    "ParlaMint-[A-Z][A-Z]-[A-Z][A-Z].xml",
)
"""Files that sit next to transcripts and are not transcripts: annotations (leadsignal's gold files, parliament
truth files) and a ParlaMint corpus's root, person, organisation and taxonomy files."""


def collect(
    inputs: Iterable[str | os.PathLike[str]],
    exclude: Path | None = None,
    follow_symlinks: bool = False,
    include_globs: Sequence[str] = (),
    exclude_globs: Sequence[str] = DEFAULT_EXCLUDE,
    excluded: list[Path] | None = None,
) -> list[Path]:
    """Files named directly, transcripts (by suffix) found recursively in folders, and glob matches; sorted within
    each input, first occurrence kept. A name that matches nothing raises :class:`ConfigError`.

    Files found in a folder or by a glob are kept when their name (or their path, for a pattern with a "/") matches
    one of ``include_globs`` (when given) and none of ``exclude_globs`` (default: :data:`DEFAULT_EXCLUDE`); the ones
    left out are appended to ``excluded``. A file named directly is always kept. Inside a folder, symbolic links are
    not followed (a linked folder is not entered, a linked file that points outside the folder is left out) unless
    ``follow_symlinks``; a folder reached twice (a link loop) is read once.

    >>> collect([])
    []
    """
    found: dict[Path, None] = {}
    for item in inputs:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            matches = _walk(path, exclude, follow_symlinks)
        elif path.is_file():
            found.setdefault(path, None)
            continue
        elif glob.has_magic(text):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
        else:
            raise ConfigError(f"{text}: no such file or folder")
        for p in matches:
            if _selected(p, include_globs, exclude_globs):
                found.setdefault(p, None)
            elif excluded is not None and p not in excluded:
                excluded.append(p)
    return list(found)


def _selected(path: Path, include_globs: Sequence[str], exclude_globs: Sequence[str]) -> bool:
    def matches(pattern: str) -> bool:
        return fnmatch.fnmatch(path.as_posix() if "/" in pattern else path.name, pattern)

    if include_globs and not any(matches(p) for p in include_globs):
        return False
    return not any(matches(p) for p in exclude_globs)


def _walk(root: Path, exclude: Path | None, follow_symlinks: bool) -> list[Path]:
    inside = root.resolve()
    visited: set[str] = set()
    found = []
    for folder, subfolders, names in os.walk(root, followlinks=follow_symlinks):
        real = os.path.realpath(folder)
        if real in visited:  # a link loop, or two links to one folder
            subfolders[:] = []
            continue
        visited.add(real)
        for name in names:
            p = Path(folder) / name
            if not _is_transcript(p, root, exclude):
                continue
            if p.is_symlink() and not follow_symlinks and inside not in p.resolve().parents:
                continue
            found.append(p)
    return sorted(found)


def _is_transcript(p: Path, root: Path, exclude: Path | None) -> bool:
    if not p.is_file() or p.suffix.lower() not in SUFFIXES or p.name.startswith("."):
        return False
    if exclude is not None and exclude.resolve() in p.resolve().parents:
        return False
    return not any(part in _SKIP_DIRS or part.startswith(".") for part in p.relative_to(root).parts[:-1])


# --------------------------------------------------------------------------------------------------- workers


def analyse_bytes(data: bytes, path: str, config: Config, format: str | None = None) -> dict[str, Any]:
    """Read and analyse one transcript held in memory; never raises. Returns ``{"analysis": dict}`` or
    ``{"error": {"file", "line", "message"}}``. Runs in worker processes, where the NLP pipeline is loaded once
    (``leadsignal.analysis`` caches it per process)."""
    from .analysis import analyse
    from .io import read_bytes

    try:
        return {"analysis": analyse(read_bytes(data, path, format), config).to_dict()}
    except LeadsignalError as exc:
        line = getattr(exc, "line", None)
        message = getattr(exc, "reason", None) or str(exc)
        return {"error": {"file": path, "line": line, "message": message}}
    except Exception as exc:  # a bug must not stop a corpus run: report it as this file's error
        return {"error": {"file": path, "line": None, "message": f"internal error: {type(exc).__name__}: {exc}"}}


def _job(data: bytes, path: str, key: str, config: Config, format: str | None, out: str | None) -> dict[str, Any]:
    """:func:`analyse_bytes` plus serialising (and, with ``out``, writing) its outputs, so that the worker does it,
    not the parent. With ``out`` (workers that share the output folder: the local engine) the analysis JSON and the
    file's table rows are written there and only their names come back; without it (Dask workers, possibly on other
    machines) they come back as text for the parent to write. ``key`` is the content hash. An error comes back as
    :func:`analyse_bytes` gives it."""
    outcome = analyse_bytes(data, path, config, format)
    if "analysis" not in outcome:
        return outcome
    from .contract import table_rows

    analysis = outcome["analysis"]
    json_name = f"{Path(path).stem[:80]}-{key[:12]}.json"  # bounded: file names have a length limit
    done = {
        "json_name": json_name,
        "json": json.dumps(analysis, ensure_ascii=False),
        "part": json.dumps({"tables": table_rows(analysis, path, key, json_name)}, ensure_ascii=False),
        "words": analysis["meeting"]["n_words"],
    }
    if out is not None:
        try:
            _write_text(Path(out) / "json" / json_name, done.pop("json"), sync=False)  # made durable by _commit
            _write_text(Path(out) / "parts" / f"{key}.json", done.pop("part"), sync=False)
        except OSError as exc:  # this file's output cannot be written: its error, not the run's
            return {"error": {"file": path, "line": None, "message": _unwritable(exc)}}
    return done


def _warm(config: Config) -> None:
    """Worker initialiser: load the NLP pipeline and models before the first file arrives."""
    from .analysis import analyse
    from .transcript import Meeting, Utterance

    analyse(Meeting("warm-up", (Utterance(0, "A", "Zullen we beginnen?"), Utterance(1, "B", "Ja."))), config)


def _private_cluster(workers: int) -> tuple[Any, Any]:
    """A Dask LocalCluster that only this process can use: TLS with a certificate made for this run (a client
    without it, such as another user's on the same machine, is refused), on 127.0.0.1 only, and no dashboard or
    other HTTP route (random ports, none of them serving anything)."""
    import dask
    from dask.distributed import LocalCluster

    try:
        from distributed.security import Security

        security = Security.temporary()
    except ImportError:
        raise ConfigError("the dask engine needs 'cryptography' for TLS: pip install 'leadsignal[dask]'") from None
    no_routes: dict[str, list[str]] = {"distributed.scheduler.http.routes": [], "distributed.worker.http.routes": []}
    with dask.config.set(no_routes):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            protocol="tls://",
            security=security,
            dashboard_address="127.0.0.1:0",
            worker_dashboard_address="127.0.0.1:0",
            scheduler_kwargs={"dashboard": False},
        )
    return cluster, security


class _Engine:
    """Runs :func:`_job` on submitted jobs; yields (key, result) as they finish."""

    def __init__(
        self,
        kind: str,
        workers: int,
        config: Config,
        scheduler: str | None,
        connect_timeout: float = 10.0,
        out: Path | None = None,
    ) -> None:
        self.kind, self.workers, self.config = kind, workers, config
        self.out = str(out) if out is not None and kind == "local" else None  # local workers write their outputs
        self.inline = kind == "local" and workers == 1  # no pool: the work runs in this process
        self._pool: ProcessPoolExecutor | None = None
        self._client: Any = None
        self._cluster: Any = None
        if kind == "dask":
            try:
                from dask.distributed import Client
            except ImportError:
                raise ConfigError("the dask engine needs the extra: pip install 'leadsignal[dask]'") from None
            if scheduler:
                try:
                    self._client = Client(scheduler, timeout=connect_timeout)
                except (OSError, TimeoutError, ValueError) as exc:
                    reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
                    raise ConfigError(
                        f"cannot reach the Dask scheduler {scheduler} within {connect_timeout:g} s ({reason})"
                    ) from None
            else:
                self._cluster, security = _private_cluster(workers)
                self._client = Client(self._cluster, security=security)
            self._client.run(_warm, config)
        elif workers > 1:
            import multiprocessing

            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["leadsignal.analysis"])
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm, initargs=(config,))

    @property
    def capacity(self) -> int:
        """How many jobs to keep in flight (bounded, so a huge corpus is never all in memory)."""
        return 4 * self.workers

    def map(self, jobs: Iterator[tuple[Any, bytes, str]], format: str | None) -> Iterator[tuple[Any, dict]]:
        if self.inline:
            for key, data, path in jobs:
                yield key, _job(data, path, key, self.config, format, self.out)
            return
        pending: dict[Any, Any] = {}
        jobs = iter(jobs)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.capacity:
                job = next(jobs, None)
                if job is None:
                    exhausted = True
                    break
                key, data, path = job
                pending[self._submit(data, path, key, format)] = key
            if not pending:
                return
            for future in self._finished(list(pending)):
                key = pending.pop(future)
                yield key, future.result()

    def _submit(self, data: bytes, path: str, key: Any, format: str | None) -> Any:
        if self._client is not None:
            return self._client.submit(_job, data, path, key, self.config, format, None, pure=False)
        assert self._pool is not None
        return self._pool.submit(_job, data, path, key, self.config, format, self.out)

    def _finished(self, futures: list[Any]) -> list[Any]:
        if self._client is not None:
            from dask.distributed import wait as dask_wait

            return list(dask_wait(futures, return_when="FIRST_COMPLETED").done)
        done, _ = wait(futures, return_when=FIRST_COMPLETED)
        return list(done)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()


# --------------------------------------------------------------------------------------------------- files


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder (created exclusively, unpredictable name, mode 0600), then
    rename over ``path``."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_text(path: Path, text: str, sync: bool = True) -> None:
    """Write ``text`` atomically; with ``sync`` also durably (fsync) before the rename."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())

    _atomic_write(path, write)


def fingerprint(config: Config, format: str | None) -> str:
    """Settings that change results: a manifest entry made under other settings, or with other model files (by
    content: a model retrained into the same folder counts as another model), does not count as done."""
    from .signals.loading import provenance

    blob = json.dumps([asdict(provenance(config)), format], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


class Manifest:
    """Append-only JSON lines; an entry counts only if it parses, has this run's fingerprint and its part exists.
    Lines that are not such an entry (torn by a kill, or damaged) are skipped; ``warnings`` says how many."""

    def __init__(self, out: Path, settings: str) -> None:
        self.path = out / "manifest.jsonl"
        self.parts = out / "parts"
        self.settings = settings
        self.done: dict[str, dict] = {}
        self.warnings: list[str] = []
        if not self.path.exists():
            return
        damaged = 0
        with open(self.path, "rb") as fh:
            lines = fh.read().split(b"\n")
        for raw in lines:
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw.decode("utf-8"))
            except ValueError:  # torn by a kill, or not UTF-8 / not JSON
                damaged += 1
                continue
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("hash"), str)
                and re.fullmatch(r"[0-9a-f]{64}", entry["hash"])
                and entry.get("status") in ("ok", "error")
            ):
                damaged += 1
                continue
            if entry.get("settings") == settings and (self.parts / f"{entry['hash']}.json").exists():
                self.done[entry["hash"]] = entry
        if damaged:
            self.warnings.append(f"{self.path}: skipped {damaged} damaged line(s); their files are analysed again")

    def add(self, entries: Sequence[dict]) -> None:
        """Append finished inputs' entries with one fsync, completing a line torn by an earlier kill first. Call it
        only once their files are durable (see :func:`_commit`)."""
        if not entries:
            return
        entries = [entry | {"settings": self.settings} for entry in entries]
        lines = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
        # Complete a line torn by an earlier kill, so the first entry starts on its own line.
        prefix = ""
        if self.path.exists() and self.path.stat().st_size:
            with open(self.path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                prefix = "" if fh.read(1) == b"\n" else "\n"
        with open(os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "a", encoding="utf-8") as fh:
            fh.write(prefix + lines)
            fh.flush()
            os.fsync(fh.fileno())
        for entry in entries:
            self.done[entry["hash"]] = entry


# --------------------------------------------------------------------------------------------------- tables


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    r"""A string as a CSV cell that a spreadsheet shows as text: control characters removed, and a leading
    ``= + - @`` or tab prefixed with ``'`` so that Excel and LibreOffice never run it as a formula (OWASP).

    >>> csv_text("=HYPERLINK(\"x\")"), csv_text("-5 graden"), csv_text("Anna\x1b[31m")
    ('\'=HYPERLINK("x")', "'-5 graden", 'Anna[31m')
    """
    value = strip_controls(value)
    return "'" + value if value.startswith(_FORMULA) else value


def strip_controls(text: str) -> str:
    """``text`` without control characters (terminal escape sequences lose their ESC and show as text)."""
    return _CONTROL.sub("", text)


def _csv_value(v: Any) -> Any:
    if isinstance(v, list):
        return csv_text(";".join("" if x is None else str(x) for x in v))
    if isinstance(v, str):
        return csv_text(v)
    return "" if v is None else v


def _build_tables(out: Path, hashes: Sequence[str], as_csv: bool) -> dict[str, Path]:
    """Stream every part into all the tables in one pass (each part read once, one part and at most
    ``_ROW_GROUP`` buffered rows per table in memory), with the contract's fixed schema; each table is written
    through a temporary file and renamed into place."""
    from .contract import arrow_schemas

    schemas = arrow_schemas()
    paths = {table: out / f"{table}.{'csv' if as_csv else 'parquet'}" for table in TABLES}
    tmps: dict[str, Path] = {}
    try:
        for table in TABLES:
            fd, name = tempfile.mkstemp(dir=out, prefix=".", suffix=".tmp")
            os.close(fd)
            tmps[table] = Path(name)
        sinks = {table: (_CsvSink if as_csv else _ParquetSink)(tmps[table], schemas[table]) for table in TABLES}
        try:
            for digest in hashes:
                with open(out / "parts" / f"{digest}.json", encoding="utf-8") as fh:
                    part = json.load(fh)
                for table, sink in sinks.items():
                    sink.add(part.get("tables", {}).get(table, []))  # a part written before a table existed: none
        finally:
            for sink in sinks.values():
                sink.close()
        for table in TABLES:
            os.replace(tmps[table], paths[table])
    finally:
        for tmp in tmps.values():
            if tmp.exists():
                tmp.unlink()
    return paths


_ROW_GROUP = 5_000


class _ParquetSink:
    def __init__(self, path: Path, schema: Any) -> None:
        import pyarrow.parquet as pq

        self.schema = schema
        self.rows: list[dict] = []
        self.writer = pq.ParquetWriter(path, schema)

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= _ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self.writer.close()


class _CsvSink:
    def __init__(self, path: Path, schema: Any) -> None:
        self.names = schema.names
        self.fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by close())
        self.writer = csvlib.DictWriter(self.fh, fieldnames=self.names)
        self.writer.writeheader()

    def add(self, rows: list[dict]) -> None:
        self.writer.writerows({k: _csv_value(r.get(k)) for k in self.names} for r in rows)

    def close(self) -> None:
        self.fh.close()


def _write_errors(out: Path, errors: list[tuple[str, int | None, str]]) -> Path:
    path = out / "errors.csv"

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            writer = csvlib.writer(fh)
            writer.writerow(["file", "line", "message"])
            writer.writerows((csv_text(f), "" if line is None else line, csv_text(msg)) for f, line, msg in errors)

    _atomic_write(path, write)
    return path


# --------------------------------------------------------------------------------------------------- run


def run(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    csv: bool = False,
    config: Config | None = None,
    format: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    follow_symlinks: bool = False,
    include: Sequence[str] = (),
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    connect_timeout: float = 10.0,
) -> BatchResult:
    """Analyse every transcript in ``paths`` (files, folders searched recursively, globs) into tables in ``out``.

    A file that fails never stops the run: it goes to errors.csv. Files already finished under the same settings
    (by content hash, see ``manifest.jsonl``) are skipped, so a rerun after an interruption only does what is left.
    ``progress(done, total)`` is called after each input. ``include`` and ``exclude`` are file-name globs for the
    files found in folders and by globs (:func:`collect`; gold and truth files are left out by default, and
    ``BatchResult.excluded`` lists what was). Returns a :class:`BatchResult`.
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    config = config or Config()
    out = Path(out)
    left_out: list[Path] = []
    files = collect(paths, out, follow_symlinks, include, exclude, left_out)
    try:
        # the transcripts' content: readable by the owner only (a folder that exists already keeps its mode)
        out.mkdir(mode=0o700, parents=True, exist_ok=True)
        for sub in ("json", "parts"):
            (out / sub).mkdir(mode=0o700, exist_ok=True)
        lock = _lock(out)
    except OSError as exc:
        raise ConfigError(f"{out}: cannot write the output folder ({exc.strerror})") from None
    try:
        result = _run(files, out, workers, engine, scheduler, csv, config, format, progress, connect_timeout)
        result.excluded = left_out
        return result
    finally:
        lock.close()  # releases the lock; a killed run's lock goes with its process


def _lock(out: Path) -> Any:
    """An exclusive lock on ``out/.lock`` for this run: a second run on the same output stops with one line."""
    handle = open(os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o600), "a+")  # noqa: SIM115 - held open for the whole run, closed by run()
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        return handle
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise ConfigError(f"{out}: another leadsignal batch is writing this output folder; wait for it") from None
    return handle


def _run(
    files: list[Path],
    out: Path,
    workers: int,
    engine: str,
    scheduler: str | None,
    csv: bool,
    config: Config,
    format: str | None,
    progress: Callable[[int, int], None] | None,
    connect_timeout: float,
) -> BatchResult:
    for stale in (*out.glob(".*.tmp"), *(out / "json").glob(".*.tmp"), *(out / "parts").glob(".*.tmp")):
        stale.unlink()  # left by a killed run
    manifest = Manifest(out, fingerprint(config, format))
    result = BatchResult(out=out, total=len(files), warnings=list(manifest.warnings))
    started = time.perf_counter()

    remembered = 0  # inputs finished by an earlier run
    order: list[str] = []  # content hashes in input order, each once
    seen: set[str] = set()
    todo: list[tuple[str, Path]] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            result.errors.append((str(path), None, f"cannot read: {exc.strerror}"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            result.duplicates += 1
            continue
        seen.add(digest)
        order.append(digest)
        if digest in manifest.done:
            # done before: an analysis counts as skipped, a failure as failed (below), so that analysed + skipped +
            # duplicates + failed is the number of files
            remembered += 1
            result.skipped += manifest.done[digest]["status"] == "ok"
        else:
            todo.append((digest, path))
    done = remembered + result.duplicates + len(result.errors)
    if progress:
        progress(done, result.total)

    # Files are read again here rather than kept from hashing, so memory does not grow with the corpus.
    def jobs() -> Iterator[tuple[str, bytes, str]]:
        nonlocal done
        for digest, path in todo:
            try:
                yield digest, path.read_bytes(), str(path)
            except OSError as exc:  # gone or locked since it was hashed: report, do not remember
                result.errors.append((str(path), None, f"cannot read: {exc.strerror}"))
                done += 1
                result.processed += 1

    by_hash = dict(todo)
    analysis_started = time.perf_counter()
    if todo:
        runner = _Engine(engine, workers, config, scheduler, connect_timeout, out)
        group: list[dict] = []  # entries whose files are written but not yet committed
        oldest = 0.0
        try:
            for digest, outcome in runner.map(jobs(), format):
                try:
                    entry = _record(out, digest, by_hash[digest], outcome)
                except OSError as exc:  # this file's output cannot be written: its error, not the run's
                    outcome = {"error": {"file": str(by_hash[digest]), "line": None, "message": _unwritable(exc)}}
                    entry = _record(out, digest, by_hash[digest], outcome)
                if not group:
                    oldest = time.perf_counter()
                group.append(entry)
                if len(group) >= _COMMIT_EVERY or time.perf_counter() - oldest >= _COMMIT_AFTER_S:
                    _commit(manifest, group)
                result.analysed += "json_name" in outcome
                result.processed += 1
                done += 1
                if progress:
                    progress(done, result.total)
        except BrokenProcessPool:
            raise ConfigError(
                "the worker processes could not start. Worker processes import the script that called batch.run: "
                'put the call under `if __name__ == "__main__":` (docs/batch.md), or use workers=1'
            ) from None
        finally:
            runner.close()
            _commit(manifest, group)  # what finished, also on Ctrl-C
            result.analysis_seconds = time.perf_counter() - analysis_started

    for digest in order:
        known = manifest.done.get(digest)
        if known is None:
            continue
        if known["status"] == "error":
            result.errors.append((str(known.get("file", "")), known.get("line"), str(known.get("message", ""))))
        else:
            result.words += known.get("words", 0)
    result.failed = len(result.errors)
    result.tables = _build_tables(out, [d for d in order if manifest.done.get(d, {}).get("status") == "ok"], csv)
    result.tables["errors"] = _write_errors(out, result.errors)
    result.seconds = time.perf_counter() - started
    return result


def _unwritable(exc: OSError) -> str:
    return f"cannot write its output: {exc.strerror or exc}"


def _record(out: Path, digest: str, path: Path, outcome: dict) -> dict:
    """Write one input's part and JSON (unless its worker did; not yet durable) and return its manifest entry."""
    if "json_name" in outcome:
        if "json" in outcome:
            _write_text(out / "json" / outcome["json_name"], outcome["json"], sync=False)
            _write_text(out / "parts" / f"{digest}.json", outcome["part"], sync=False)
        return {"hash": digest, "file": str(path), "status": "ok", "words": outcome["words"]}
    text = json.dumps({"error": outcome["error"]}, ensure_ascii=False)
    _write_text(out / "parts" / f"{digest}.json", text, sync=False)
    return {"hash": digest, "status": "error"} | outcome["error"]


_COMMIT_EVERY = 32  # inputs
_COMMIT_AFTER_S = 0.5


def _commit(manifest: Manifest, entries: list[dict]) -> None:
    """Make the files of ``entries`` durable (one ``os.sync``), then append their manifest lines (one fsync): a
    line is only in the manifest when its files are on disk, at two syncs per group instead of three per input.
    A kill before the commit loses the group's lines, and a resumed run analyses those inputs again."""
    if entries:
        os.sync()
        manifest.add(entries)
        entries.clear()
