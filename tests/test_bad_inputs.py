"""The bad-input matrix (issue 8): each bad input gets one clear line on stderr naming it, no
traceback, and the run goes on with the other inputs; exit 1 at the end (0 when the input is
odd but valid, e.g. empty or BOM-less UTF-16)."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.cli import app

GOOD = "記者從市政府獲悉，今年全市經濟運行總體平穩。\n"
runner = CliRunner()


def _clean(*args: str) -> tuple[int, str, list[dict]]:
    result = runner.invoke(app, ["clean", "-j", "1", "--format", "jsonl", *args])
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    records = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    return result.exit_code, result.stderr, records


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    return buf.getvalue()


BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "elf": b"\x7fELF\x02\x01\x01\x00" + bytes(256) + bytes(range(256)),
    "zip": _zip_bytes(),
}


@pytest.mark.parametrize("kind", sorted(BINARIES))
def test_binary_file(tmp_path: Path, kind: str) -> None:
    bad, good = tmp_path / f"x.{kind}.txt", tmp_path / "good.txt"
    bad.write_bytes(BINARIES[kind])
    good.write_text(GOOD, encoding="utf-8")
    code, err, records = _clean(str(bad), str(good))
    assert code == 1
    assert err.count(str(bad)) == 1 and "binary" in err
    assert len(records) == 1 and ("今年全市经济" in records[0]["text"] or "今年全市經濟" in records[0]["text"])


def test_empty_file_is_kept_and_warned(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, err, records = _clean(str(empty))
    assert code == 0 and "empty input" in err and str(empty) in err
    assert len(records) == 1 and records[0]["text"] == ""


def test_truncated_multibyte_at_eof(tmp_path: Path) -> None:
    f = tmp_path / "cut.txt"
    f.write_bytes(GOOD.strip().encode("utf-8") + "新".encode()[:2])
    code, _, records = _clean(str(f))
    assert code == 0
    assert records[0]["text"].endswith("總體平穩。") or records[0]["text"].endswith("总体平稳。")
    assert "\ufffd" not in records[0]["text"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16(tmp_path: Path, codec: str) -> None:
    f = tmp_path / "u16.txt"
    f.write_bytes(GOOD.encode(codec))
    code, _, records = _clean(str(f))
    assert code == 0 and records[0]["newsclean"]["encoding"] == codec
    assert "市政府" in records[0]["text"]


def test_jsonl_bad_records_name_their_line(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps({"text": GOOD}, ensure_ascii=False),
                "[1, 2",
                json.dumps({"body": "x"}),
                json.dumps({"text": None}),
                json.dumps({"text": ["a"]}),
                json.dumps({"text": GOOD}, ensure_ascii=False),
            ]
        ),
        encoding="utf-8",
    )
    code, err, records = _clean("--input-format", "jsonl", str(f))
    assert code == 1 and len(records) == 2
    lines = err.strip().splitlines()
    assert [line.split(": ")[1] for line in lines[:4]] == [f"{f}:2", f"{f}:3", f"{f}:4", f"{f}:5"]
    assert "invalid JSONL" in lines[0] and "no 'text' field" in lines[1] and "list, not a string" in lines[3]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f, good = tmp_path / "secret.txt", tmp_path / "good.txt"
    f.write_text(GOOD, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        from newsclean.io import readers

        real = readers.open_read

        def refuse(path):  # type: ignore[no-untyped-def]
            if Path(path) == f:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(readers, "open_read", refuse)
    else:
        f.chmod(0)
    code, err, records = _clean(str(f), str(good))
    assert code == 1 and f"{f}: permission denied" in err and len(records) == 1


def test_nonexistent_path(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, err, records = _clean(str(tmp_path / "missing.txt"), str(good))
    assert code == 1 and "missing.txt: no such file or directory" in err and len(records) == 1


def test_directory_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "d" / "again").symlink_to(tmp_path / "d")
    code, err, records = _clean(str(tmp_path / "d"))
    assert code == 1 and "symlink loop" in err and len(records) == 1


def test_corrupt_gz(tmp_path: Path) -> None:
    bad, cut, good = tmp_path / "bad.txt.gz", tmp_path / "cut.txt.gz", tmp_path / "good.txt"
    bad.write_bytes(b"this is not gzip at all")
    cut.write_bytes(gzip.compress(GOOD.encode() * 100)[:60])
    good.write_text(GOOD, encoding="utf-8")
    code, err, records = _clean(str(bad), str(cut), str(good))
    assert code == 1 and len(records) == 1
    assert f"{bad}: corrupt" in err and f"{cut}: truncated compressed file" in err


def test_output_equal_to_input_and_output_inside_input(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(GOOD, encoding="utf-8")
    same = runner.invoke(app, ["clean", str(f), "-o", str(f)])
    assert same.exit_code == 2 and "never overwrites its input" in same.stderr and f.read_text(encoding="utf-8") == GOOD
    inside = runner.invoke(app, ["clean", str(tmp_path), "-o", str(tmp_path / "out")])
    again = runner.invoke(app, ["clean", str(tmp_path), "-o", str(tmp_path / "out")])
    assert inside.exit_code == again.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt"]


def test_a_single_100_mb_line(tmp_path: Path) -> None:
    """One 100 MB line (no newline at all): cleaned in one piece, nothing lost (about 15 s)."""
    sentence = "今年全市经济运行总体平稳，全年增长百分之五。Hello, world 1,000. "
    big = tmp_path / "big.txt"
    repeats = 100_000_000 // len(sentence.encode()) + 1
    big.write_text(sentence * repeats, encoding="utf-8")
    out = tmp_path / "out.txt"
    code = runner.invoke(app, ["clean", "-j", "1", "-q", str(big), "-o", str(out)]).exit_code
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("今年全市经济运行总体平稳") == repeats and len(text) >= len(sentence) * repeats
