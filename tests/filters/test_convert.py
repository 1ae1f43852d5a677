"""Tests for newsclean.filters.convert: OpenCC conversion under --to, logging, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.audit import ChangeLog
from newsclean.config import CleanConfig
from newsclean.document import Document, ScriptInfo
from newsclean.filters.convert import TARGETS, convert_document, convert_text, log_conversion
from newsclean.filters.script import detect_script, simplified_only, traditional_only
from tests.corpus import corpus_texts

FARM = "中國產業經濟信息網 時間:2024-01-13 拜訪企業數比計劃超出一家"
GENUINE = "一批重點項目將在峰會期間集中簽約，遼寧省商務廳相關負責人表示，産業"
SIMPLIFIED = "我们在对接企业过程中发现了新机会，软件"


def _run(text: str, script: ScriptInfo | None, **config: object) -> tuple[str, ChangeLog]:
    doc = Document(text=text, script=script)
    log = ChangeLog("convert", keep=True)
    convert_document(doc, CleanConfig(**config), log)  # type: ignore[arg-type]
    return doc.text, log


def test_auto_turns_machine_converted_back_to_simplified() -> None:
    out, log = _run(FARM, ScriptInfo("traditional", machine_converted=True, glosses=200))
    assert out == "中国产业经济信息网 时间:2024-01-13 拜访企业数比计划超出一家"
    assert log.count > 0 and all(c.kind == "t2s" for c in log.changes)


def test_auto_and_keep_leave_genuine_scripts_alone() -> None:
    for text in (GENUINE, SIMPLIFIED):
        assert _run(text, detect_script(text))[0] == text
        assert _run(text, detect_script(text), to="keep")[0] == text
    assert _run(FARM, ScriptInfo("traditional", True, 200), to="keep")[0] == FARM


def test_explicit_targets() -> None:
    info = detect_script(GENUINE)
    assert _run(GENUINE, info, to="zh-hans")[0] == "一批重点项目将在峰会期间集中签约，辽宁省商务厅相关负责人表示，产业"
    assert _run(SIMPLIFIED, detect_script(SIMPLIFIED), to="zh-tw")[0] == "我們在對接企業過程中發現了新機會，軟件"
    assert _run(SIMPLIFIED, detect_script(SIMPLIFIED), to="zh-tw", idioms=True)[0] == (
        "我們在對接企業過程中發現了新機會，軟體"
    )
    assert _run(SIMPLIFIED, detect_script(SIMPLIFIED), to="zh-hant")[0] == "我們在對接企業過程中發現了新機會，軟件"
    assert _run("他说话", detect_script("他说话"), to="zh-hk")[0] == "他説話"


def test_traditional_to_taiwan_keeps_genuine_characters() -> None:
    taiwan = "台北市的户外夜市，周末布置，這裏"
    # only the simplified leftover 户 and the variant 裏 change; 台 布 周 stay
    assert convert_text(taiwan, "zh-tw", source="traditional") == "台北市的戶外夜市，周末布置，這裡"
    assert convert_text(taiwan, "zh-hant", source="traditional") == "台北市的戶外夜市，周末布置，這裏"
    # the same text pushed through s2tw (what a naive converter does) rewrites genuine characters
    assert convert_text(taiwan, "zh-tw", source="simplified") != convert_text(taiwan, "zh-tw", source="traditional")


def test_undetected_document_is_detected_first() -> None:
    out, _ = _run(GENUINE, None, to="zh-tw")
    assert out == GENUINE  # detected traditional: t2tw, nothing to change
    assert _run("Hello (iPhone)", None, to="zh-hans")[0] == "Hello (iPhone)"


def test_unknown_target_is_refused() -> None:
    with pytest.raises(ValueError):
        convert_text("中文", "zh-cn")


def test_log_runs_and_offsets() -> None:
    log = ChangeLog("convert", keep=True)
    log_conversion("我們這個國家", "我们这个国家", log, "t2s")
    assert [(c.old, c.new, c.start) for c in log.changes] == [("們這個國", "们这个国", 1)]
    log = ChangeLog("convert", keep=True)
    old, new = "甲\n軟件好\n乙們", "甲\n軟體很好\n乙们"  # unequal lengths: line-wise diff
    log_conversion(old, new, log, "s2twp")
    assert {(c.old, c.new, old[c.start : c.start + len(c.old)]) for c in log.changes} == {
        ("件", "體很", "件"),
        ("們", "们", "們"),
    }


def test_counting_without_keep_matches_kept_log() -> None:
    kept, counted = ChangeLog("convert", keep=True), ChangeLog("convert")
    old, new = "我們這個國家說了", "我们这个国家说了"
    log_conversion(old, new, kept, "t2s")
    log_conversion(old, new, counted, "t2s")
    assert (counted.count, counted.chars_removed, counted.chars_added) == (kept.count, kept.chars_removed, 5)
    assert kept.count == 2 and kept.chars_removed == 5


def test_counted_runs_match_kept_runs_on_random_pairs() -> None:
    """Runs counted in bulk (bytes counts over the flags, UTF-16 or UTF-32) equal runs logged one by one."""
    import random

    rnd = random.Random(3)
    for _ in range(3000):
        old = "".join(rnd.choice("我們這x\U00020000") for _ in range(rnd.randint(1, 12)))
        new = "".join(rnd.choice("我们这y\U00020001") if rnd.random() < 0.4 else ch for ch in old)
        kept, counted = ChangeLog("convert", keep=True), ChangeLog("convert")
        log_conversion(old, new, kept, "t2s")
        log_conversion(old, new, counted, "t2s")
        assert (counted.count, counted.chars_removed) == (kept.count, kept.chars_removed), (old, new)


def test_replaying_logged_runs_reproduces_the_output() -> None:
    doc = Document(text=FARM * 3, script=ScriptInfo("traditional", True, 100))
    log = ChangeLog("convert", keep=True)
    convert_document(doc, CleanConfig(), log)
    chars = list(FARM * 3)
    for c in log.changes:
        chars[c.start : c.start + len(c.old)] = c.new  # equal-length runs: offsets do not shift
    assert "".join(chars) == doc.text


def _twice(text: str, to: str, idioms: bool) -> tuple[str, str]:
    """Convert as the CLI does (detecting the source each time), twice."""
    once = convert_text(text, to, idioms, source=detect_script(text).label)
    return once, convert_text(once, to, idioms, source=detect_script(once).label)


@pytest.mark.parametrize("to", TARGETS)
@pytest.mark.parametrize("idioms", [False, True])
def test_known_chains_are_idempotent(to: str, idioms: bool) -> None:
    # 薴 -> 苧 -> 苎 under t2s; s2tw outputs 么 and changes it again; 由於潛 hits the phrase 於潛
    for text in ("薴麻", "苧麻", "什么", "麽", "緼藴醖", "由於潛伏期短"):
        once, twice = _twice(text, to, idioms)
        assert once == twice, (text, once, twice)


_TRICKY = (
    sorted(simplified_only())[:300]
    + sorted(traditional_only())[:300]
    + list("台布里干于後后發髮著着乾幹面麵只隻云雲表錶准準范範游遊周週占佔了瞭系係繫苧苎薴么麽的是中人，。")
)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(_TRICKY), min_size=1, max_size=20), st.sampled_from(TARGETS), st.booleans())
def test_idempotent_on_tricky_han_text(text: str, to: str, idioms: bool) -> None:
    once, twice = _twice(text, to, idioms)
    assert once == twice


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=20), st.sampled_from(TARGETS))
def test_idempotent_on_random_han_text(text: str, to: str) -> None:
    once, twice = _twice(text, to, False)
    assert once == twice


def test_taiwan_articles(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "taiwan").glob("*.txt"))
    assert files
    changed = total = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        for to in TARGETS:
            once, twice = _twice(text, to, False)
            assert once == twice, (path.name, to)
        tw = convert_text(text, "zh-tw", source="traditional")
        changed += sum(a != b for a, b in zip(text, tw, strict=True))
        total += len(text)
        assert _run(text, detect_script(text))[0] == text  # auto keeps genuine traditional
    assert changed / total < 0.001  # --to zh-tw leaves Taiwan text ~unchanged (variants only)


def test_seed_004_stays_traditional_unless_asked(shared_dir: Path) -> None:
    raw = (shared_dir / "seeds" / "004_2d1e5925a9c68fd1.txt").read_text(encoding="utf-8")
    info = detect_script(raw)
    assert _run(raw, info)[0] == raw
    hans, _ = _run(raw, info, to="zh-hans")
    assert "国际在线" in hans and detect_script(hans).label == "simplified"


# --- 著 -> 着 after t2s, Taiwan everyday forms


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("隨著時代發展", "随着时代发展"),
        ("帶著問題", "带着问题"),
        ("本著合作的原則", "本着合作的原则"),
        ("有著重要意義", "有着重要意义"),
        ("意味著", "意味着"),
        ("著手準備", "着手准备"),
        ("著急", "着急"),
        # negatives: zhù stays 著
        ("著名企業", "著名企业"),
        ("他的著作", "他的著作"),
        ("效果顯著", "效果显著"),
        ("顯著重要", "显著重要"),
        ("土著居民", "土著居民"),
        ("具有著名景點", "具有著名景点"),
        ("本著作", "本著作"),
    ],
)
def test_particle_zhe_becomes_simplified(traditional: str, simplified: str) -> None:
    assert convert_text(traditional, "zh-hans", source="traditional") == simplified


def test_machine_converted_seeds_lose_the_zhu_particle(shared_dir: Path) -> None:
    from newsclean.pipeline import clean_document

    for path in sorted((shared_dir / "seeds").glob("00[0-3]_*.txt")):
        out = clean_document(path.read_text(encoding="utf-8")).text
        for word in ("带著", "本著", "随著", "有著"):
            assert word not in out, (path.name, word)


def test_zh_tw_writes_taiwan_everyday_forms() -> None:
    assert convert_text("台湾宣布分布", "zh-tw") == "台灣宣布分布"
    assert convert_text("台风", "zh-tw") == "颱風"  # a phrase OpenCC resolves is kept
    # a traditional source keeps its own forms, 臺 included
    assert convert_text("國立臺灣大學宣佈", "zh-tw", source="traditional") == "國立臺灣大學宣佈"


def test_changed_flags_match_a_plain_comparison() -> None:
    from newsclean.filters.convert import _changed_flags

    for old, new in (("", ""), ("a", "b"), ("我們\U00020000x", "我们\U00020001x"), ("同同", "同同")):
        assert list(_changed_flags(old, new)) == [int(a != b) for a, b in zip(old, new, strict=True)]


# --- idempotence on the dev corpus: every Taiwan article, every cwced dump and label text


@pytest.mark.parametrize("to", TARGETS)
def test_idempotent_on_every_corpus_document(corpus_dir: Path, to: str) -> None:
    texts = corpus_texts(corpus_dir)
    assert len(texts) > 500
    for text in texts:
        for idioms in (False, True):
            once, twice = _twice(text, to, idioms)
            assert once == twice, (to, idioms, text[:40])


def test_auto_is_idempotent_on_every_corpus_document(corpus_dir: Path) -> None:
    for text in corpus_texts(corpus_dir):
        once, _ = _run(text, detect_script(text))
        assert _run(once, detect_script(once))[0] == once


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_idempotent_on_text_built_from_corpus_snippets(corpus_dir: Path, data: st.DataObject) -> None:
    texts = _corpus_snippet_source(corpus_dir)
    pieces = data.draw(st.lists(st.sampled_from(texts), min_size=1, max_size=4))
    cuts = [data.draw(st.integers(0, len(p))) for p in pieces]
    text = "".join(p[c : c + data.draw(st.integers(1, 40))] for p, c in zip(pieces, cuts, strict=True))
    to = data.draw(st.sampled_from(TARGETS))
    once, twice = _twice(text, to, data.draw(st.booleans()))
    assert once == twice


_SNIPPETS: dict[Path, list[str]] = {}


def _corpus_snippet_source(corpus: Path) -> list[str]:
    """The corpus texts, read once per session (mixing Taiwan and mainland text in one draw)."""
    if corpus not in _SNIPPETS:
        _SNIPPETS[corpus] = [t for t in corpus_texts(corpus) if t]
    return _SNIPPETS[corpus]


def test_zh_hk_twice_equals_once_when_hk_forms_look_simplified() -> None:
    """t2hk writes 温 (the Hong Kong form of 溫); a second run must not read that as simplified
    text and take the s2hk path (which writes 宣佈 for 宣布). Found by hypothesis."""
    from newsclean.filters.script import detect_script

    text = "原本「零確診」的帛琉近日疫情升溫，我國日前已宣布檢疫措施加嚴。"
    once = convert_text(text, "zh-hk", source=detect_script(text).label)
    twice = convert_text(once, "zh-hk", source=detect_script(once).label)
    assert "升温" in once and "宣布" in once
    assert twice == once
