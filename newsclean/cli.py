"""The ``newsclean`` command: a thin typer layer over :mod:`newsclean.runner`.

It parses options, builds one :class:`CleanConfig` and one :class:`RunOptions`, calls the
library, and maps the outcome to an exit code: 0 all good, 1 some inputs or documents
failed (each named on stderr), 2 usage errors. Data goes to stdout, everything else to
stderr. Only typer and the registry are imported at start-up; filters load on first use.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsclean.registry import DEFAULT_CHAIN, FILTERS
from newsclean.runner import Reporter

if TYPE_CHECKING:
    from newsclean.config import CleanConfig
    from newsclean.runner import RunOptions, RunSummary

app = typer.Typer(
    name="newsclean",
    help="Repair, strip, convert and parse raw Chinese news dumps into clean, well-labelled text.\n\n"
    "Each command is a filter over stdin/stdout, files, directory trees or JSONL corpora; "
    "`newsclean clean` runs the whole chain.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="markdown",
)


class Format(StrEnum):
    text = "text"
    jsonl = "jsonl"
    parquet = "parquet"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class Target(StrEnum):
    auto = "auto"
    keep = "keep"
    zh_hans = "zh-hans"
    zh_hant = "zh-hant"
    zh_tw = "zh-tw"
    zh_hk = "zh-hk"


class Garble(StrEnum):
    repair = "repair"
    mark = "mark"
    drop = "drop"
    keep = "keep"


IO_PANEL = "Input and output"
CLEAN_PANEL = "Cleaning"

Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files, directories (searched recursively) or - for stdin. None: read stdin.", show_default=False
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "-o",
        "--output",
        help="Write here instead of stdout. A directory mirrors the input tree (same relative paths); "
        "a file name (all.jsonl, all.jsonl.gz) collects every document. Written atomically.",
        rich_help_panel=IO_PANEL,
    ),
]
OutFormat = Annotated[
    Format,
    typer.Option(
        "-f",
        "--format",
        help="text: the cleaned body; jsonl: one record per document; parquet: the same records as "
        "Parquet rows (-o FILE.parquet or a directory; needs newsclean[parquet]).",
        rich_help_panel=IO_PANEL,
    ),
]
InputFormat = Annotated[
    Format,
    typer.Option(
        "--input-format",
        help="text: one document per file; jsonl: one per line; parquet: one per row.",
        rich_help_panel=IO_PANEL,
    ),
]
TextField = Annotated[
    str, typer.Option("--text-field", help="JSONL field (Parquet column) holding the text.", rich_help_panel=IO_PANEL)
]
Glob = Annotated[
    str | None,
    typer.Option(
        "--glob",
        help="Pattern for files inside directories [default: *.txt, or *.jsonl with --input-format jsonl; "
        ".gz .bz2 .xz .zst variants match too].",
        show_default=False,
        rich_help_panel=IO_PANEL,
    ),
]
Rejects = Annotated[
    str | None,
    typer.Option(
        "--rejects",
        help="Write every removed span, failed input and emptied document to this JSONL file.",
        rich_help_panel=IO_PANEL,
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "-j",
        "--jobs",
        min=1,
        help="Worker processes for directories and JSONL corpora [default: the number of cores]. "
        "Output order and bytes are the same as with -j 1.",
        show_default=False,
        rich_help_panel=IO_PANEL,
    ),
]
Resume = Annotated[
    bool,
    typer.Option(
        "--resume",
        help="Skip inputs whose output already exists (outputs are written atomically, so an existing "
        "one is complete): rerun an interrupted run and get the same bytes.",
        rich_help_panel=IO_PANEL,
    ),
]
InPlace = Annotated[
    bool,
    typer.Option(
        "--in-place",
        help="Replace each input file by its cleaned version (atomically). Inputs are never written otherwise.",
        rich_help_panel=IO_PANEL,
    ),
]
Quiet = Annotated[
    bool, typer.Option("-q", "--quiet", help="No progress or summary; errors only.", rich_help_panel=IO_PANEL)
]
To = Annotated[
    Target,
    typer.Option(
        "--to",
        help="Target script. auto: machine-converted traditional back to simplified, genuine scripts kept; "
        "keep: never convert.",
        rich_help_panel=CLEAN_PANEL,
    ),
]
Idioms = Annotated[
    bool,
    typer.Option(
        "--idioms", help="With zh-tw/zh-hk: also convert vocabulary (OpenCC s2twp).", rich_help_panel=CLEAN_PANEL
    ),
]
GarbleOpt = Annotated[
    Garble,
    typer.Option(
        "--garble",
        help="Unrepairable damage (锟斤拷, U+FFFD, garble): repair then drop the rest, mark it 〓, drop, or keep.",
        rich_help_panel=CLEAN_PANEL,
    ),
]
KeepWidth = Annotated[
    bool, typer.Option("--keep-width", help="Keep fullwidth digits and letters.", rich_help_panel=CLEAN_PANEL)
]
KeepIndent = Annotated[
    bool, typer.Option("--keep-indent", help="Keep paragraph indentation.", rich_help_panel=CLEAN_PANEL)
]


def _fail_usage(message: str) -> typer.Exit:
    sys.stderr.write(f"newsclean: error: {message}\n")
    return typer.Exit(2)


def _config(**kwargs: Any) -> CleanConfig:
    from newsclean.config import CleanConfig

    try:
        return CleanConfig(**kwargs)
    except ValueError as exc:
        raise _fail_usage(str(exc)) from None


def _options(inputs: list[str] | None, jobs: int | None = None, **kwargs: Any) -> RunOptions:
    from newsclean.parallel import default_jobs
    from newsclean.runner import RunOptions

    return RunOptions(inputs=tuple(inputs or ()), jobs=jobs or default_jobs(), **kwargs)


class _CliReporter(Reporter):
    """Errors as one line each on stderr; a rich progress bar when stderr is a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.progress: Any = None
        self.task: Any = None
        self.console: Any = None

    def _print(self, line: str) -> None:
        if self.console is not None:
            self.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(line + "\n")

    def error(self, where: str, reason: str) -> None:
        self._print(f"newsclean: {where}: {reason}")

    def warning(self, where: str, message: str) -> None:
        if not self.quiet:
            self._print(f"newsclean: warning: {where}: {message}")

    def start(self, total_files: int, total_bytes: int) -> None:
        if self.quiet or total_files < 2 or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[files]}/{task.fields[total_files]} files, {task.fields[docs]} docs"),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task(
            "cleaning", total=max(total_bytes, 1), files=0, docs=0, total_files=total_files
        )
        self.files = self.docs = 0

    def advance(self, nbytes: int, ndocs: int) -> None:
        if self.progress is not None:
            self.files += 1
            self.docs += ndocs
            self.progress.update(self.task, advance=nbytes, files=self.files, docs=self.docs)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def summary(self, s: RunSummary) -> None:
        if s.interrupted:
            self._print(f"newsclean: interrupted after {s.files} file(s), {s.docs} document(s); no partial output kept")
        if self.quiet:
            return
        if s.files > 1 or s.errors or s.empty:
            parts = [f"{s.files:,} file(s)", f"{s.docs:,} document(s)", f"{s.errors:,} error(s)"]
            if s.empty:
                parts.append(f"{s.empty:,} empty after cleaning")
            if s.bytes_in and s.seconds:
                amount = f"{s.bytes_in / 1e6:,.1f} MB" if s.bytes_in >= 1e6 else f"{s.bytes_in / 1e3:,.1f} kB"
                parts.append(f"{amount} in {s.seconds:.2f} s ({s.bytes_in / 1e6 / s.seconds:,.2f} MB/s)")
            self._print("newsclean: " + ", ".join(parts))
        if s.skipped:
            self._print(f"newsclean: passed over {len(s.skipped)} file(s) not matching --glob (first: {s.skipped[0]})")


