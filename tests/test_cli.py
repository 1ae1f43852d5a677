"""The command line as users run it: in-process with CliRunner, plus subprocess smoke tests."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.cli import app
from newsclean.registry import FILTERS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED_004 = EXAMPLES / "004_2d1e5925a9c68fd1.txt"
SEED_000 = EXAMPLES / "000_27fe9a6cdbf992af.txt"
runner = CliRunner()


def test_stdin_to_simplified() -> None:
    result = runner.invoke(app, ["clean", "--to", "zh-hans"], input=SEED_004.read_bytes())
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "一批重点项目将在峰会期间集中签约" not in out  # the title went to metadata
    assert "峰会尚未开幕，准备早已开始" in out
    assert "峰會" not in out and "國際在線" not in out


def test_genuine_traditional_stays_traditional_by_default() -> None:
    result = runner.invoke(app, ["clean", str(SEED_004)])
    assert result.exit_code == 0
    assert "峰會尚未開幕，準備早已開始" in result.stdout


def test_steps_and_skip() -> None:
    only = runner.invoke(app, ["clean", "--steps", "strip-pinyin", str(SEED_000)])
    assert only.exit_code == 0
    assert "(xiàng)" not in only.stdout and "項目" in only.stdout  # glosses gone, script untouched
    skipped = runner.invoke(app, ["clean", "--skip", "strip-boilerplate", str(SEED_000)])
    assert "ICP" in skipped.stdout
    full = runner.invoke(app, ["clean", str(SEED_000)])
    assert "ICP" not in full.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["clean", "--steps", "nope"],
        ["clean", "--skip", "nope"],
        ["clean", "--to", "martian"],
        ["clean", "--format", "xml"],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    result = runner.invoke(app, [*argv, str(SEED_000)])
    assert result.exit_code == 2


@pytest.mark.parametrize("command", ["clean", "detect", "meta", *FILTERS])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout and "newsclean" in result.stdout


def test_filter_subcommand_runs_only_its_filter() -> None:
    result = runner.invoke(app, ["strip-pinyin", "--format", "jsonl", str(SEED_000)])
    record = json.loads(result.stdout)
    assert set(record["newsclean"]["changes"]) == {"strip-pinyin"}
    assert "沈陽" in record["text"]  # no conversion, no metadata parsing


def test_meta_prints_metadata_records() -> None:
    result = runner.invoke(app, ["meta", str(SEED_004)])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert set(record) == {"id", "input", "metadata"}
    assert record["metadata"]["published"] == "2018-08-27T10:02:56"


def test_detect_reports_encoding_script_glosses_and_garble(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEED_004.read_text(encoding="utf-8").encode("gb18030"))
    result = runner.invoke(app, ["detect", "--format", "jsonl", str(SEED_000), str(gbk)])
    assert result.exit_code == 0
    seed, legacy = (json.loads(x) for x in result.stdout.splitlines())
    assert seed["encoding"] == "utf-8" and seed["script"] == "traditional" and seed["machine_converted"]
    assert seed["glosses"] > 50 and seed["garble_spans"] >= 3
    assert legacy["encoding"] == "gb18030" and legacy["script"] == "traditional" and legacy["glosses"] == 0


def test_missing_input_exits_1_and_others_are_processed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(tmp_path / "nope.txt"), str(SEED_000)])
    assert result.exit_code == 1
    assert "nope.txt: no such file or directory" in result.stderr
    assert "沈阳" in result.stdout or "招商" in result.stdout


def test_import_is_light() -> None:
    code = (
        "import sys, newsclean.cli; "
        "print(sorted(m for m in ('ftfy', 'opencc', 'charset_normalizer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_one_line_stdin_run_imports_nothing_heavy() -> None:
    # Shell loops run the tool once per file: a run must not pay for pydantic (typer >= 0.29
    # imports it to parse options, hence the cap in pyproject.toml) or for the parquet/ray stack.
    code = (
        "import sys\n"
        "from newsclean.cli import main\n"
        "sys.argv = ['newsclean', 'clean']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'ray', 'pyarrow', 'pandas', 'numpy')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", code], input="一行新闻。\n", capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout == "一行新闻。\n"
    assert run.stderr.strip() == "[]"


def _cli(*args: str, **kw: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsclean", *args], capture_output=True, **kw)  # type: ignore[call-overload, no-any-return]


def test_subprocess_pipe_gz_and_mirror(tmp_path: Path) -> None:
    # stdin -> stdout
    piped = _cli("clean", "--to", "zh-hans", input=SEED_004.read_bytes())
    assert piped.returncode == 0 and "峰会尚未开幕" in piped.stdout.decode("utf-8")
    assert piped.stderr == b""
    # a .txt.gz input
    gz = tmp_path / "seed.txt.gz"
    gz.write_bytes(gzip.compress(SEED_000.read_bytes()))
    from_gz = _cli("clean", str(gz))
    assert from_gz.returncode == 0 and "刚从北京归来的沈阳高新区" in from_gz.stdout.decode("utf-8")
    # a tree mirrored
    out = tmp_path / "out"
    mirrored = _cli("clean", str(EXAMPLES), "-o", str(out))
    assert mirrored.returncode == 0, mirrored.stderr
    assert sorted(os.listdir(out)) == sorted(p.name for p in EXAMPLES.glob("*.txt"))


def test_subprocess_jsonl_in_jsonl_out(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "x", "text": SEED_000.read_text(encoding="utf-8"), "url": "u"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    res = _cli("clean", "--input-format", "jsonl", "--format", "jsonl", str(src))
    assert res.returncode == 0
    rec = json.loads(res.stdout)
    assert rec["url"] == "u" and rec["id"] == "x" and rec["metadata"]["reposted_from"] == "金台资讯"


def test_explain_shows_each_filter_and_boilerplate_rules() -> None:
    result = runner.invoke(app, ["explain", str(SEED_000)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "garble-repaired" in out and "一手抓招商" in out
    assert "strip-pinyin: 175 changes" in out or "strip-pinyin" in out
    assert "ICP" in out  # the footer line, shown as removed with its rule
    assert runner.invoke(app, ["explain", "no-such-file.txt"]).exit_code == 1


def test_learn_repeats_removes_a_site_footer_no_rule_knows(tmp_path: Path) -> None:
    footer = "本站由某某科技驱动，欢迎光临我们的小站"
    bodies = [
        "今年全市经济运行总体平稳，全年增长百分之五。",
        "市政府召开常务会议，研究部署下一阶段重点工作。",
        "铁路部门发布春运计划，预计发送旅客人次创新高。",
        "农业农村局介绍春耕备耕情况，种子化肥储备充足。",
        "教育局公布招生政策，今年起实行新的划片办法。",
        "气象台发布寒潮预警，未来三天气温将下降八度。",
    ]
    for i, body in enumerate(bodies):
        (tmp_path / f"{i}.txt").write_text(f"{body}\n{footer}\n", encoding="utf-8")
    plain = runner.invoke(app, ["clean", "-j", "1", "--format", "jsonl", str(tmp_path)])
    assert all(footer in json.loads(x)["text"] for x in plain.stdout.splitlines())
    learnt = runner.invoke(app, ["clean", "-j", "1", "--format", "jsonl", "--learn-repeats", str(tmp_path)])
    assert learnt.exit_code == 0, learnt.output
    texts = [json.loads(x)["text"] for x in learnt.stdout.splitlines()]
    assert len(texts) == 6 and not any(footer in t for t in texts)
    assert all(b in t for b, t in zip(bodies, texts, strict=True))
    stdin = runner.invoke(app, ["clean", "--learn-repeats"], input="x")
    assert stdin.exit_code == 2


def test_summary_counts_files_documents_bytes_and_rate(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    sizes = 0
    for i, seed in enumerate(sorted(EXAMPLES.glob("*.txt"))[:3]):
        (src / f"{i}.txt").write_bytes(seed.read_bytes())
        sizes += seed.stat().st_size
    result = runner.invoke(app, ["clean", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stderr.splitlines() if "document(s)" in x)
    match = re.search(r"3 file\(s\), 3 document\(s\), 0 error\(s\), ([\d.]+) kB in ([\d.]+) s \(([\d.]+) MB/s\)", line)
    assert match, line
    assert float(match.group(1)) == round(sizes / 1e3, 1)
    # the rate is that of the unrounded time, which lies within 0.005 s of the printed one
    seconds, rate = float(match.group(2)), float(match.group(3))
    assert sizes / 1e6 / (seconds + 0.005) - 0.005 <= rate <= sizes / 1e6 / max(seconds - 0.005, 1e-9) + 0.005
