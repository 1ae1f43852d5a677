"""Properties of the whole default chain (issue 8), on generated damaged text and arbitrary bytes,
with a bounded hypothesis budget. The same checks run unbounded in benchmarks/fuzz.py."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.config import CleanConfig
from newsclean.pipeline import Pipeline
from tests.fuzzing import FRAGMENTS, check, check_bytes

PIPELINE = Pipeline(CleanConfig(audit=True))
# derandomize: CI explores the same examples every run (no flaky failures); benchmarks/fuzz.py
# explores new ones without a budget.
BUDGET = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

damaged_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)),
    max_size=25,
).map("".join)


@BUDGET
@given(damaged_text)
def test_no_exception_valid_output_everything_accounted(text: str) -> None:
    """No exception escapes; the output is valid UTF-8 without U+FFFD, PUA or C0 controls; every
    character removed or added is in the change log (len(in) - removed + added == len(out));
    cleaning the output again changes nothing."""
    assert check(text, PIPELINE) == []


@BUDGET
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    assert check_bytes(data, PIPELINE) == []


@BUDGET
@given(st.integers(min_value=0, max_value=2**32))
def test_damaged_bytes_in_every_encoding(seed: int) -> None:
    from tests.fuzzing import random_bytes

    assert check_bytes(random_bytes(random.Random(seed)), PIPELINE) == []


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:3])
def test_examples_satisfy_every_property_including_idempotence(path: Path) -> None:
    assert check(path.read_text(encoding="utf-8"), PIPELINE) == []
