"""The ``leadsignal`` command line. Errors a user can cause print one line and exit with code 2."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .config import Config
from .errors import ConfigError, LeadsignalError
from .io import READERS, SUFFIXES, read

if TYPE_CHECKING:
    from .analysis import Analysis

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Shared-leadership signals in Dutch meeting transcripts.",
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

DEMO = "voorbeeld-overleg.vtt"


ENCODER_HELP = "similarity encoder: tfidf | static | e5 | use | hf:PATH (local model)"


def _config(encoder: str, acts_model: Path | None, uptake_model: Path | None) -> Config:
    """The analysis settings of the command-line options."""
    return Config(
        encoder=encoder,
        acts_model=str(acts_model) if acts_model else None,
        uptake_model=str(uptake_model) if uptake_model else None,
    )


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
    title = f"{m.id}: {len(m.utterances)} utterances, {sum(analysis.words)} words ({m.format})"
    table = Table(title=escape(title))  # names and file names are text, never rich markup ("[/]", "[concept]")
    table.add_column("speaker", no_wrap=True)
    table.add_column("words", justify="right")
    table.add_column(f"talk share ({analysis.talk_share_basis})", justify="right")
    table.add_column("turns", justify="right")
    table.add_column("proposals", justify="right")
    table.add_column("dominance rank", justify="right")
    table.add_column("faction", justify="right")
    for s in analysis.speaker_measures:
        table.add_row(
            escape(s.name),
            str(s.words),
            f"{s.talk_share:.0%}",
            str(s.turns),
            str(s.proposals),
            str(s.dominance_rank),
            str(s.faction),
        )
    out.print(table)
    from .metrics.factions import ALPHA

    indices = analysis.indices
    factions = f"factions {indices.n_factions}"
    if indices.n_factions > 1:  # the sign-permutation p-value of the split (docs/metrics.md)
        factions += f" (p = {indices.faction_p_value:.2f}"
        factions += ")" if indices.faction_p_value < ALPHA else ": not significant, weak evidence of camps)"
    out.print(
        f"shared leadership index {indices.shared_leadership_index:.2f} · participation Gini "
        f"{indices.participation_gini:.2f} · ideas {indices.n_ideas} · {factions}"
    )
    for warning in m.warnings:
        err.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)


@app.command("analyse")
def analyse_cmd(
    file: Annotated[Path, typer.Argument(help=f"transcript ({' '.join(SUFFIXES)})")],
    json_out: Annotated[Path | None, typer.Option("--json", help="write the analysis JSON here")] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="reader to use; see 'formats'")] = None,
    aliases: Annotated[Path | None, typer.Option(help="JSON object mapping speaker names to merged names")] = None,
    graphs: Annotated[Path | None, typer.Option("--graphs", help="write GraphML, GEXF and node-link JSON here")] = None,
    encoder: Annotated[str, typer.Option(help=ENCODER_HELP)] = "tfidf",
    acts_model: Annotated[Path | None, typer.Option(help="act model folder (default: the bundled one)")] = None,
    uptake_model: Annotated[Path | None, typer.Option(help="uptake weights JSON (default: the bundled one)")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="write the coach's feedback page here")] = None,
    lang: Annotated[str, typer.Option(help="language of the feedback page: nl | en")] = "nl",
    pseudonymise: Annotated[bool, typer.Option(help="feedback page with Deelnemer A, B, ... for names")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no summary table")] = False,
) -> None:
    """Analyse one transcript: print a summary and write the JSON contract."""
    from .analysis import analyse
    from .graphs import export
    from .results import node_attributes

    config = _config(encoder, acts_model, uptake_model)
    analysis = analyse(read(file, format=format, aliases=_aliases(aliases)), config)
    if json_out is not None:
        _write(json_out, analysis.to_json())
    if html is not None:
        from . import report

        report.write(analysis, html, lang, pseudonymise)
    if graphs is not None:
        try:
            export(analysis.networks, graphs, analysis.meeting.id, node_attributes(analysis))
        except OSError as exc:
            raise ConfigError(f"{graphs}: cannot write graphs ({exc.strerror})") from None
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


@app.command("report")
def report_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="transcript, or an analysis JSON written by 'analyse --json'; several: a series page of one team"
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write")] = Path("feedback.html"),
    lang: Annotated[str, typer.Option(help="nl (default) | en")] = "nl",
    pseudonymise: Annotated[bool, typer.Option(help="speakers become Deelnemer A, B, ... everywhere")] = False,
    names: Annotated[
        Path | None, typer.Option("--names", help="with --pseudonymise: a file of other names to replace, one a line")
    ] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="reader to use; see 'formats'")] = None,
    aliases: Annotated[Path | None, typer.Option(help="JSON object mapping speaker names to merged names")] = None,
    encoder: Annotated[str, typer.Option(help=ENCODER_HELP)] = "tfidf",
    acts_model: Annotated[Path | None, typer.Option(help="act model folder (default: the bundled one)")] = None,
    uptake_model: Annotated[Path | None, typer.Option(help="uptake weights JSON (default: the bundled one)")] = None,
) -> None:
    """Write the coach's feedback page for one meeting, or the series page of a team's meetings (in the order
    given; speakers matched by name and --aliases): one self-contained HTML file."""
    from . import report

    config = _config(encoder, acts_model, uptake_model)
    mapping = _aliases(aliases)
    analyses = []
    for file in files:
        data: Any = _saved_analysis(file)
        if data is None:
            from .analysis import analyse

            data = analyse(read(file, format=format, aliases=mapping), config)
        analyses.append(data)
    if len(analyses) == 1:
        path = report.write(analyses[0], output, lang, pseudonymise, _names(names))
        out.print(f"feedback page written to {path}", markup=False, highlight=False)
    else:
        path = report.write_series(analyses, output, lang, pseudonymise)
        out.print(f"series page of {len(analyses)} meetings written to {path}", markup=False, highlight=False)


def _names(path: Path | None) -> list[str]:
    """People named in the transcript who do not speak, one a line (# comments), for --pseudonymise."""
    if path is None:
        return []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read the names ({exc})") from None
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def _saved_analysis(file: Path) -> dict | None:
    """The analysis in ``file`` when it is one written by 'analyse --json', else None (a transcript)."""
    if file.suffix.lower() != ".json":
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None  # the transcript readers give the precise error
    if isinstance(data, dict) and str(data.get("schema", "")).startswith("leadsignal.analysis/"):
        from .contract import READS

        if data["schema"] not in READS:
            raise ConfigError(f"{file}: analysis schema {data['schema']!r}, this version reads {', '.join(READS)}")
        from .contract import problem

        wrong = problem(data)  # a hand-edited or damaged analysis: say where, do not crash in the report
        if wrong is not None:
            raise ConfigError(f"{file}: not a valid analysis ({wrong})")
        return data
    return None


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
    from .analysis import analyse

    with resources.as_file(resources.files("leadsignal.data").joinpath(DEMO)) as path:
        analysis = analyse(read(path))
    if json_out is not None:
        _write(json_out, analysis.to_json())
    _summary(analysis)


@app.command("batch")
def batch_cmd(
    inputs: Annotated[list[str], typer.Argument(help="transcript files, folders (searched recursively) or globs")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="output folder (tables, JSON, manifest)")],
    workers: Annotated[int, typer.Option(help="worker processes (local) or Dask workers (LocalCluster)")] = 1,
    engine: Annotated[str, typer.Option(help="local | dask")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address; default a LocalCluster")] = None,
    csv: Annotated[bool, typer.Option("--csv", help="CSV tables instead of Parquet")] = False,
    format: Annotated[str | None, typer.Option("--format", "-f", help="reader for every file; see 'formats'")] = None,
    encoder: Annotated[str, typer.Option(help=ENCODER_HELP)] = "tfidf",
    acts_model: Annotated[Path | None, typer.Option(help="act model folder (default: the bundled one)")] = None,
    uptake_model: Annotated[Path | None, typer.Option(help="uptake weights JSON (default: the bundled one)")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
    follow_symlinks: Annotated[
        bool, typer.Option("--follow-symlinks", help="follow symbolic links inside input folders")
    ] = False,
    include: Annotated[
        list[str] | None, typer.Option("--include", help="only files whose name matches this glob (repeatable)")
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="also leave out files whose name matches this glob (repeatable)"),
    ] = None,
    all_files: Annotated[
        bool, typer.Option("--all-files", help="keep annotation and corpus list files (gold, truth, ParlaMint lists)")
    ] = False,
    connect_timeout: Annotated[
        float, typer.Option("--connect-timeout", help="seconds to wait for a --scheduler before giving up")
    ] = 10.0,
) -> None:
    """Analyse a corpus into meetings/speakers/utterances/ideas tables; resumable. Exit 1 if any file failed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn

    from .batch import DEFAULT_EXCLUDE, run, strip_controls

    class Rate(ProgressColumn):
        """Files analysed or failed by this run per second since its first job: BatchResult.rate, live."""

        def render(self, task):  # type: ignore[no-untyped-def]
            first, last = task.fields.get("first"), task.fields.get("last")
            if first is None or last is None or task.completed <= first[0]:
                return "– files/s"
            return f"{(task.completed - first[0]) / max(last - first[1], 1e-9):.2f} files/s"

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if "first" not in bar.tasks[0].fields:  # the first call counts what earlier runs did: the rate starts here
            bar.update(task, first=(done, now))
        bar.update(task, completed=done, total=total, last=now)

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(), TimeRemainingColumn())
    with Progress(*columns, console=err, disable=quiet) as bar, _resume_hint(out_dir):
        task = bar.add_task("analysing", total=None)
        result = run(
            inputs,
            out_dir,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            csv=csv,
            config=_config(encoder, acts_model, uptake_model),
            format=format,
            progress=progress,
            follow_symlinks=follow_symlinks,
            include=include or (),
            exclude=(() if all_files else DEFAULT_EXCLUDE) + tuple(exclude or ()),
            connect_timeout=connect_timeout,
        )
    out.print(
        f"{result.total} files: {result.analysed} analysed, {result.skipped} already done, "
        f"{result.duplicates} duplicate(s), {result.failed} failed · {result.words} words in "
        f"{result.seconds:.1f} s ({result.rate:.2f} files/s) → {result.out}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if result.excluded:
        patterns = ", ".join((() if all_files else DEFAULT_EXCLUDE) + tuple(exclude or ()))
        reason = f"matching {patterns}" + (f" or not matching {', '.join(include)}" if include else "")
        err.print(
            f"skipped {len(result.excluded)} file(s) {reason} "
            "(annotation and corpus list files by default; --all-files keeps them)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    for warning in result.warnings:
        err.print(f"warning: {strip_controls(warning)}", markup=False, highlight=False, soft_wrap=True)
    for file, line, message in result.errors[:10]:
        where = f"{file}:{line}" if line is not None else file
        err.print(f"failed: {strip_controls(f'{where}: {message}')}", markup=False, highlight=False, soft_wrap=True)
    if len(result.errors) > 10:
        err.print(f"... and {len(result.errors) - 10} more in {result.tables['errors']}", markup=False)
    if not result.ok:
        raise typer.Exit(1)


def _not_the_bundled_model(output: Path, replace_bundled: bool) -> None:
    """Training writes a new model; replacing the one shipped in the package (models/ of a checkout) must be meant."""
    from .signals.loading import model_files

    bundled = [p.resolve() for p in model_files()]
    if not replace_bundled and output.resolve() in bundled:
        raise ConfigError(
            f"{output} is the model shipped with leadsignal; write elsewhere (-o my-model) or pass --replace-bundled"
        )


@contextlib.contextmanager
def _resume_hint(out_dir: Path) -> Iterator[None]:
    """Ctrl-C during a batch: say that the finished files are kept and how to go on, and exit 130."""
    try:
        yield
    except KeyboardInterrupt:
        err.print(
            f"interrupted: the files finished so far are kept in {out_dir}; run the same command again to resume",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(130) from None


def _needs_training_extra() -> None:
    """Training and evaluation use scikit-learn and skops, which the core install leaves out."""
    import importlib.util

    missing = [m for m in ("sklearn", "skops") if importlib.util.find_spec(m) is None]
    if missing:
        names = ", ".join(missing)
        raise ConfigError(f"training and evaluation need the extra: pip install 'leadsignal[train]' ({names} missing)")


train_app = typer.Typer(help="Train the learned layers from gold files (ANNOTATION.md format).", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("acts")
def train_acts_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="folder of *.gold.json files with their transcripts")],
    output: Annotated[Path, typer.Option("-o", "--output", help="model folder to write")],
    model_name: Annotated[
        str | None, typer.Option("--model", help="hf:PATH: add a local transformers model's sentence vectors")
    ] = None,
    replace_bundled: Annotated[
        bool, typer.Option("--replace-bundled", help="allow -o to overwrite the model shipped with leadsignal")
    ] = False,
) -> None:
    """Train the dialogue-act classifier on all gold meetings and save it with skops."""
    _not_the_bundled_model(output, replace_bundled)
    _needs_training_extra()
    from .gold import load_gold_dir
    from .training import prepare, train_acts

    if model_name is not None and not model_name.startswith("hf:"):
        raise ConfigError(f"--model takes hf:PATH (a local transformers model folder), not {model_name!r}")
    prepared = prepare(load_gold_dir(gold_dir))
    model = train_acts(prepared, **({"encoder": model_name} if model_name else {}))
    model.save(
        output,
        {
            "trained_on": [p.gold.gold["meeting"] for p in prepared],
            "utterances": int(sum(len(p.Y) for p in prepared)),
        },
    )
    out.print(f"act model written to {output} ({sum(len(p.Y) for p in prepared)} utterances)")


@train_app.command("uptake")
def train_uptake_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="folder of *.gold.json files with their transcripts")],
    output: Annotated[Path, typer.Option("-o", "--output", help="JSON file to write")],
    acts_model: Annotated[Path | None, typer.Option(help="act model whose probabilities feed the features")] = None,
    replace_bundled: Annotated[
        bool, typer.Option("--replace-bundled", help="allow -o to overwrite the model shipped with leadsignal")
    ] = False,
) -> None:
    """Fit the uptake weights on gold ideas and uptakes; writes readable JSON."""
    _not_the_bundled_model(output, replace_bundled)
    _needs_training_extra()
    from .gold import load_gold_dir
    from .models import model_path
    from .nlp import load
    from .signals.acts import DEFAULT_MODEL, ActClassifier
    from .signals.pipeline import SignalPipeline
    from .training import prepare, train_uptake

    pipeline = SignalPipeline(load())
    prepared = prepare(load_gold_dir(gold_dir), pipeline)
    acts = ActClassifier.load(acts_model or model_path(DEFAULT_MODEL))
    model = train_uptake(prepared, acts, pipeline)
    model.save(output, {"trained_on": [p.gold.gold["meeting"] for p in prepared]})
    out.print(f"uptake weights written to {output}")


@app.command("serve")
def serve_cmd(
    port: Annotated[int, typer.Option(help="port on 127.0.0.1 (0: any free port)")] = 8765,
    browser: Annotated[bool, typer.Option("--browser/--no-browser", help="open the page in the browser")] = True,
) -> None:
    """A local page to drop a transcript on and get the feedback page (this machine only; nothing is stored)."""
    try:
        import flask  # noqa: F401
    except ImportError:
        raise ConfigError("leadsignal serve needs the extra: pip install 'leadsignal[serve]'") from None
    from .web import serve

    serve(port, browser)


@app.command("evaluate")
def evaluate_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="folder of *.gold.json files with their transcripts")],
    json_out: Annotated[Path | None, typer.Option("--json", help="write the scores here")] = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="score the held-out meetings without punctuation and case (raw ASR)")
    ] = False,
    model: Annotated[
        Path | None, typer.Option("--model", help="score this act model folder as it is (no retraining)")
    ] = None,
    uptake_model: Annotated[
        Path | None, typer.Option("--uptake-model", help="with --model: uptake weights (default: the shipped ones)")
    ] = None,
    train_size: Annotated[
        int | None,
        typer.Option(
            "--train-size", help="train each fold on this many other meetings, drawn at random (a learning curve)"
        ),
    ] = None,
    act_encoder: Annotated[
        str | None,
        typer.Option("--act-encoder", help="retrain the act model with sentence vectors: e5 | static | use | hf:PATH"),
    ] = None,
    encoder: Annotated[
        str, typer.Option(help="similarity encoder of the uptake layer: tfidf | static | use | e5 | hf:PATH")
    ] = "tfidf",
    observations: Annotated[
        bool,
        typer.Option(
            "--observations",
            help="check the claims of the shipped models (no retraining, unless --model) against the gold signals",
        ),
    ] = False,
) -> None:
    """Leave-one-meeting-out scores of the learned layers (acts, ideas, uptake) on gold meetings; with
    --observations, the share of the report's claims that hold on the annotators' signals."""
    _needs_training_extra()
    import datetime

    from . import __version__
    from .gold import load_gold_dir
    from .training import evaluate_lomo

    if observations and model is None:
        from .models import model_path
        from .signals.acts import DEFAULT_MODEL

        model = model_path(DEFAULT_MODEL)
    started = time.perf_counter()
    scores = evaluate_lomo(
        load_gold_dir(gold_dir),
        progress=lambda m: err.print(f"scored {m}"),
        plain=plain,
        model=model,
        uptake=uptake_model,
        train_size=train_size,
        act_params={"encoder": act_encoder} if act_encoder else None,
        encoder=encoder,
    )
    scores["measured"] = {  # what docs quoting these figures cite
        "leadsignal_version": __version__,
        "date": datetime.date.today().isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    text = json.dumps(scores, indent=2)
    if json_out is not None:
        _write(json_out, text)
    out.print(text, markup=False, highlight=False)
    if observations:
        counted = scores["observations"]
        out.print(
            f"observation precision: {scores['observation_precision']:.2f} "
            f"({counted['held']} of {counted['claims']} claims hold on the gold signals)"
        )


convokit_app = typer.Typer(help="ConvoKit corpora: export analyses, import conversations.", no_args_is_help=True)
app.add_typer(convokit_app, name="convokit")


@convokit_app.command("export")
def convokit_export_cmd(
    inputs: Annotated[list[Path], typer.Argument(help="transcripts, analysis JSON files or folders of them")],
    output: Annotated[Path, typer.Option("-o", "--output", help="corpus folder to write")],
    format: Annotated[str | None, typer.Option("--format", "-f", help="reader for the transcripts")] = None,
    acts_model: Annotated[Path | None, typer.Option(help="act model folder (default: the bundled one)")] = None,
    uptake_model: Annotated[Path | None, typer.Option(help="uptake weights JSON (default: the bundled one)")] = None,
) -> None:
    """Write a ConvoKit corpus (one conversation per meeting, our signals as metadata; docs/interop.md).

    Analysis JSON files (from 'analyse --json' or a batch's json/ folder) are exported as they are; transcripts are
    analysed first.
    """
    from .analysis import analyse
    from .batch import collect
    from .interop.convokit import write_corpus

    config = _config("tfidf", acts_model, uptake_model)
    files = collect(inputs)  # as batch finds them: transcript suffixes, gold/truth and corpus list files left out
    if not files:
        raise ConfigError("no transcripts or analysis JSON files among the inputs")

    def documents() -> Iterator[Any]:
        for file in files:
            yield _saved_analysis(file) or analyse(read(file, format=format), config)

    try:
        folder = write_corpus(documents(), output)
    except OSError as exc:
        raise ConfigError(f"{output}: cannot write ({exc.strerror})") from None
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    err.print(f"{len(files)} meeting(s) written to {folder} as a ConvoKit corpus", markup=False, highlight=False)


@convokit_app.command("import")
def convokit_import_cmd(
    corpus: Annotated[Path, typer.Argument(help="ConvoKit corpus folder (with utterances.jsonl)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="folder for one CSV transcript per conversation")],
) -> None:
    """Write each conversation of a ConvoKit corpus as a CSV transcript that analyse and batch read."""
    from .interop.convokit import read_corpus, write_transcripts

    meetings = read_corpus(corpus)
    try:
        write_transcripts(meetings, output)
    except OSError as exc:
        raise ConfigError(f"{output}: cannot write ({exc.strerror})") from None
    err.print(f"{len(meetings)} conversation(s) written to {output}", markup=False, highlight=False)


def main() -> None:
    """Console entry point: leadsignal errors become one line on stderr and exit code 2, never a traceback."""
    try:
        app()  # standalone: usage errors print click's message and exit 2
    except LeadsignalError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(2)
