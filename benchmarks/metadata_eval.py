"""Measure the ``meta`` filter against the labelled dev corpus (../shared/corpus).

usage: python benchmarks/metadata_eval.py [--raw] [--failures] [--corpus DIR]

Runs each document through ``newsclean.pipeline.clean_document`` with the default chain cut
after ``meta`` (steps whose modules are not there yet are skipped and named), or through
:func:`newsclean.filters.meta.parse_metadata` on the raw text with ``--raw``. Prints per-field
accuracy:

- date: the date part of ``published`` equals the label's (labels with less precision, such
  as ``2003-5``, compare at their precision; unparseable labels such as ``UNKNWON`` are skipped);
- title: taiwan, equal to the label; cwced, the labelled ``html_title`` is the raw <title>
  (headline plus site suffix), so a title counts when it is a substring of it covering at
  least 40% of it, or one of its parts between separators (``headline(页 1) - section - forum
  - powered by Discuz!``: the headline is right however long the suffix); mojibake titles
  are skipped;
- authors (cwced, where labelled): every labelled name is among the parsed authors; "people"
  also accepts editors, since the collection labels whoever the page credits (责任编辑：魏喆);
- source (taiwan): the label (the site printed next to the time) is our ``source`` or ``site``.

Comparisons ignore punctuation and spaces, as ../shared/tools/check_seeds.py does.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsclean.filters.meta import parse_metadata, parse_published  # noqa: E402
from newsclean.filters.meta_people import split_names  # noqa: E402

#: Separators inside a <title>: headline, page note, section, site, software.
TITLE_PARTS_RE = re.compile(r"\s*(?:--|_|\||»| - | – | — |[(（])\s*")
ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def norm(s: str | None) -> str:
    return "".join(
        c for c in (s or "") if unicodedata.category(c)[0] not in "PZ" and not c.isspace() and c not in ASCII_PUNCT
    )


def make_runner(raw: bool) -> tuple[Callable[[str], dict[str, Any]], str]:
    """A function text -> metadata, and a description of the steps it runs."""
    if raw:
        return (lambda text: parse_metadata(text)[0]), "parse_metadata on raw text"
    from newsclean.config import CleanConfig
    from newsclean.pipeline import clean_document
    from newsclean.registry import DEFAULT_CHAIN, FILTERS

    steps = []
    for name in DEFAULT_CHAIN[: DEFAULT_CHAIN.index("meta") + 1]:
        try:
            importlib.import_module(FILTERS[name].target.partition(":")[0])
        except ImportError:
            continue
        steps.append(name)
    config = CleanConfig(steps=tuple(steps))

    def run(text: str) -> dict[str, Any]:
        return dict(clean_document(text, config).metadata)

    return run, "pipeline steps: " + ",".join(steps)


def date_ok(got: str | None, label: str | None) -> bool | None:
    want = parse_published(label or "")
    if want is None:
        return None
    return bool(got) and str(got)[:10].startswith(want[:10])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", action="store_true", help="run parse_metadata on the raw text (no other filters)")
    ap.add_argument("--failures", action="store_true", help="list every failure")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = ap.parse_args()
    run, how = make_runner(args.raw)
    scores: dict[str, list[bool]] = {"date": [], "title": [], "authors": [], "people": [], "source": []}
    fails: list[str] = []

    def score(field: str, ok: bool | None, ident: str, got: Any, want: Any) -> None:
        if ok is None:
            return
        scores[field].append(ok)
        if not ok:
            fails.append(f"{field:7} {ident}: got {got!r} want {want!r}")

    for line in (args.corpus / "cwced" / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        lab = json.loads(line)
        ident = "cwced/" + lab["file"][:8]
        text = (args.corpus / "cwced" / f"{lab['file']}.dump.txt").read_text(encoding="utf-8")
        md = run(text)
        score("date", date_ok(md.get("published"), lab.get("date")), ident, md.get("published"), lab.get("date"))
        want_title = lab.get("html_title")
        if want_title and "\ufffd" not in want_title:
            t, w = norm(md.get("title")), norm(want_title)
            parts = {norm(p) for p in TITLE_PARTS_RE.split(want_title)}
            ok = bool(t) and t in w and (len(t) >= 0.4 * len(w) or t in parts)
            score("title", ok, ident, md.get("title"), want_title)
        if lab.get("author"):
            got = norm("".join(md.get("authors") or []))
            ok = all(norm(n) in got for n in split_names(lab["author"]))
            score("authors", ok, ident, md.get("authors"), lab["author"])
            # the collection labels whoever the page credits, sometimes the 编辑: authors or editors
            people = norm("".join((md.get("authors") or []) + (md.get("editors") or [])))
            scores["people"].append(all(norm(n) in people for n in split_names(lab["author"])))

    for line in (args.corpus / "taiwan" / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        lab = json.loads(line)
        ident = "taiwan/" + lab["file"]
        text = (args.corpus / "taiwan" / f"{lab['file']}.txt").read_text(encoding="utf-8")
        md = run(text)
        score("date", date_ok(md.get("published"), lab.get("time")), ident, md.get("published"), lab.get("time"))
        score("title", norm(md.get("title")) == norm(lab["title"]), ident, md.get("title"), lab["title"])
        if lab.get("source"):
            names = {norm(md.get("source")), norm(md.get("site"))}
            score("source", norm(lab["source"]) in names, ident, (md.get("source"), md.get("site")), lab["source"])

    print(how)
    targets = {"date": 0.97, "title": 0.95, "authors": 0.90}
    for field, oks in scores.items():
        if oks:
            target = f"  (target {targets[field]:.2f})" if field in targets else ""
            print(f"{field:8} {sum(oks) / len(oks):.3f}  {sum(oks)}/{len(oks)}{target}")
    if args.failures:
        print(f"\n{len(fails)} failures:")
        for f in fails:
            print("  " + f[:300])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
