"""The ``leadsignal`` command line. Errors a user can cause print one line and exit with code 2."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .analysis import Analysis, analyse
from .config import Config
from .errors import ConfigError, LeadsignalError
from .io import READERS, read

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Shared-leadership signals in Dutch meeting transcripts.",
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

DEMO = "voorbeeld-overleg.vtt"


def _aliases(path: Path | None) -> dict[str, str] | None:
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read the alias map ({exc})") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError(f"{path}: the alias map must be a JSON object of name -> name")
    return data


def _summary(analysis: Analysis) -> None:
    m = analysis.meeting
    table = Table(title=f"{m.id}: {len(m.utterances)} utterances, {sum(analysis.words)} words ({m.format})")
    table.add_column("speaker")
    table.add_column("words", justify="right")
    table.add_column(f"talk share ({analysis.talk_basis})", justify="right")
    table.add_column("turns", justify="right")
    for row in analysis.speaker_rows:
        table.add_row(row["name"], str(row["words"]), f"{row['talk_share']:.0%}", str(row["turns"]))
    out.print(table)
    for warning in m.warnings:
        err.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)


@app.command("analyse")
def analyse_cmd(
    file: Annotated[Path, typer.Argument(help="transcript (.vtt .srt .txt .json .csv .tsv)")],
    json_out: Annotated[Path | None, typer.Option("--json", help="write the analysis JSON here")] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="reader to use; see 'formats'")] = None,
    aliases: Annotated[Path | None, typer.Option(help="JSON object mapping speaker names to merged names")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no summary table")] = False,
) -> None:
    """Analyse one transcript: print a summary and write the JSON contract."""
    analysis = analyse(read(file, format=format, aliases=_aliases(aliases)), Config())
    if json_out is not None:
        _write(json_out, analysis.to_json())
    if not quiet:
        _summary(analysis)


def _write(path: Path, text: str) -> None:
    if str(path) == "-":
        sys.stdout.write(text + "\n")
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write ({exc.strerror})") from None


@app.command("formats")
def formats_cmd() -> None:
    """List the transcript formats leadsignal reads."""
    table = Table()
    for column in ("format", "suffixes", "what is recognised"):
        table.add_column(column)
    for r in READERS:
        table.add_row(r.name, " ".join(r.suffixes), r.description)
    out.print(table)


@app.command("demo")
def demo_cmd(
    json_out: Annotated[Path | None, typer.Option("--json", help="write the analysis JSON here")] = None,
) -> None:
    """Analyse the bundled example meeting (a Dutch team meeting written for leadsignal)."""
    with resources.as_file(resources.files("leadsignal.data").joinpath(DEMO)) as path:
        analysis = analyse(read(path))
    if json_out is not None:
        _write(json_out, analysis.to_json())
    _summary(analysis)


def main() -> None:
    """Console entry point: leadsignal errors become one line on stderr and exit code 2, never a traceback."""
    try:
        app()  # standalone: usage errors print click's message and exit 2
    except LeadsignalError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(2)
