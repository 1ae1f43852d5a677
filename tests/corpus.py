"""The dev corpus as a list of texts, for tests that check a property on every document."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path


@cache
def corpus_texts(corpus: Path) -> list[str]:
    """Every taiwan article, every cwced page dump, and the label texts of both collections."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "taiwan").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((corpus / "cwced").glob("*.dump.txt"))]
    for name in ("cwced", "taiwan"):
        labels = corpus / name / "labels.jsonl"
        if labels.is_file():
            lines = labels.read_text(encoding="utf-8").splitlines()
            texts += [json.loads(line)["text"] or "" for line in lines if line]
    return texts
