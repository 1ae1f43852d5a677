"""Tests for newsclean.filters.pinyin (strip-pinyin, ARTIFACTS.md §1)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.audit import ChangeLog, replay_changes
from newsclean.filters.pinyin import (
    FARM_MIN_GLOSSES,
    SYLLABLES,
    count_glosses,
    is_pinyin_syllable,
    parse_syllable,
    strip_pinyin,
)

CASES_FILE = Path(__file__).resolve().parents[1] / "cases" / "pinyin.jsonl"
CASES: list[dict[str, Any]] = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line]

#: A tone-marked vowel: what must be gone from a gloss-farm seed after stripping.
TONED = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def test_case_table_is_big_enough() -> None:
    assert len(CASES) >= 40
    assert sum(c["input"] != c["expected"] for c in CASES) >= 15  # glosses
    assert sum(c["input"] == c["expected"] for c in CASES) >= 25  # genuine parentheses
    assert {c["origin"] for c in CASES} == {"seed", "corpus", "synthetic"}


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    log = ChangeLog("strip-pinyin", keep=True)
    out = strip_pinyin(case["input"], log=log)
    assert out == case["expected"], case["comment"]
    assert strip_pinyin(out) == out  # idempotent
    assert replay_changes(case["input"], log.changes) == out  # the log explains every edit
    assert log.count == len(log.changes) == (0 if out == case["input"] else log.count)
    assert all(c.new == "" for c in log.changes)  # glosses are only removed


# --- the syllable inventory


def test_inventory_size_and_members() -> None:
    standard = {s for s in SYLLABLES if "v" not in s and s not in ("nue", "lue")}
    assert 400 <= len(standard) <= 420  # the standard table has about 410 syllables
    for s in ("zhuang", "chuang", "shuang", "xiong", "lüe", "nü", "er", "ê", "yo", "dia", "rua", "hng"):
        assert s in SYLLABLES, s
    for s in ("bia", "fai", "gin", "jo", "zhia", "ong", "i", "u", "ü", "ju\u0308", "yi\u0308"):
        assert s not in SYLLABLES, s


@pytest.mark.parametrize(
    ("syllable", "expected"),
    [
        ("xiàng", ("xiang", 4)),
        ("chǎn", ("chan", 3)),
        ("nǚ", ("nü", 3)),
        ("lüè", ("lüe", 4)),
        ("jū", ("ju", 1)),
        ("xiang4", ("xiang", 4)),
        ("ma5", ("ma", 5)),
        ("ê\u0304", ("ê", 1)),
        ("ńg", ("ng", 2)),
        ("shi", ("shi", 0)),
    ],
)
def test_parse_syllable(syllable: str, expected: tuple[str, int]) -> None:
    assert parse_syllable(syllable) == expected
    assert is_pinyin_syllable(syllable)


@pytest.mark.parametrize(
    "word", ["Xiàng", "XIANG", "xiàng4", "xìàng", "iphone", "gdp", "flu", "meme", "zhuàngs", "6", ""]
)
def test_not_syllables(word: str) -> None:
    assert not is_pinyin_syllable(word)


# --- rules


def test_farm_rules_need_enough_certain_glosses() -> None:
    farm = "項(xiàng)目經(jīng)濟(jì)"
    assert count_glosses(farm) == FARM_MIN_GLOSSES
    assert strip_pinyin(farm + "他們(men)來") == "項目經濟他們來"
    two = "項(xiàng)目經(jīng)"
    assert strip_pinyin(two + "他們(men)來") == "項目經他們(men)來"


def test_gloss_after_non_han_only_in_farm_documents() -> None:
    assert strip_pinyin("Mr.(jìn)") == "Mr.(jìn)"
    assert strip_pinyin("“行”(háng)") == "“行”(háng)"
    assert strip_pinyin("項(xiàng)目經(jīng)濟(jì)七M(jìn)快") == "項目經濟七M快"


def test_two_glosses_in_a_row_go_in_one_pass() -> None:
    text = "項(xiàng)(mù)"
    assert strip_pinyin(text) == "項"  # idempotence: the second would follow 項 once the first is gone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(shí)zhǔn)們們", "(shí)zhǔn)們們"),  # nothing before the first bracket: not a gloss
        ("zhǔn)</p>們", "zhǔn)</p>們"),  # orphan candidate at offset 0 (once duplicated the text)
        ("的(shí)zhǔn)(a)", "的(a)"),  # the orphan follows 的 once (shí) is gone
        ("?zhǔn)zhǔn)", "?"),  # two orphans in a row
    ],
)
def test_edges_and_chains(text: str, expected: str) -> None:
    out = strip_pinyin(text)
    assert out == expected
    assert strip_pinyin(out) == out


def test_space_before_bracket_is_not_a_gloss() -> None:
    text = "項(xiàng)目經(jīng)濟(jì) (jìn) 拼音"
    assert strip_pinyin(text) == "項目經濟 (jìn) 拼音"


def test_count_glosses_cheap_negatives() -> None:
    assert count_glosses("") == 0
    assert count_glosses("純中文，沒有括號。" * 100) == 0
    assert count_glosses("(a)(B)(GDP)(iPhone)(2023)(Wang Leehom)") == 0


def test_log_kinds_and_offsets() -> None:
    text = "時(shí)間 鏈?zhǔn)秸"
    log = ChangeLog("strip-pinyin", keep=True)
    assert strip_pinyin(text, log=log) == "時間 鏈?秸"
    assert [(c.kind, c.old, c.start) for c in log.changes] == [("gloss", "(shí)", 1), ("gloss-orphan", "zhǔn)", 10)]
    assert log.chars_removed == len("(shí)") + len("zhǔn)")


def test_no_log_same_output() -> None:
    text = "中國產(chǎn)業(yè)經(jīng)濟(jì)信息網(wǎng)"
    assert strip_pinyin(text) == strip_pinyin(text, log=ChangeLog("x")) == "中國產業經濟信息網"


def test_untouched_text_is_same_object() -> None:
    text = "省、市、縣(區)各級政府（WHO）(a)"
    assert strip_pinyin(text) is text


# --- real data


def test_seeds_lose_every_gloss(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "seeds").glob("00[0-3]_*.txt")):
        text = path.read_text(encoding="utf-8")
        log = ChangeLog("strip-pinyin", keep=True)
        out = strip_pinyin(text, log=log)
        assert count_glosses(text) > 150, path.name
        assert log.count >= count_glosses(text)
        assert not TONED.search(out), (path.name, TONED.findall(out))
        assert strip_pinyin(out) == out
        assert replay_changes(text, log.changes) == out


def test_seed_004_untouched(shared_dir: Path) -> None:
    text = next((shared_dir / "seeds").glob("004_*.txt")).read_text(encoding="utf-8")
    assert count_glosses(text) == 0
    assert strip_pinyin(text) == text


def test_taiwan_corpus_untouched(corpus_dir: Path) -> None:
    paths = sorted((corpus_dir / "taiwan").glob("*.txt"))
    if not paths:
        pytest.skip("no taiwan corpus")
    changed = [p.name for p in paths if strip_pinyin(text := p.read_text(encoding="utf-8")) != text]
    assert changed == []


# --- the fast paths (stage 1 split, gates) against the per-candidate rules


def test_marked_spellings_all_parse_as_marked() -> None:
    from newsclean.filters.pinyin import MARKED, _is_marked

    assert len(MARKED) > 3000
    assert {"xiàng", "chǎn", "nǚ", "lüè", "ńg", "xiang4", "lv4"} <= MARKED
    assert not {"a1", "e2", "xiang", "shi", "xiàng4"} & MARKED  # weak, toneless or doubly toned
    assert all(_is_marked(s) for s in MARKED)
    # decomposed spellings are not in the set: they are parsed one by one
    assert "xia\u0300ng" not in MARKED and _is_marked("xia\u0300ng") and _is_marked("ê\u0304")
    assert not _is_marked("gdp") and not _is_marked("x\u0304")


def test_gate_sees_every_toned_form() -> None:
    from newsclean.filters.pinyin import _may_hold_glosses

    toned = (
        "項(xiàng)",
        "鏈?zhǔn)",
        "項(xiang4)",
        "項（xia\u0300ng）",
        "項(ê\u0304)",
        "(lu\u03084)à",
        "(lu\u03084)(ha3)",
    )
    for text in toned:
        assert _may_hold_glosses(text), text
    for text in ("(2023)(a)(iPhone)(Wang Leehom)", "純中文，沒有括號。", "第(1)條", "ê\u0304", "à (iPhone)"):
        assert not _may_hold_glosses(text), text
    # The gate looks at brackets only, but never passes text the former gate (a tone mark
    # anywhere, or a tone number before a bracket) stopped: "lu\u03084)" alone stays as it is.
    assert not _may_hold_glosses("項(lu\u03084)") and strip_pinyin("項(lu\u03084)") == "項(lu\u03084)"
    assert strip_pinyin("項(lu\u03084)à") == "項à"


def test_chains_across_both_stages_are_logged_at_input_offsets() -> None:
    text = "時(shí)間(jiān)項(xiàng)(mù)的(shí)zhǔn)七M(jìn)經(jīng)"
    log = ChangeLog("strip-pinyin", keep=True)
    out = strip_pinyin(text, log=log)
    assert out == "時間項的七M經"
    assert replay_changes(text, log.changes) == out
    assert strip_pinyin(text, log=ChangeLog("strip-pinyin")) == out  # counting-only log: same text
    counted = ChangeLog("strip-pinyin")
    strip_pinyin(text, log=counted)
    assert (counted.count, counted.chars_removed) == (log.count, log.chars_removed)


def test_bracket_open_before_an_orphan_after_a_removed_gloss() -> None:
    # the orphan candidate sits inside an open （ once the gloss before it is gone: it stays
    assert strip_pinyin("（中（xiang4）mù）") == "（中mù）"


_PIECES = [
    "項",
    "(",
    ")",
    "（",
    "）",
    "xiàng",
    "mù",
    "zhǔn",
    "shi",
    "a",
    "?",
    "M",
    " ",
    "的",
    "們",
    "jìn",
    "xiang4",
    "iPhone",
    "中",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_idempotent_and_replayable_on_generated_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    log = ChangeLog("strip-pinyin", keep=True)
    out = strip_pinyin(text, log=log)
    assert strip_pinyin(out) == out
    assert replay_changes(text, log.changes) == out
    assert count_glosses(text) <= log.count or out == text
