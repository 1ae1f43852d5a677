"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent (CI without data)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder (seeds, corpus, tools); skips the test when it is not there."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def corpus_dir(shared_dir: Path) -> Path:
    """../shared/corpus; skips when absent."""
    path = shared_dir / "corpus"
    if not path.is_dir():
        pytest.skip("../shared/corpus is not present")
    return path