def _execute(options: RunOptions, config: CleanConfig, quiet: bool) -> None:
    from newsclean.runner import UsageError, run

    reporter = _CliReporter(quiet)
    try:
        summary = run(options, config, reporter)
    except UsageError as exc:
        raise _fail_usage(str(exc)) from None
    except ValueError as exc:
        from newsclean.io.parquet import ParquetSchemaError

        if not isinstance(exc, ParquetSchemaError):
            raise
        sys.stderr.write(f"newsclean: error: cannot write Parquet: {exc}\n")
        raise typer.Exit(1) from None
    except OSError as exc:  # the output could not be created (permissions, disk full)
        sys.stderr.write(f"newsclean: error: cannot write output: {exc.strerror or exc}\n")
        raise typer.Exit(1) from None
    reporter.summary(summary)
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.errors:
        raise typer.Exit(1)


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


@app.command(
    epilog="Examples:\n\n"
    "    newsclean clean dump.txt > clean.txt\n\n"
    "    cat 004.txt | newsclean clean --to zh-hans\n\n"
    "    newsclean clean examples/ -o out/                # mirror the tree\n\n"
    "    newsclean clean corpus/ --format jsonl -o all.jsonl.gz\n\n"
    "    newsclean clean --input-format jsonl --format jsonl < in.jsonl > out.jsonl\n\n"
    "    newsclean clean --steps repair,strip-pinyin,convert dump.txt\n\n"
    "    newsclean clean --skip strip-boilerplate --rejects removed.jsonl dump.txt\n\n"
    "    newsclean clean --learn-repeats site-dumps/ -o cleaned/      # corpus mode\n\n"
    "    newsclean clean --engine ray --ray-address auto --input-format parquet corpus/ --format parquet -o out/",
)
def clean(
    inputs: Inputs = None,
    output: Output = None,
    fmt: OutFormat = Format.text,
    input_format: InputFormat = Format.text,
    text_field: TextField = "text",
    glob: Glob = None,
    rejects: Rejects = None,
    quiet: Quiet = False,
    jobs: Jobs = None,
    resume: Resume = False,
    in_place: InPlace = False,
    steps: Annotated[
        list[str] | None,
        typer.Option(
            "--steps",
            help=f"Comma-separated filters to run, in order [default: {','.join(DEFAULT_CHAIN)}].",
            show_default=False,
            rich_help_panel=CLEAN_PANEL,
        ),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip",
            help="Filter(s) to leave out of the chain (repeatable or comma-separated).",
            rich_help_panel=CLEAN_PANEL,
        ),
    ] = None,
    to: To = Target.auto,
    idioms: Idioms = False,
    garble: GarbleOpt = Garble.repair,
    keep_width: KeepWidth = False,
    keep_indent: KeepIndent = False,
    max_passes: Annotated[
        int,
        typer.Option(
            "--max-passes",
            min=1,
            help="Repeat the chain until a pass changes nothing, at most this often: converged output is "
            "idempotent (cleaning it again changes nothing). 1 = one pass, faster, no such guarantee.",
            rich_help_panel=CLEAN_PANEL,
        ),
    ] = 5,
    learn_repeats: Annotated[
        bool,
        typer.Option(
            "--learn-repeats",
            help="Corpus mode: a first pass finds lines that recur across many documents (site footers, "
            "menus no rule knows) and strip-boilerplate removes them.",
            rich_help_panel=CLEAN_PANEL,
        ),
    ] = False,
    repeat_min_docs: Annotated[
        int,
        typer.Option(
            "--repeat-min-docs",
            min=2,
            help="With --learn-repeats: a line must recur in this many documents",
            rich_help_panel=CLEAN_PANEL,
        ),
    ] = 5,
    repeat_min_share: Annotated[
        float,
        typer.Option(
            "--repeat-min-share",
            min=0.0,
            max=1.0,
            help="…and in at least this share of all documents.",
            rich_help_panel=CLEAN_PANEL,
        ),
    ] = 0.05,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: this machine (-j worker processes); ray: map the chain over Ray Data blocks on a "
            "Ray cluster (needs newsclean[ray]). Same records, outputs and rejects either way.",
            rich_help_panel=IO_PANEL,
        ),
    ] = Engine.local,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="With --engine ray: the cluster to use (auto, ray://host:10001) [default: start a local "
            "Ray instance with -j CPUs].",
            show_default=False,
            rich_help_panel=IO_PANEL,
        ),
    ] = None,
) -> None:
    """Run the whole chain: repair → strip-html → strip-pinyin → convert → normalize → meta → strip-boilerplate."""
    chain = _split(steps) or list(DEFAULT_CHAIN)
    dropped = _split(skip)
    unknown = [s for s in dropped if s not in FILTERS]
    if unknown:
        raise _fail_usage(f"unknown filter(s) in --skip: {', '.join(unknown)}; known: {', '.join(FILTERS)}")
    chain = [s for s in chain if s not in dropped]
    config = _config(
        steps=tuple(chain),
        to=to.value,
        idioms=idioms,
        garble=garble.value,
        keep_width=keep_width,
        keep_indent=keep_indent,
        max_passes=max_passes,
    )
    options = replace(
        _filter_options(inputs, output, fmt, input_format, text_field, glob, rejects, jobs, resume, in_place),
        learn_repeats=learn_repeats,
        repeat_min_docs=repeat_min_docs,
        repeat_min_share=repeat_min_share,
        engine=engine.value,
        ray_address=ray_address,
        progress=not quiet,
    )
    _execute(options, config, quiet)


