"""Inputs and outputs: formats, compression, trees, JSONL, atomic writes and per-input errors."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
from pathlib import Path

import pytest
import zstandard

from newsclean.config import CleanConfig
from newsclean.io.readers import InputError, Source, discover, read_jsonl_documents
from newsclean.io.writers import AtomicFile, MirrorSink
from newsclean.runner import Reporter, RunOptions, UsageError, run

GLOSSED = "沈陽:咬定項(xiàng)目不放松<br/>\n招商、項(xiàng)目,為何如此之“重”?\n"
NORMALIZE_ONLY = CleanConfig(steps=("normalize",))


class Collect(Reporter):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def error(self, where: str, reason: str) -> None:
        self.errors.append((where, reason))


def _compress(path: Path, data: bytes) -> None:
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    elif path.suffix == ".bz2":
        path.write_bytes(bz2.compress(data))
    elif path.suffix == ".xz":
        path.write_bytes(lzma.compress(data))
    elif path.suffix == ".zst":
        path.write_bytes(zstandard.ZstdCompressor().compress(data))


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst"])
def test_compressed_input_and_output(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / f"a.txt{suffix}"
    _compress(src, GLOSSED.encode("utf-8"))
    out = tmp_path / f"out.jsonl{suffix}"
    summary = run(RunOptions(inputs=(str(src),), output=str(out), fmt="jsonl"), CleanConfig())
    assert summary.errors == 0 and summary.docs == 1
    raw = out.read_bytes()
    assert raw[:4] != b'{"id'  # really compressed
    text = {
        ".gz": gzip.decompress,
        ".bz2": bz2.decompress,
        ".xz": lzma.decompress,
        ".zst": lambda b: zstandard.ZstdDecompressor().decompressobj().decompress(b),
    }[suffix](raw)
    record = json.loads(text)
    assert "xiàng" not in record["text"] and "项目" in record["text"]


def test_gbk_file_is_decoded(tmp_path: Path) -> None:
    src = tmp_path / "gbk.txt"
    src.write_bytes("记者从市政府获悉，今年全市经济运行总体平稳。".encode("gbk"))
    out = tmp_path / "o.jsonl"
    run(RunOptions(inputs=(str(src),), output=str(out), fmt="jsonl"), NORMALIZE_ONLY)
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["text"].startswith("记者从市政府获悉")
    assert record["newsclean"]["encoding"] == "gb18030"


def test_directory_is_mirrored(tmp_path: Path) -> None:
    (tmp_path / "in" / "a" / "b").mkdir(parents=True)
    (tmp_path / "in" / "top.txt").write_text(GLOSSED, encoding="utf-8")
    (tmp_path / "in" / "a" / "b" / "deep.txt").write_text("新闻 正文\n", encoding="utf-8")
    (tmp_path / "in" / "a" / "notes.md").write_text("not an input", encoding="utf-8")
    out = tmp_path / "out"
    summary = run(RunOptions(inputs=(str(tmp_path / "in"),), output=str(out)), CleanConfig())
    assert summary.files == 2 and summary.skipped == [str(tmp_path / "in" / "a" / "notes.md")]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "a/b/deep.txt",
        "top.txt",
    ]
    assert "项目" in (out / "top.txt").read_text(encoding="utf-8")


def test_mirror_to_jsonl_renames_suffix(tmp_path: Path) -> None:
    sink = MirrorSink("jsonl", tmp_path, "text")
    assert sink.output_path(Source(None, "a/b.txt.gz", "x")) == tmp_path / "a" / "b.jsonl.gz"
    assert sink.output_path(Source(None, "c.txt", "x")) == tmp_path / "c.jsonl"


def test_output_dir_inside_input_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GLOSSED, encoding="utf-8")
    out = tmp_path / "cleaned"
    run(RunOptions(inputs=(str(tmp_path),), output=str(out)), CleanConfig())
    summary = run(RunOptions(inputs=(str(tmp_path),), output=str(out)), CleanConfig())
    assert summary.files == 1  # the first run's output is not taken as input


def test_output_equal_to_input_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GLOSSED, encoding="utf-8")
    with pytest.raises(UsageError):
        run(RunOptions(inputs=(str(src),), output=str(src)), CleanConfig())
    assert src.read_text(encoding="utf-8") == GLOSSED


def test_jsonl_keeps_extra_fields_and_reports_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": GLOSSED, "url": "http://x.cn/1", "lang": "zh"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a3", "body": "no text field"}),
        json.dumps({"id": "a4", "text": 42}),
        "",
        json.dumps({"text": "第二篇 新闻"}, ensure_ascii=False),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    reporter = Collect()
    summary = run(
        RunOptions(inputs=(str(src),), output=str(out), fmt="jsonl", input_format="jsonl"), CleanConfig(), reporter
    )
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a1", "in.jsonl:6"]
    assert records[0]["url"] == "http://x.cn/1" and records[0]["lang"] == "zh"
    assert "项目" in records[0]["text"]
    assert summary.errors == 3
    wheres = [w for w, _ in reporter.errors]
    assert wheres == [f"{src}:2", f"{src}:3", f"{src}:4"]
    assert "invalid JSONL" in reporter.errors[0][1] and "'text'" in reporter.errors[1][1]


def test_custom_text_field(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"content": GLOSSED, "n": 1}, ensure_ascii=False) + "\n", encoding="utf-8")
    docs = list(read_jsonl_documents(Source(src, "in.jsonl", str(src)), "content"))
    assert len(docs) == 1 and not isinstance(docs[0], InputError)
    assert docs[0].text == GLOSSED and docs[0].extra == {"n": 1}


def test_bad_inputs_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GLOSSED, encoding="utf-8")
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    bad_gz = tmp_path / "broken.txt.gz"
    bad_gz.write_bytes(b"\x1f\x8b\x08\x00garbage")
    out = tmp_path / "all.jsonl"
    reporter = Collect()
    summary = run(
        RunOptions(
            inputs=(str(tmp_path / "missing.txt"), str(png), str(bad_gz), str(good)), output=str(out), fmt="jsonl"
        ),
        CleanConfig(),
        reporter,
    )
    assert summary.errors == 3 and summary.docs == 1
    assert {w for w, _ in reporter.errors} == {str(tmp_path / "missing.txt"), str(png), str(bad_gz)}
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_atomic_file_appears_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "x.jsonl"
    f = AtomicFile(target)
    f.write(b"half")
    assert not target.exists()
    f.abort()
    assert list(tmp_path.iterdir()) == []
    g = AtomicFile(target)
    g.write(b"whole\n")
    g.commit()
    assert target.read_bytes() == b"whole\n" and list(tmp_path.iterdir()) == [target]


def test_rejects_file_lists_removed_spans(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GLOSSED, encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    run(RunOptions(inputs=(str(src),), output=str(tmp_path / "o.txt"), rejects=str(rejects)), CleanConfig())
    removed = [json.loads(x) for x in rejects.read_text(encoding="utf-8").splitlines()]
    glosses = [r for r in removed if r["filter"] == "strip-pinyin"]
    assert [r["old"] for r in glosses] == ["(xiàng)", "(xiàng)"]
    assert all(r["id"] == "a.txt" for r in removed)


def test_discover_reports_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    items = list(discover([str(tmp_path / "d")], "*.txt"))
    sources = [i for i in items if isinstance(i, Source)]
    assert [s.rel for s in sources] == ["a.txt"]
    assert any(isinstance(i, InputError) and "loop" in i.reason for i in items)


def test_discover_passes_over_the_output_file_however_it_is_reached(tmp_path: Path) -> None:
    # The output file sits inside the input tree; the tree is named through a symlinked
    # directory, and a symlinked file in it points at the output too. Neither is an input.
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "real" / "out.txt"
    out.write_text("cleaned", encoding="utf-8")
    (tmp_path / "real" / "to-out.txt").symlink_to(out)
    (tmp_path / "real" / "to-a.txt").symlink_to(tmp_path / "real" / "a.txt")
    (tmp_path / "via").symlink_to(tmp_path / "real")
    items = list(discover([str(tmp_path / "via")], "*.txt", [out]))
    assert [s.rel for s in items if isinstance(s, Source)] == ["a.txt", "to-a.txt"]


def test_new_output_name_without_extension_is_a_directory_for_tree_input(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GLOSSED, encoding="utf-8")
    run(RunOptions(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out")), CleanConfig())
    assert (tmp_path / "out" / "a.txt").is_file()
    run(RunOptions(inputs=(str(tmp_path / "in" / "a.txt"),), output=str(tmp_path / "single")), CleanConfig())
    assert (tmp_path / "single").is_file()


def test_outputs_get_normal_permissions(tmp_path: Path) -> None:
    f = AtomicFile(tmp_path / "new.txt")
    f.write(b"x")
    f.commit()
    umask = os.umask(0o022)
    os.umask(umask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o666 & ~umask
    target = tmp_path / "kept.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    g = AtomicFile(target)
    g.write(b"new")
    g.commit()
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_bytes() == b"new"


def test_mirror_removes_leftover_temporaries_of_the_files_it_writes(tmp_path: Path) -> None:
    # A run killed mid-write leaves `.NAME.XXXXXXXX.tmp`; the next run into the same tree
    # removes those of the files it writes (one listing per directory), and nothing else.
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(GLOSSED, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".a.txt.k3j4h5g6.tmp").write_bytes(b"half")
    (out / ".b.txt.abcdefgh.tmp").write_bytes(b"half")
    (out / ".c.txt.abcdefgh.tmp").write_bytes(b"not ours to remove: no c.txt is written")
    run(RunOptions(inputs=(str(src),), output=str(out)), CleanConfig())
    assert sorted(p.name for p in out.iterdir()) == [".c.txt.abcdefgh.tmp", "a.txt", "b.txt"]
