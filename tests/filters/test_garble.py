"""Misaligned-GBK garble (ARTIFACTS.md §2): detection and repair on seed excerpts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.filters import garble
from newsclean.filters.garble import find_garble_spans, plan_garble

# (excerpt with garble, expected repaired excerpt): the seed spans, byte by byte
SEED_SPANS = [
    ("抓招商。項目群?!薄耙皇肿フ猩?、一手抓營商,", "抓招商。項目群。”“一手抓招商、一手抓營商,"),
    ("來見面的?!眲⒌ふf,“千方百計", "來見面的。”劉丹說,“千方百計"),
    ("當好項目落地的‘助推器’?!痹谶@場覆蓋全市各縣", "當好項目落地的‘助推器’。”在這場覆蓋全市各縣"),
    ("回訪考察?!皩\ue789禹樌\ue34e⑼七M(jìn)快速,", "回訪考察。“對接順利、推進(jìn)快速,"),
    ("快速,是因?yàn)槲覀兦捌谝焉钊虢佑|,掌握了需求", "快速,是因為我們前期已深入接觸,掌握了需求"),
    ("馬不停蹄登門?!?<br/>", "馬不停蹄登門。”<br/>"),
    ("招商服務中心洽談項目?!?月2日,", "招商服務中心洽談項目。”月2日,"),
    ("“走出去”招商的同時,“鏈?zhǔn)秸猩?rdquo;也被擺到", "“走出去”招商的同時,“鏈式招商&rdquo;也被擺到"),
    ("從‘地毯式招商’轉變?yōu)?lsquo;地圖式招商’", "從‘地毯式招商’轉變為&lsquo;地圖式招商’"),
    ("整合?yōu)化各類招商平臺", "整合優(yōu)化各類招商平臺"),
]

GENUINE = [
    "2018中國民營企業500強峰會將於8月29日至31日在瀋陽舉行，根據本地産業優勢和信息産品。",
    "圍繞聚酯纖維、尼龍纖維、碳纖維、印染",
    "招商、項目,為何如此之“重”?",
    "招商引資,你追我趕,如何快人一步?",
    "日本品牌「ユニクロ」在上海開店，顧客稱讚のれん設計。",
    "延伸閱讀\n\n?\n\n版權所有",
    "外界不少人質疑政府為何不圍封全邨，林鄭月娥回應說，葵涌邨的情況",
    "这位先生是千年前杨家将老寡妇的后裔，姓佘名冬贤，多少有些佘家的风范",
]


def _apply(text: str) -> str:
    out, pos = [], 0
    for f in plan_garble(text):
        out.append(text[pos : f.start])
        out.append(f.new if f.new is not None else "")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


@pytest.mark.parametrize(("garbled", "expected"), SEED_SPANS)
def test_seed_spans_are_repaired(garbled: str, expected: str) -> None:
    assert _apply(garbled) == expected


@pytest.mark.parametrize(("garbled", "expected"), SEED_SPANS)
def test_repair_is_idempotent(garbled: str, expected: str) -> None:
    once = _apply(garbled)
    assert _apply(once) == once


@pytest.mark.parametrize("text", GENUINE)
def test_genuine_text_is_left_alone(text: str) -> None:
    assert plan_garble(text) == []
    assert find_garble_spans(text) == []


def test_find_garble_spans_offsets() -> None:
    text = "來見面的?!眲⒌ふf,“千方百計"
    assert find_garble_spans(text) == [(4, 10)]
    assert text[4:10] == "?!眲⒌ふf"


def test_unrepairable_cluster_is_reported_without_repair() -> None:
    # PUA characters and misread symbols with nothing to re-read them from
    fixes = plan_garble("他說\ue789ふ\ue34e⑼明天見")
    assert fixes and all(f.new is None for f in fixes)
    assert "\ue789" in fixes[0].old


def test_two_lost_bytes_in_a_row_are_not_guessed() -> None:
    # `請在30日` lost two bytes: the half gloss is rebuilt from its reading, the `?` stays
    fixes = plan_garble("請(qǐng)?jiān)?0日內")
    assert all("?" not in (f.new or "") for f in fixes)


def test_seed_files_have_no_garble_left(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        repaired = _apply(text)
        for bad in ("薄耙皇肿", "禹樌", "眲⒌ふ", "痹谶@", "槲覀兦", "秸猩", "\ue789", "\ue34e"):
            assert bad not in repaired, (path.name, bad)
        if path.name.startswith("000"):
            assert "一手抓招商" in repaired and "劉丹說" in repaired and "在這場覆蓋全市各縣" in repaired
        if path.name.startswith("003"):
            assert "鏈式招商" in repaired and "地圖式招商" in repaired
        if path.name.startswith("004"):
            assert repaired == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="的的一二三丁七ab?！\n\u4dff\u9fff\ua000", max_size=40))
def test_doc_pairs_read_on_demand_match_all_pairs(text: str) -> None:
    """DocPairs.after/before give exactly the pairs of the set of all Han pairs of the text."""
    from newsclean.filters.garble import _HAN_PAIR_RE, DocPairs

    pairs = frozenset(_HAN_PAIR_RE.findall(text))
    doc = DocPairs(text)
    assert doc.any_pairs() == bool(pairs)
    for ch in set(text) | {"", "ab"}:
        assert doc.after(ch) == {p[1] for p in pairs if p[0] == ch}
        assert doc.before(ch) == {p[0] for p in pairs if p[1] == ch}


def _tokens_reference(text: str, start: int, end: int) -> list[tuple[str, str, int, int, bytes]]:
    """The tokenizer as it was before its fast path for single characters (round 2)."""
    from newsclean.filters.garble import TOKEN_RE, _valid_reading

    toks: list[tuple[str, str, int, int, bytes]] = []
    for m in TOKEN_RE.finditer(text, start, end):
        s = m.group(0)
        if s == "?":
            toks.append(("wild", s, m.start(), m.end(), b""))
        elif s.startswith("?"):
            if _valid_reading(s[1:-1]):
                toks.append(("half", s, m.start(), m.end(), b""))
            else:
                toks.append(("wild", "?", m.start(), m.start() + 1, b""))
                break
        elif s == "!":
            toks.append(("char", s, m.start(), m.end(), "！".encode("gb18030")))
        else:
            try:
                data = s.encode("gb18030")
            except UnicodeEncodeError:
                data = b""
            if len(data) != 2:
                if toks:
                    break
                continue
            toks.append(("char", s, m.start(), m.end(), data))
    return toks


_TOKEN_ALPHABET = "招商?!()zhǔnxiàng 薄耙皇ﾊ\ud800\ue789ふ𠀀a\ufffdʷ\u3000\xa0\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TOKEN_ALPHABET, max_size=30), st.integers(0, 5))
def test_tokens_match_the_reference(text: str, start: int) -> None:
    from newsclean.filters.garble import _tokens

    assert [tuple(t) for t in _tokens(text, start, len(text))] == _tokens_reference(text, start, len(text))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["zé", "xiàng", "yōu", "shí", "zhǔn", "chǎn", "qū", "ài", "tuán", "yè", "xx"]),
    st.sampled_from(["", "負", "項", "產", "團", "。", "a", "的"]),
    st.sampled_from(["", "任", "目", "業", "結", "，", "”", "的"]),
    st.sampled_from(["", "負責任的項目產業", "團結就業"]),
)
def test_best_reading_matches_scoring_every_candidate(reading: str, left: str, right: str, doc_text: str) -> None:
    from newsclean import charfreq
    from newsclean.filters.garble import DocPairs, _best, _best_reading

    model = charfreq.load_model()
    cands = tuple(c for c in charfreq.chars_with_reading(reading) if c in model.counts)
    doc = DocPairs(doc_text)
    assert _best_reading(reading, left, right, doc) == _best(cands, left, right, doc)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="招商?!()zhǔnxiàng 薄耙皇ﾊ\ue789ふ⑼産皩a\ufffd", max_size=30))
def test_marked_tokens_are_the_ones_the_old_scans_picked(text: str) -> None:
    from newsclean.filters.garble import _is_odd, _is_rare, _marked, _tokens

    toks = _tokens(text, 0, len(text))
    marked = _marked(toks)
    old = [i for i, t in enumerate(toks) if t.kind != "char" or _is_odd(t.text) or _is_rare(t.text) or t.text == "!"]
    assert marked == old


def test_run_at_matches_the_window_scan_on_random_texts() -> None:
    import random

    from newsclean.filters.garble import _WINDOW, RUN_RE, _run_at

    def reference(text: str, p: int) -> tuple[int, int] | None:
        for m in RUN_RE.finditer(text, max(0, p - _WINDOW), min(len(text), p + _WINDOW)):
            if m.start() <= p < m.end():
                return m.span()
            if m.start() > p:
                break
        return None

    rng = random.Random(11)
    alphabet = list("的是新聞中國?!()xiàngzhǔnüé·①ぼ 　\n\t,.0A")
    for _ in range(600):
        # long enough for runs cut by the window, and stretches without a break character
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 900)))
        if rng.random() < 0.3:
            text = "的" * rng.randint(200, 700) + text
        for p in rng.sample(range(len(text)), min(len(text), 30)):
            m = _run_at(text, p)
            assert (None if m is None else m.span()) == reference(text, p)


def test_trigger_and_run_patterns_match_their_plain_forms_on_random_texts() -> None:
    import random
    import re

    from newsclean.filters.garble import _PY, RUN_RE, TRIGGER_RE

    trigger = re.compile(
        rf"[\ue000-\uf8ff\u2460-\u24ff\u2500-\u257f\u3040-\u30ff\u3105-\u3129]"
        rf"|\?(?:[{_PY}]{{1,6}}\)|(?=[^\x00-\x7f\s])|(?<=[^\x00-\x7f\s]\?))"
    )
    run = re.compile(rf"(?:\?[{_PY}]{{1,6}}\)|\?|!|[^\x00-\x7f\s\u3000])+")
    rng = random.Random(13)
    alphabet = list("的是新聞?!?()zhǔnxiàngü ā　\n,A\ue000①│ぼㄅ")
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        lo = rng.randint(0, len(text))
        for new, old in ((TRIGGER_RE, trigger), (RUN_RE, run)):
            assert [m.span() for m in new.finditer(text, lo)] == [m.span() for m in old.finditer(text, lo)], text


def test_two_byte_set_is_what_gb18030_encodes_in_two_bytes() -> None:
    # _gbk2_chars decodes the two-byte space in one call; the definition is per character
    def encodes_in_two(c: int) -> bool:
        try:
            return len(chr(c).encode("gb18030")) == 2
        except UnicodeEncodeError:  # lone surrogates
            return False

    for c in [*range(0x10000), 0x10000, 0x20000, 0x10FFFF]:
        assert garble._two_byte(c) == encodes_in_two(c), hex(c)


def test_token_classes_are_the_gbk_two_byte_characters() -> None:
    # written as negated classes of GBK's characters; defined character by character
    def holds(c: str) -> bool:  # a character a token can hold
        return garble._two_byte(ord(c)) and not c.isspace() and c != "\u3000"

    skip, special = garble._skip_re(), garble._not_gbk2_re()
    for c in map(chr, [*range(0x10000), 0x10000, 0x20000, 0x10FFFF]):
        assert bool(special.fullmatch(c)) == (not holds(c)), hex(ord(c))
        assert bool(skip.fullmatch(c)) == (not c.isascii() and not c.isspace() and c != "\u3000" and not holds(c))


def test_may_hold_garble_bounds_the_evidence_of_any_tokens() -> None:
    # _fix_run needs _evidence >= 2.0 of the tokens from any start in a run: whenever some
    # tokens reach it, the cheap test must say so (it may say so more often, never less)
    import random

    from newsclean.filters.garble import RUN_RE, _evidence, _may_hold_garble, _tokens

    rng = random.Random(17)
    # what a run holds (plan_garble asks about runs only): `?` and `!`, half glosses, PUA,
    # misread symbols (kana, ①, Greek, Cyrillic, ︰), rare Han (産, 邨, 㐀 outside GBK, 豈 a
    # compatibility ideograph), a hexagram ䷀ (rare, not Han), U+FFFD, common Han
    alphabet = [*"的是新聞中??!", "?zhǔn)", "?yōu)", *"\ue000\ue5c2ぼ①Ωж\ufe30産邨\u3400\uf900\u4dc0\ufffd"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert not text or RUN_RE.fullmatch(text)
        start = rng.randint(0, len(text))
        reach = any(_evidence(_tokens(text, s, len(text)), text) >= 2.0 for s in range(start, len(text)))
        if reach:
            assert _may_hold_garble(text, start, len(text)), (text, start)


def test_rare_positions_are_the_rare_characters() -> None:
    from newsclean.filters.garble import _is_rare, _rare_positions

    text = "".join(map(chr, [*range(0x3300, 0xA100), *range(0xF800, 0xFB10)]))
    assert _rare_positions(text) == [i for i, c in enumerate(text) if _is_rare(c)]