def _filter_options(
    inputs: list[str] | None,
    output: str | None,
    fmt: Format,
    input_format: Format,
    text_field: str,
    glob: str | None,
    rejects: str | None,
    jobs: int | None,
    resume: bool,
    in_place: bool,
) -> RunOptions:
    """The input/output options every single-filter command shares."""
    return _options(
        inputs,
        jobs=jobs,
        resume=resume,
        in_place=in_place,
        output=output,
        fmt=fmt.value,
        input_format=input_format.value,
        text_field=text_field,
        glob=glob,
        rejects=rejects,
    )


def _filter_command(name: str, example: str) -> dict[str, Any]:
    return {
        "name": name,
        "help": FILTERS[name].summary[0].upper() + FILTERS[name].summary[1:] + ".",
        "epilog": f"Example:\n\n    {example}",
    }


@app.command(**_filter_command("repair", "newsclean repair --garble mark dump.txt > repaired.txt"))
def repair(
    inputs: Inputs = None,
    output: Output = None,
    fmt: OutFormat = Format.text,
    input_format: InputFormat = Format.text,
    text_field: TextField = "text",
    glob: Glob = None,
    rejects: Rejects = None,
    quiet: Quiet = False,
    jobs: Jobs = None,
    resume: Resume = False,
    in_place: InPlace = False,
    garble: GarbleOpt = Garble.repair,
) -> None:
    _execute(
        _filter_options(inputs, output, fmt, input_format, text_field, glob, rejects, jobs, resume, in_place),
        _config(steps=("repair",), garble=garble.value),
        quiet,
    )


