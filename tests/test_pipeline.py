"""The pipeline core: chaining, counting, auditing, and a failing filter contained per document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsclean
from newsclean import pipeline as pipeline_module
from newsclean.audit import ChangeLog
from newsclean.config import CleanConfig
from newsclean.document import Document
from newsclean.pipeline import FilterError, Pipeline, Stats
from newsclean.runner import RunOptions, run

GLOSSED = "招商、項(xiàng)目,為何如此之“重”?<br/>\n"


def test_clean_text_api() -> None:
    assert newsclean.clean_text("招商、項(xiàng)目,為何如此之“重”?") == "招商、项目，为何如此之“重”？"
    # keyword options fold into the config
    assert newsclean.clean_text("項(xiàng)目", steps=("strip-pinyin",)) == "項目"


def test_changes_are_counted_per_filter_and_add_up() -> None:
    pipe = Pipeline(CleanConfig(audit=True))
    doc = pipe.process(Document(GLOSSED))
    assert doc.changes["strip-pinyin"] == 1 and doc.changes["strip-html"] == 1
    assert sum(doc.changes.values()) == len(doc.audit)
    pipe.process(Document("clean simplified text 新闻。"))
    stats = pipe.stats.as_dict()
    assert stats["docs"] == 2
    assert stats["strip-pinyin.docs_seen"] == 2 and stats["strip-pinyin.docs_changed"] == 1
    removed = sum(len(c.old) for c in doc.audit if c.filter == "strip-pinyin")
    assert stats["strip-pinyin.chars_removed"] == removed == len("(xiàng)")


def test_stats_merge() -> None:
    a, b = Stats(), Stats()
    a.counts["docs"] = 2
    b.counts["docs"] = 3
    b.seconds["repair"] = 0.5
    a.merge(b)
    assert a.counts["docs"] == 5 and a.seconds["repair"] == 0.5


def test_all_boilerplate_document_is_reported_not_dropped() -> None:
    page = "版权所有：中国产业经济信息网京ICP备11041399号-2京公网安备11010502035964\n"
    doc = Pipeline().process(Document(page))
    assert doc.text.strip() == ""
    assert doc.warnings == ["empty after cleaning"]


def test_script_is_detected_once_on_the_raw_input() -> None:
    doc = Pipeline(CleanConfig(steps=("strip-pinyin",))).process(Document("項(xiàng)目與經(jīng)濟"))
    assert doc.script is not None and doc.script.label == "traditional" and doc.script.glosses == 2


def _boom(text: str, config: object = None, log: object = None) -> str:
    if "爆" in text:
        raise RuntimeError("kaboom")
    return text


def test_a_failing_filter_fails_one_document_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline_module.resolve
    monkeypatch.setattr(pipeline_module, "resolve", lambda name: _boom if name == "normalize" else real(name))
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in [("a", "好"), ("b", "爆"), ("c", "行")]
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(FilterError, match="normalize"):
        Pipeline().process(Document("爆"))
    out = tmp_path / "out.jsonl"
    rejects = tmp_path / "rejects.jsonl"
    summary = run(
        RunOptions(inputs=(str(src),), output=str(out), fmt="jsonl", input_format="jsonl", rejects=str(rejects)),
        CleanConfig(),
    )
    assert summary.errors == 1 and summary.docs == 2
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a", "c"]
    errors = [json.loads(x) for x in rejects.read_text(encoding="utf-8").splitlines() if '"error"' in x]
    assert errors[0]["input"] == f"{src}:2" and "kaboom" in errors[0]["reason"]


def test_the_chain_repeats_until_nothing_changes() -> None:
    """A later step can expose work for an earlier one; the pipeline passes again until a pass
    changes nothing, so its output is idempotent. With max_passes=1 it runs once."""
    raw = "\n".join(
        [
            "首页 > 新闻 > 国内",
            "编辑：李静",
            "今年全市经济运行总体平稳，全年增长百分之五。",
            "版权所有：某某网 京ICP备12345678号",
        ]
    )
    once = Pipeline(CleanConfig(max_passes=1)).process(Document(raw))
    converged = Pipeline(CleanConfig()).process(Document(raw))
    again = Pipeline(CleanConfig()).process(Document(converged.text))
    assert again.text == converged.text and sum(again.changes.values()) == 0
    assert "今年全市经济运行总体平稳" in converged.text
    if once.text != converged.text:  # the second pass did work the first could not see
        assert Pipeline(CleanConfig(max_passes=1)).process(Document(once.text)).text != once.text
    with pytest.raises(ValueError):
        CleanConfig(max_passes=0)


def test_repeat_pass_stops_after_the_last_step_that_changed_text() -> None:
    # Pass 1: only the first step changes the text. Pass 2 reruns it (it saw other text then);
    # it changes nothing, and the second step, which already returned this very text unchanged,
    # is not run again.
    calls: list[str] = []

    def upper_x(text: str, config: CleanConfig, log: ChangeLog) -> str:
        calls.append("a")
        return text.replace("x", "X")

    def keep(text: str, config: CleanConfig, log: ChangeLog) -> str:
        calls.append("b")
        return text

    pipeline = Pipeline(CleanConfig(steps=("strip-html",)))
    pipeline.steps = [("a", "text", upper_x), ("b", "text", keep)]
    assert pipeline.process(Document("xyz")).text == "Xyz"
    assert calls == ["a", "b", "a"]
    calls.clear()
    pipeline.steps = [("b", "text", keep), ("a", "text", upper_x)]
    pipeline.process(Document("xyz"))
    assert calls == ["b", "a", "b", "a"]  # the last step changed the text: the whole chain reruns


def test_idempotent_step_is_skipped_on_its_own_output() -> None:
    # normalize is idempotent: in pass 2 it gets back exactly what it returned in pass 1 (the
    # step before it changed nothing then), so it is not run again; the output is the same.
    calls: list[str] = []

    def upper_x(text: str, config: CleanConfig, log: ChangeLog) -> str:
        calls.append("a")
        return text.replace("x", "X")

    def strip(text: str, config: CleanConfig, log: ChangeLog) -> str:
        calls.append("normalize")
        return text.strip()

    pipeline = Pipeline(CleanConfig(steps=("strip-html",)))
    pipeline.steps = [("a", "text", upper_x), ("normalize", "text", strip)]
    assert pipeline.process(Document(" x ")).text == "X"
    assert calls == ["a", "normalize", "a"]
    calls.clear()
    # Not its own output: the step runs.
    pipeline.steps = [("normalize", "text", strip), ("a", "text", upper_x)]
    assert pipeline.process(Document(" x ")).text == "X"
    assert calls == ["normalize", "a", "normalize", "a"]


def test_surrogate_check_flags_exactly_the_surrogate_code_points() -> None:
    from newsclean.pipeline import _has_surrogate

    assert all(_has_surrogate(f"前{chr(c)}后") for c in range(0xD800, 0xE000))
    others = [*range(0, 0xD800, 7), 0xD7FF, 0xE000, *range(0xE000, 0x110000, 97), 0x10FFFF]
    assert not any(_has_surrogate(f"前{chr(c)}后") for c in others)
    assert Pipeline(CleanConfig(steps=("strip-html",))).process(Document("a\ud800b")).text == "a\ufffdb"
