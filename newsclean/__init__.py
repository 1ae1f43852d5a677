"""newsclean: repair, strip, convert and parse raw Chinese news dumps.

The Python API::

    from newsclean import clean_text, clean_document, CleanConfig
    clean_text("項(xiàng)目")               # -> "项目"
    doc = clean_document("...", CleanConfig(to="zh-hans"))
    doc.text, doc.metadata, doc.changes

Heavy modules (ftfy, OpenCC) are imported on first use, not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["CleanConfig", "Document", "Pipeline", "clean_document", "clean_text"]

if TYPE_CHECKING:
    from newsclean.config import CleanConfig
    from newsclean.document import Document
    from newsclean.pipeline import Pipeline, clean_document, clean_text


def __getattr__(name: str) -> Any:
    # Lazy exports keep `import newsclean` (and so `newsclean --help`) fast.
    if name == "CleanConfig":
        from newsclean.config import CleanConfig

        return CleanConfig
    if name == "Document":
        from newsclean.document import Document

        return Document
    if name in ("Pipeline", "clean_document", "clean_text"):
        from newsclean import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newsclean' has no attribute {name!r}")