def _simple_filter(name: str, example: str) -> None:
    """Register a subcommand for a filter that has no options of its own."""

    def command(
        inputs: Inputs = None,
        output: Output = None,
        fmt: OutFormat = Format.text,
        input_format: InputFormat = Format.text,
        text_field: TextField = "text",
        glob: Glob = None,
        rejects: Rejects = None,
        quiet: Quiet = False,
        jobs: Jobs = None,
        resume: Resume = False,
        in_place: InPlace = False,
    ) -> None:
        _execute(
            _filter_options(inputs, output, fmt, input_format, text_field, glob, rejects, jobs, resume, in_place),
            _config(steps=(name,)),
            quiet,
        )

    app.command(**_filter_command(name, example))(command)


_simple_filter("strip-html", "newsclean strip-html page.txt")
_simple_filter("strip-pinyin", "cat glossed.txt | newsclean strip-pinyin")


@app.command(**_filter_command("convert", "newsclean convert --to zh-tw --idioms article.txt"))
def convert(
    inputs: Inputs = None,
    output: Output = None,
    fmt: OutFormat = Format.text,
    input_format: InputFormat = Format.text,
    text_field: TextField = "text",
    glob: Glob = None,
    rejects: Rejects = None,
    quiet: Quiet = False,
    jobs: Jobs = None,
    resume: Resume = False,
    in_place: InPlace = False,
    to: To = Target.auto,
    idioms: Idioms = False,
) -> None:
    _execute(
        _filter_options(inputs, output, fmt, input_format, text_field, glob, rejects, jobs, resume, in_place),
        _config(steps=("convert",), to=to.value, idioms=idioms),
        quiet,
    )


@app.command(**_filter_command("normalize", "newsclean normalize --keep-indent article.txt"))
def normalize(
    inputs: Inputs = None,
    output: Output = None,
    fmt: OutFormat = Format.text,
    input_format: InputFormat = Format.text,
    text_field: TextField = "text",
    glob: Glob = None,
    rejects: Rejects = None,
    quiet: Quiet = False,
    jobs: Jobs = None,
    resume: Resume = False,
    in_place: InPlace = False,
    keep_width: KeepWidth = False,
    keep_indent: KeepIndent = False,
) -> None:
    _execute(
        _filter_options(inputs, output, fmt, input_format, text_field, glob, rejects, jobs, resume, in_place),
        _config(steps=("normalize",), keep_width=keep_width, keep_indent=keep_indent),
        quiet,
    )


