"""Check ``newsclean clean --format jsonl`` records against examples/expectations.json.

The same rules as ../shared/tools/check_seeds.py (text compared without punctuation and
whitespace), reimplemented here so the test runs without ../shared.
"""

from __future__ import annotations

import unicodedata
from typing import Any

_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def norm(value: Any) -> str:
    """Drop punctuation (categories P*), separators (Z*), whitespace and ASCII punctuation."""
    text = "" if value is None else str(value)
    return "".join(
        c for c in text if unicodedata.category(c)[0] not in "PZ" and not c.isspace() and c not in _ASCII_PUNCT
    )


def misses(record: dict[str, Any], expected: dict[str, Any], repaired: bool = False) -> list[str]:
    """Every way ``record`` falls short of ``expected`` (empty when it meets them all)."""
    md = record.get("metadata") or {}
    body = norm(record.get("text"))
    bad = []
    for key in ("title", "published", "source", "site", "reposted_from"):
        if key in expected and norm(md.get(key) or "") != norm(expected[key] or ""):
            bad.append(f"{key}={md.get(key)!r}, want {expected[key]!r}")
    for key in ("authors", "editors"):
        if key in expected:
            got = [norm(n) for n in md.get(key) or []]
            missing = [n for n in expected[key] if norm(n) not in got]
            if missing:
                bad.append(f"{key} lacks {missing} (got {md.get(key)})")
    if not body.startswith(norm(expected["body_starts"])):
        bad.append(f"body starts {body[:20]!r}")
    if not body.endswith(norm(expected["body_ends"])):
        bad.append(f"body ends {body[-20:]!r}")
    bad += [f"body lacks {s!r}" for s in expected.get("body_contains", []) if norm(s) not in body]
    bad += [f"body still has {s!r}" for s in expected.get("body_not_contains", []) if norm(s) and norm(s) in body]
    if repaired:
        bad += [f"not repaired: {s!r}" for s in expected.get("body_contains_if_repaired", []) if norm(s) not in body]
    return bad
