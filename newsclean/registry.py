"""The filter table: short name -> where the step function lives, and the default chain.

Functions are named by import path and resolved on first use, so ``newsclean --help`` does
not import ftfy or OpenCC. A new filter is one module in ``newsclean/filters/`` plus one line
here; the CLI subcommands and ``--steps`` are built from this table.

Two kinds of step:

- ``text``: ``fn(text: str, config: CleanConfig, log: ChangeLog | None) -> str`` — a pure text
  filter, usable on a plain string.
- ``doc``: ``fn(doc: Document, config: CleanConfig, log: ChangeLog) -> None`` — reads or
  writes the document's metadata as well as its text.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class FilterSpec:
    name: str
    target: str  # "module:function"
    kind: str  # "text" or "doc"
    summary: str


FILTERS: dict[str, FilterSpec] = {
    spec.name: spec
    for spec in (
        FilterSpec(
            "repair",
            "newsclean.filters.repair:repair_text",
            "text",
            "repair mojibake and misaligned-GBK garble; drop unrepairable spans (锟斤拷, U+FFFD)",
        ),
        FilterSpec(
            "strip-html",
            "newsclean.filters.html:strip_html",
            "text",
            "remove HTML tags, decode entities, restore bare entity names (rdquo;)",
        ),
        FilterSpec(
            "strip-pinyin",
            "newsclean.filters.pinyin:strip_pinyin",
            "text",
            "remove content-farm pinyin glosses: 項(xiàng)目 -> 項目",
        ),
        FilterSpec(
            "convert",
            "newsclean.filters.convert:convert_document",
            "doc",
            "convert script with OpenCC (--to auto|keep|zh-hans|zh-hant|zh-tw|zh-hk)",
        ),
        FilterSpec(
            "normalize",
            "newsclean.filters.normalize:normalize_text",
            "text",
            "CJK punctuation, halfwidth digits/letters, NFC, paragraphs and whitespace",
        ),
        FilterSpec(
            "meta",
            "newsclean.filters.meta:extract_metadata",
            "doc",
            "parse title, time, source, authors, editors from header and byline lines",
        ),
        FilterSpec(
            "strip-boilerplate",
            "newsclean.filters.boilerplate:strip_boilerplate",
            "text",
            "remove copyright, disclaimer, footer, navigation and promo lines",
        ),
    )
}

#: The default chain. Order matters:
DEFAULT_CHAIN: tuple[str, ...] = (
    "repair",  # first: garble is byte damage; glosses, entities and script sit inside it (ARTIFACTS §2)
    "strip-html",  # after repair, which may restore the byte before a bare `rdquo;`
    "strip-pinyin",  # before convert: glosses mark machine conversion and would confuse OpenCC
    "convert",  # before normalize and meta, so metadata values come out in the output script
    "normalize",  # before meta/boilerplate: their patterns see one form of punctuation and spacing
    "meta",  # before boilerplate: header, byline and 转自 lines are metadata, not noise
    "strip-boilerplate",  # last: removes what is left of footers and navigation
)


@cache
def resolve(name: str) -> Callable[..., Any]:
    """The step function of filter ``name`` (imported on first use)."""
    spec = FILTERS[name]
    module, _, func = spec.target.partition(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]
