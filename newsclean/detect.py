"""``newsclean detect``: what is wrong with an input, before anything is changed."""

from __future__ import annotations

from typing import Any

from newsclean.document import Document


def detect_report(doc: Document) -> dict[str, Any]:
    """Encoding (with confidence), script, gloss count, garble spans and size of one document."""
    from newsclean.filters.garble import find_garble_spans
    from newsclean.filters.script import detect_script

    script = doc.script or detect_script(doc.text)
    spans = find_garble_spans(doc.text)
    return {
        "input": doc.source,
        "encoding": doc.encoding,
        "confidence": None if doc.encoding_confidence is None else round(doc.encoding_confidence, 3),
        "script": script.label,
        "machine_converted": script.machine_converted,
        "glosses": script.glosses,
        "garble_spans": len(spans),
        "garble_chars": sum(end - start for start, end in spans),
        "garble_sample": [doc.text[s:e] for s, e in spans[:3]],
        "bytes": doc.size,
        "chars": len(doc.text),
    }
