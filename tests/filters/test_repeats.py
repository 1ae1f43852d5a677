"""Corpus mode: line keys that survive the chain, learning recurring lines, and removing them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsclean.audit import ChangeLog
from newsclean.config import CleanConfig
from newsclean.document import Document
from newsclean.filters.boilerplate import classify_lines, strip_boilerplate
from newsclean.filters.repeats import MIN_KEY, learn_repeats, line_key
from newsclean.pipeline import Pipeline, clean_document

REPO = Path(__file__).resolve().parents[2]

# A site line that no rule of boilerplate_rules knows: only corpus mode can tell it is furniture.
SITE_LINE_RAW = "  本站新聞由東方數據(jù)中心提供技術(shù)支持 熱線 400-800-1234<br/>"
SITE_LINE = "本站新闻由东方数据中心提供技术支持 热线 400-800-1234"
BODIES = [
    "沈陽市今年新簽約項目{i}個，總投資超過{i}00億元。",
    "大連市第{i}批重點項目集中開工，涉及先進製造、現代服務等領域。",
]


def _corpus(n: int) -> list[str]:
    return [
        f"{BODIES[i % 2].format(i=i + 1)}\n這是第{i + 1}篇文章的第二段，內容各不相同。\n{SITE_LINE_RAW}"
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("版權所有:中國產業經濟信息網", "版权所有：中国产业经济信息网"),  # script, punctuation width
        ("  延伸閱讀 <br/>", "延伸阅读"),  # indentation, tags
        ("關(guān)鍵詞(cí):", "关键词："),  # pinyin glosses
        ("ＡＢＣ１２３ 新聞", "abc123新闻"),  # fullwidth letters and digits, case
        ("&ldquo;責任編輯&rdquo;", "“责任编辑”"),  # entities
    ],
)
def test_line_key_is_stable_across_the_chain(a: str, b: str) -> None:
    assert line_key(a) == line_key(b)


def test_line_key_tells_lines_apart() -> None:
    assert line_key("招商引资开门红") != line_key("招商引资开门黑")
    assert line_key("") == ""


def test_keys_of_processed_lines_match_raw_lines() -> None:
    """Every line the chain (up to normalize) produces from the seeds has the key of a raw line,
    except lines whose garble repair changed their words (ARTIFACTS §2)."""
    chain = CleanConfig(steps=("repair", "strip-html", "strip-pinyin", "convert", "normalize"))
    for path in sorted((REPO / "examples").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        raw_keys = {line_key(line) for line in raw.splitlines()}
        out = clean_document(raw, chain).text
        missing = [ln for ln in out.splitlines() if line_key(ln) and line_key(ln) not in raw_keys]
        assert len(missing) <= 3, (path.name, missing)


def test_learn_repeats_finds_the_site_line() -> None:
    learnt = learn_repeats(_corpus(10), min_docs=5, min_share=0.3)
    assert learnt == frozenset({line_key(SITE_LINE)})


def test_learn_repeats_thresholds() -> None:
    assert learn_repeats(_corpus(4), min_docs=5, min_share=0.0) == frozenset()  # too few documents
    docs = _corpus(6) + [f"第{i}篇无关的文章，只有一段正文，说的是别的事情。" for i in range(60)]
    assert learn_repeats(docs, min_docs=5, min_share=0.05) == frozenset({line_key(SITE_LINE)})
    assert learn_repeats(docs, min_docs=5, min_share=0.2) == frozenset()  # 6 of 66 docs < 20%


def test_learn_repeats_counts_a_line_once_per_document() -> None:
    docs = [SITE_LINE_RAW * 1 + "\n" + SITE_LINE_RAW] * 2 + ["正文。"] * 3
    assert learn_repeats(docs, min_docs=3, min_share=0.0) == frozenset()


def test_learn_repeats_ignores_short_keys() -> None:
    docs = [f"首页\n新闻中心\n第{i}篇正文，内容各不相同。" for i in range(20)]
    assert all(len(k) >= MIN_KEY for k in learn_repeats(docs, min_docs=2, min_share=0.0))
    assert learn_repeats(docs, min_docs=2, min_share=0.0) == frozenset()


def test_prose_needs_to_repeat_a_lot() -> None:
    quote = "新华社北京1月1日电，国务院总理今天在人民大会堂会见了来访的外国贵宾。"
    docs = [f"{quote}\n第{i}篇正文，内容各不相同。" for i in range(6)] + [f"第{i}篇别的文章。" for i in range(30)]
    # In 6 of 36 documents: enough for a menu line, not for a sentence.
    assert learn_repeats(docs, min_docs=5, min_share=0.05) == frozenset()
    # In every document of a small corpus: a sentence on every page is furniture.
    assert learn_repeats(docs[:6], min_docs=5, min_share=0.05) == frozenset({line_key(quote)})


def test_lossy_counting_keeps_frequent_lines_on_a_big_corpus() -> None:
    docs = [
        f"第{i}篇正文，内容各不相同。\n另一个独有的行{i}号线路站点" + (f"\n{SITE_LINE}" if i % 5 == 0 else "")
        for i in range(3000)
    ]
    learnt = learn_repeats(docs, min_docs=5, min_share=0.1)
    assert learnt == frozenset({line_key(SITE_LINE)})


def test_strip_boilerplate_removes_learnt_lines() -> None:
    corpus = _corpus(10)
    config = CleanConfig(repeated_lines=learn_repeats(corpus, min_docs=5, min_share=0.3))
    text = "沈阳市今年新签约项目12个，总投资超过1200亿元。\n" + SITE_LINE
    log = ChangeLog("strip-boilerplate", keep=True)
    out = strip_boilerplate(text, config, log)
    assert out == "沈阳市今年新签约项目12个，总投资超过1200亿元。"
    assert [c.kind for c in log.changes if c.kind != "blank"] == ["repeated"]
    assert strip_boilerplate(out, config) == out
    # Without corpus mode, the line is not boilerplate.
    assert strip_boilerplate(text) == text
    decisions = classify_lines(text, config)
    assert decisions[1].rule == "repeated" and "recurs" in decisions[1].evidence


def test_corpus_mode_end_to_end_on_raw_text() -> None:
    """Learn on RAW text (first pass), clean with the whole chain (second pass)."""
    corpus = _corpus(10)
    config = CleanConfig(repeated_lines=learn_repeats(corpus, min_docs=5, min_share=0.3))
    pipeline = Pipeline(config)
    outs = [d.text for d in pipeline.run(Document(t) for t in corpus)]
    assert all("提供技" not in o for o in outs)
    assert all("篇文章的第二段" in o for o in outs)
    plain = [d.text for d in Pipeline(replace(config, repeated_lines=frozenset())).run(Document(t) for t in corpus)]
    assert all("提供技" in o for o in plain)


def test_repeated_article_line_elsewhere_is_kept_when_not_learnt() -> None:
    config = CleanConfig(repeated_lines=frozenset({line_key(SITE_LINE)}))
    text = "本站新闻由东方数据中心提供技术支持，这是记者在采访中了解到的情况。"
    assert strip_boilerplate(text, config) == text
