"""newsclean.explain: the audit view of one document."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from newsclean.config import CleanConfig
from newsclean.document import Document
from newsclean.explain import explain, explain_document, render
from newsclean.pipeline import clean_document

REPO = Path(__file__).resolve().parents[1]
SEED_001 = REPO / "examples" / "001_4b8d3a932b17014b.txt"

PAGE = (
    "沈阳：咬定项目不放松 快马加鞭招商忙\n"
    "当前位置：首页 > 新闻 > 国内\n"
    "【字号 大 中 小】【打印】【关闭】\n"
    "項(xiàng)目建設(shè)全面提速，全市新開工重大項目120個，總投資超過800億元。\n"
    "關(guān)鍵詞(cí):\n"
    "版權所有:某某網 京ICP備12345678號"
)


def _text(renderable: object) -> str:
    console = Console(record=True, width=160, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_explain_collects_changes_per_filter_and_line_decisions() -> None:
    ex = explain(Document(PAGE))
    assert set(ex.changes) >= set(CleanConfig().steps)
    kinds = {c.kind for c in ex.changes["strip-boilerplate"]}
    assert {"navigation", "controls", "footer", "empty-label"} <= kinds
    assert ex.changes["strip-pinyin"]  # the glosses went
    dropped = {d.rule for d in ex.lines if not d.keep}
    assert {"navigation", "controls", "footer"} <= dropped


def test_explain_gives_the_same_document_as_the_pipeline() -> None:
    raw = SEED_001.read_text(encoding="utf-8")
    expected = clean_document(raw)
    ex = explain(Document(raw))
    assert ex.doc.text == expected.text
    assert ex.doc.metadata == expected.metadata
    assert ex.doc.changes == expected.changes


def test_render_mentions_removed_lines_and_rules() -> None:
    out = _text(explain_document(Document(PAGE, id="page.txt")))
    assert "page.txt" in out
    for name in CleanConfig().steps:
        assert name in out
    assert "per-line decisions" in out
    for rule in ("navigation", "controls", "footer", "empty-label"):
        assert rule in out
    assert ("当前位置" in out and "ICP" in out and "[打印]" in out) or "【打印】" in out  # markup not eaten
    assert "drop" in out and "keep" in out


def test_render_seed_with_disclaimer_list() -> None:
    console = Console(record=True, width=160, color_system=None)
    render(Document(SEED_001.read_text(encoding="utf-8")), console)
    out = console.export_text()
    assert "disclaimer" in out and "版权与免责声明" in out
    assert "under the disclaimer heading" in out
    assert "caption" in out and "资料图" in out


def test_empty_page_is_reported() -> None:
    out = _text(explain_document(Document("页面未找到\n您尝试访问的内容不存在或不再可用。")))
    assert "error-page" in out
    assert "empty after cleaning" in out


def test_explain_without_boilerplate_step() -> None:
    config = CleanConfig(steps=("strip-pinyin",))
    ex = explain(Document("項(xiàng)目"), config)
    assert ex.lines == [] and ex.doc.text == "項目"
    assert "strip-pinyin" in _text(explain_document(Document("項(xiàng)目"), config))
