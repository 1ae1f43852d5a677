"""The data that flows through the pipeline: documents, the changes made to them, and rejects.

No logic lives here beyond building records; filters and I/O both speak these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Metadata keys every record carries (null or empty when not found), so that the JSONL
#: schema is stable for users' scripts. Filters may add more keys (e.g. ``organization``).
METADATA_KEYS: tuple[str, ...] = (
    "title",
    "published",
    "source",
    "site",
    "authors",
    "editors",
    "reposted_from",
)

#: Keys whose value is a list of names.
LIST_KEYS = frozenset({"authors", "editors", "correspondents"})


@dataclass(slots=True)
class Change:
    """One edit a filter made: ``old`` became ``new`` at ``start`` in that filter's input text.

    ``start`` is -1 when the filter does not know the offset (e.g. a line moved to metadata).
    A removal has ``new == ""``.
    """

    filter: str
    kind: str
    old: str
    new: str = ""
    start: int = -1

    def as_dict(self) -> dict[str, Any]:
        return {"filter": self.filter, "kind": self.kind, "start": self.start, "old": self.old, "new": self.new}


@dataclass(slots=True)
class ScriptInfo:
    """What script a text is written in, as detected before any conversion.

    ``label`` is one of ``simplified``, ``traditional``, ``mixed`` or ``none`` (no Han text).
    ``machine_converted`` is True when the traditional text looks machine-converted from
    simplified (pinyin glosses, converter fingerprints), so ``--to auto`` turns it back.
    """

    label: str = "none"
    machine_converted: bool = False
    glosses: int = 0


@dataclass(slots=True)
class Document:
    """One news document on its way through the pipeline.

    ``source`` names where it came from (a path, ``path:LINE`` for JSONL, ``<stdin>``);
    ``extra`` holds the other fields of a JSONL input record, written back unchanged.
    ``script`` is detected once, on the input as it came (see :class:`ScriptInfo`).
    ``changes`` counts edits per filter; ``audit`` keeps each edit when the run asked for it
    (``--rejects``, ``explain``).
    """

    text: str
    id: str = ""
    source: str = ""
    encoding: str | None = None
    encoding_confidence: float | None = None
    size: int = 0  # bytes read for this document (before decoding), for reports and throughput
    script: ScriptInfo | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, int] = field(default_factory=dict)
    audit: list[Change] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        """The JSONL record: extra input fields first, then ours (documented in README.md)."""
        metadata: dict[str, Any] = {k: ([] if k in LIST_KEYS else None) for k in METADATA_KEYS}
        user_md = self.extra.get("metadata")
        if isinstance(user_md, dict):
            metadata.update(user_md)
        metadata.update(self.metadata)
        record = {k: v for k, v in self.extra.items() if k not in ("id", "text", "metadata", "newsclean")}
        record.update(
            {
                "id": self.id,
                "text": self.text,
                "metadata": metadata,
                "newsclean": {
                    "input": self.source,
                    "encoding": self.encoding,
                    "script": self.script.label if self.script else None,
                    "machine_converted": self.script.machine_converted if self.script else None,
                    "changes": dict(self.changes),
                    **({"warnings": list(self.warnings)} if self.warnings else {}),
                },
            }
        )
        return record