_simple_filter("strip-boilerplate", "newsclean strip-boilerplate --rejects removed.jsonl page.txt")


@app.command(
    help="Print only the metadata (title, published, source, site, authors, editors, reposted_from, …) "
    "as JSONL, one record per document. Runs the chain up to and including meta, so that garbled, "
    "glossed or converted headers parse as well as clean ones.",
    epilog="Example:\n\n    newsclean meta examples/ | jq .metadata.title",
)
def meta(
    inputs: Inputs = None,
    output: Output = None,
    input_format: InputFormat = Format.text,
    text_field: TextField = "text",
    glob: Glob = None,
    quiet: Quiet = False,
    jobs: Jobs = None,
    resume: Resume = False,
    to: To = Target.auto,
) -> None:
    chain = DEFAULT_CHAIN[: DEFAULT_CHAIN.index("meta") + 1]
    _execute(
        _options(
            inputs,
            jobs=jobs,
            resume=resume,
            in_place=False,
            output=output,
            fmt="meta",
            input_format=input_format.value,
            text_field=text_field,
            glob=glob,
        ),
        _config(steps=chain, to=to.value),
        quiet,
    )


@app.command(
    epilog="Examples:\n\n    newsclean detect examples/\n\n    newsclean detect --format jsonl dumps/ > report.jsonl",
)
def detect(
    inputs: Inputs = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "-f", "--format", help="table or jsonl [default: table on a terminal, else jsonl].", show_default=False
        ),
    ] = None,
    input_format: InputFormat = Format.text,
    text_field: TextField = "text",
    glob: Glob = None,
) -> None:
    """Report per input: encoding (and confidence), script, pinyin glosses, garble spans, size."""
    import json

    from newsclean.detect import detect_report
    from newsclean.io.readers import InputError
    from newsclean.runner import iter_documents

    if fmt not in (None, "table", "jsonl"):
        raise _fail_usage(f"--format must be table or jsonl, not {fmt!r}")
    as_table = fmt == "table" or (fmt is None and sys.stdout.isatty())
    options = _options(inputs, input_format=input_format.value, text_field=text_field, glob=glob)
    rows = []
    errors = 0
    for item in iter_documents(options):
        if isinstance(item, InputError):
            errors += 1
            sys.stderr.write(f"newsclean: {item.where}: {item.reason}\n")
            continue
        report = detect_report(item)
        if as_table:
            rows.append(report)
        else:
            sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    if as_table:
        _print_detect_table(rows)
    if errors:
        raise typer.Exit(1)


def _print_detect_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("input", "encoding", "conf.", "script", "glosses", "garble", "bytes")
    for r in rows:
        script = r["script"] + (" (machine)" if r["machine_converted"] else "")
        garble = f"{r['garble_spans']} span(s)" if r["garble_spans"] else "-"
        conf = "" if r["confidence"] is None else f"{r['confidence']:.2f}"
        table.add_row(r["input"], r["encoding"] or "", conf, script, str(r["glosses"]), garble, str(r["bytes"]))
    Console().print(table)


@app.command(
    epilog="Examples:\n\n    newsclean explain examples/000_27fe9a6cdbf992af.txt\n\n"
    "    newsclean explain --to zh-hans page.txt | less -R",
)
def explain(
    path: Annotated[str, typer.Argument(help="One file (or - for stdin).", show_default=False)],
    to: To = Target.auto,
    garble: GarbleOpt = Garble.repair,
) -> None:
    """Show, filter by filter, what the chain removed or changed in one document, and why each
    boilerplate line went."""
    from rich.console import Console

    from newsclean.explain import render
    from newsclean.io.readers import InputError, Source, read_text_documents

    source = Source(None, "stdin", "<stdin>") if path == "-" else Source(Path(path), Path(path).name, path)
    if source.path is not None and not source.path.is_file():
        sys.stderr.write(f"newsclean: {path}: no such file\n")
        raise typer.Exit(1)
    config = _config(to=to.value, garble=garble.value, audit=True)
    for item in read_text_documents(source):
        if isinstance(item, InputError):
            sys.stderr.write(f"newsclean: {item.where}: {item.reason}\n")
            raise typer.Exit(1)
        render(item, Console(), config)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
