"""``newsclean explain FILE``: what each filter of the chain removed or changed in one document.

The document runs through the chain with the audit on (``CleanConfig(audit=True)``); the view
then lists, filter by filter, every recorded edit (kind, old -> new, shortened), and for
strip-boilerplate the decision on every line of its input with rule and evidence
(:func:`newsclean.filters.boilerplate.classify_lines`), so a reader can see why a line went or
why a suspicious-looking line stayed.

strip-boilerplate's per-line view needs the text exactly as that step saw it, so the chain runs
in two parts: every step before strip-boilerplate, then strip-boilerplate and what follows. The
result is the same document :class:`~newsclean.pipeline.Pipeline` would produce in one go.

rich is imported here only (never by the filters); the lead's CLI calls :func:`render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsclean.config import CleanConfig
from newsclean.document import Change, Document
from newsclean.pipeline import Pipeline

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from newsclean.filters.boilerplate import LineDecision

#: Edits and lines are shortened to this many characters in the view.
WIDTH = 60
#: At most this many edits are listed per filter (the count is always shown).
MAX_CHANGES = 200
_BOILERPLATE = "strip-boilerplate"


@dataclass(slots=True)
class Explanation:
    """The cleaned document and what the view shows: the edits per filter, in chain order, and
    strip-boilerplate's per-line decisions (empty when that step did not run)."""

    doc: Document
    steps: tuple[str, ...]
    changes: dict[str, list[Change]] = field(default_factory=dict)
    lines: list[LineDecision] = field(default_factory=list)


def explain(doc: Document, config: CleanConfig | None = None) -> Explanation:
    """Clean ``doc`` (in place) with the audit on and collect what each filter did."""
    from newsclean.filters.boilerplate import classify_lines

    config = replace(config or CleanConfig(), audit=True)
    steps = config.steps
    lines: list[LineDecision] = []
    if _BOILERPLATE in steps:
        # The first pass in two parts, to see strip-boilerplate's input; then any further
        # passes (config.max_passes) as the pipeline would run them.
        cut = steps.index(_BOILERPLATE)
        before = doc.text
        if cut:
            Pipeline(replace(config, steps=steps[:cut], max_passes=1)).process(doc)
        lines = classify_lines(doc.text, config)
        Pipeline(replace(config, steps=steps[cut:], max_passes=1)).process(doc)
        if config.max_passes > 1 and doc.text != before:
            Pipeline(replace(config, max_passes=config.max_passes - 1)).process(doc)
    else:
        Pipeline(config).process(doc)
    changes: dict[str, list[Change]] = {name: [] for name in steps}
    for change in doc.audit:
        changes.setdefault(change.filter, []).append(change)
    return Explanation(doc, steps, changes, lines)


def _short(text: str, width: int = WIDTH) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= width else text[: width - 1] + "…"


def explain_document(doc: Document, config: CleanConfig | None = None) -> RenderableType:
    """A rich renderable of :func:`explain`: one section per filter, then the cleaned text's size."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    ex = explain(doc, config)
    parts: list[RenderableType] = [
        Text(f"{doc.id or doc.source or '<document>'}", style="bold"),
    ]
    for name in ex.steps:
        edits = ex.changes.get(name, [])
        count = doc.changes.get(name, len(edits))
        parts.append(Text(f"\n{name}: {count} change{'s' if count != 1 else ''}", style="bold cyan"))
        if edits:
            table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
            table.add_column("kind", style="magenta", no_wrap=True)
            table.add_column("at", justify="right", style="dim")
            table.add_column("old", style="red", overflow="fold")
            table.add_column("new", style="green", overflow="fold")
            for ch in edits[:MAX_CHANGES]:
                at = str(ch.start) if ch.start >= 0 else ""
                table.add_row(Text(ch.kind), at, Text(_short(ch.old)), Text(_short(ch.new) or "∅"))
            parts.append(table)
            if len(edits) > MAX_CHANGES:
                parts.append(Text(f"… and {len(edits) - MAX_CHANGES} more", style="dim"))
        if name == _BOILERPLATE and ex.lines:
            parts.append(_line_table(ex.lines))
    if doc.metadata:
        meta = Table(title="metadata", show_header=False, box=None, title_justify="left")
        for key, value in doc.metadata.items():
            meta.add_row(Text(key), Text(_short(str(value))))
        parts.append(Text(""))
        parts.append(meta)
    summary = f"\noutput: {len(doc.text)} characters, {doc.text.count(chr(10)) + 1 if doc.text else 0} lines"
    parts.append(Text(summary, style="bold"))
    for warning in doc.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    return Group(*parts)


def _line_table(lines: list[LineDecision]) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="per-line decisions", title_justify="left", box=None, pad_edge=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("", no_wrap=True)
    table.add_column("rule", style="magenta", no_wrap=True)
    table.add_column("line", overflow="fold")
    table.add_column("evidence", style="dim", overflow="fold")
    for i, d in enumerate(lines, 1):
        if not d.line.strip():
            continue
        mark = Text("keep", style="green") if d.keep else Text("drop", style="red")
        table.add_row(str(i), mark, Text(d.rule or ""), Text(_short(d.line.strip())), Text(_short(d.evidence, 70)))
    return table


def render(doc: Document, console: Console, config: CleanConfig | None = None) -> None:
    """Print the explanation of ``doc`` on ``console``."""
    console.print(explain_document(doc, config))
