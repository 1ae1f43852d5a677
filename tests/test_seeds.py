"""The user's five sample dumps (examples/) against their expectations — end to end, via the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.cli import app
from tests.seedcheck import misses

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = json.loads((EXAMPLES / "expectations.json").read_text(encoding="utf-8"))["seeds"]


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    result = CliRunner().invoke(app, ["clean", "--format", "jsonl", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    recs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {r["id"]: r for r in recs}


def test_every_seed_has_one_record(records: dict[str, dict]) -> None:
    assert sorted(records) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_meets_expectations(records: dict[str, dict], name: str) -> None:
    assert misses(records[name], EXPECTED[name]) == []


@pytest.mark.parametrize("name", [n for n in sorted(EXPECTED) if "body_contains_if_repaired" in EXPECTED[n]])
def test_seed_garble_is_repaired(records: dict[str, dict], name: str) -> None:
    assert misses(records[name], EXPECTED[name], repaired=True) == []


def test_seed_record_schema(records: dict[str, dict]) -> None:
    rec = records["004_2d1e5925a9c68fd1.txt"]
    assert set(rec) >= {"id", "text", "metadata", "newsclean"}
    assert set(rec["metadata"]) >= {"title", "published", "source", "site", "authors", "editors", "reposted_from"}
    nc = rec["newsclean"]
    assert nc["input"].endswith("004_2d1e5925a9c68fd1.txt")
    assert nc["encoding"] in ("utf-8", "ascii")
    assert nc["script"] == "traditional" and nc["machine_converted"] is False
    assert records["000_27fe9a6cdbf992af.txt"]["newsclean"]["machine_converted"] is True
    # every filter of the chain reports a count, and the glossed seeds had glosses removed
    assert set(nc["changes"]) == {
        "repair",
        "strip-html",
        "strip-pinyin",
        "convert",
        "normalize",
        "meta",
        "strip-boilerplate",
    }
    assert records["000_27fe9a6cdbf992af.txt"]["newsclean"]["changes"]["strip-pinyin"] > 50


def test_shared_checker_agrees(shared_dir: Path, tmp_path: Path) -> None:
    """The user's own checker (../shared/tools/check_seeds.py) on the CLI's output."""
    out = tmp_path / "out.jsonl"
    run = CliRunner().invoke(app, ["clean", "--format", "jsonl", str(EXAMPLES), "-o", str(out)])
    assert run.exit_code == 0, run.output
    check = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "tools" / "check_seeds.py"),
            str(shared_dir / "seeds" / "expectations.json"),
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
