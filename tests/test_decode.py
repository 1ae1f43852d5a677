"""Tests for newsclean.io.decode: BOMs, UTF-16 without BOM, GBK vs Big5, mixed files, binary, EOF cuts."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.io.decode import Decoded, DecodeError, decode_bytes, looks_binary, score_text

# Short excerpts in the style of the seeds and the dev corpus.
SIMP = "沈阳：咬定项目不放松，快马加鞭招商忙。“一手抓招商、一手抓营商环境”，连云港招商引资热力图上一片红火。"
TRAD = "世界衛生組織今天建議不要用患者康復後的血漿來治療其他染疫者，稱目前證據顯示此舉既不能提高存活率。"
SEED_004 = "一批重點項目將在峰會期間集中簽約（記者 董翰博）"


# --- empty, ASCII, UTF-8 ---------------------------------------------------------------------


def test_empty_is_empty_not_an_error() -> None:
    d = decode_bytes(b"")
    assert (d.text, d.encoding, d.regions) == ("", "empty", 1)


def test_ascii_only() -> None:
    d = decode_bytes(b"<rss version='2.0'>\n<title>News</title>\n")
    assert d.encoding == "ascii"
    assert d.text == "<rss version='2.0'>\n<title>News</title>\n"


@pytest.mark.parametrize("text", [SIMP, TRAD, "(iPhone) 发布会 2024-01-13"])
def test_strict_utf8_fast_path(text: str) -> None:
    d = decode_bytes(text.encode("utf-8"))
    assert (d.text, d.encoding, d.reason) == (text, "utf-8", "strict utf-8")


# --- BOMs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_is_removed_and_named(bom: bytes, codec: str, name: str) -> None:
    d = decode_bytes(bom + SIMP.encode(codec))
    assert (d.text, d.encoding, d.reason, d.confidence) == (SIMP, name, "BOM", 1.0)


def test_utf32_le_bom_is_not_read_as_utf16() -> None:
    # FF FE 00 00 starts with the UTF-16-LE mark FF FE
    assert decode_bytes(codecs.BOM_UTF32_LE + b"A\x00\x00\x00").encoding == "utf-32-le"


# --- UTF-16 without BOM ----------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_mostly_ascii_utf16_passes_utf8_but_is_utf16(codec: str) -> None:
    text = "Reuters, 2021-12-07: WHO advises against convalescent plasma."
    data = text.encode(codec)
    data.decode("utf-8")  # the trap (ARTIFACTS.md §4): NUL is valid UTF-8, and so are these bytes
    d = decode_bytes(data)
    assert (d.text, d.encoding) == (text, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [SIMP, TRAD, SEED_004])
def test_cjk_utf16_without_bom(codec: str, text: str) -> None:
    d = decode_bytes(text.encode(codec))
    assert (d.text, d.encoding) == (text, codec)


def test_cjk_utf16_with_nuls_on_both_sides() -> None:
    # U+4E00 一 and U+3000 are 00 4E and 00 30 in UTF-16-LE: NULs at even offsets too
    text = "\u3000\u3000一批重點項目將在峰會期間集中簽約\n\n一手抓招商\n"
    d = decode_bytes(text.encode("utf-16-le"))
    assert (d.text, d.encoding) == (text, "utf-16-le")


# --- GBK vs Big5 -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["招商引资", "我们的新闻", "连云港", SIMP[:12], "时间：2024-01-13"])
def test_short_gbk_is_gb18030(text: str) -> None:
    d = decode_bytes(text.encode("gbk"))
    assert (d.text, d.encoding) == (text, "gb18030")


@pytest.mark.parametrize("text", ["招商引資", "我們的新聞", "國際在線", TRAD[:12], "記者／台北報導"])
def test_short_big5_is_big5(text: str) -> None:
    d = decode_bytes(text.encode("big5"))
    assert (d.text, d.encoding) == (text, "big5hkscs")


def test_traditional_text_in_gbk_is_gb18030() -> None:
    # GBK covers traditional characters: the right reading is gb18030, not Big5
    d = decode_bytes(TRAD.encode("gbk"))
    assert (d.text, d.encoding) == (TRAD, "gb18030")


def test_gb_text_is_decoded_with_gb18030_not_gb2312() -> None:
    text = "镕基总理讲话，䶮字与€"  # 镕 is GBK-only, 䶮 and € need GB18030
    d = decode_bytes(text.encode("gb18030"))
    assert (d.text, d.encoding) == (text, "gb18030")


def test_big5_bytes_decode_as_gb18030_but_score_as_big5() -> None:
    data = TRAD.encode("big5")
    data.decode("gb18030")  # the trap: no error
    d = decode_bytes(data)
    assert d.encoding == "big5hkscs"
    assert d.reason.startswith("big5hkscs scored")
    assert d.confidence > 0.9


def test_cp950_only_bytes() -> None:
    text = "價格€100，新聞"  # € is A3E1 in cp950, not in Big5-HKSCS
    d = decode_bytes(text.encode("cp950"))
    assert (d.text, d.encoding) == (text, "cp950")


def test_declaration_settles_a_tie_on_one_character() -> None:
    body = b"<description>\xb0\xd1 Web</description>"  # B0D1: 把 in GBK, 啊-like level-1 char in Big5
    gb = decode_bytes(b'<?xml version="1.0" encoding="gb2312"?>\n' + body)
    b5 = decode_bytes(b'<?xml version="1.0" encoding="big5"?>\n' + body)
    assert (gb.encoding, b5.encoding) == ("gb18030", "big5hkscs")
    assert "把" in gb.text


def test_declaration_does_not_overrule_clear_evidence() -> None:
    data = b'<?xml version="1.0" encoding="big5"?>\n' + SIMP.encode("gbk")
    assert decode_bytes(data).encoding == "gb18030"


# --- mixed files -----------------------------------------------------------------------------


def test_gbk_file_with_a_utf8_paragraph() -> None:
    gbk = (SIMP + "\n").encode("gbk")
    utf8 = "连云港招商引资“热力图”上一片红火\n".encode()
    d = decode_bytes(gbk + utf8 + gbk)
    assert d.text == SIMP + "\n连云港招商引资“热力图”上一片红火\n" + SIMP + "\n"
    assert d.encoding == "gb18030+utf-8"
    assert d.regions == 3


def test_utf8_file_with_a_big5_line() -> None:
    utf8 = (TRAD + "\n").encode()
    d = decode_bytes(utf8 + b"ascii line\n" + "國際在線版權與信息產品\n".encode("big5hkscs") + utf8 * 2)
    assert d.text == TRAD + "\nascii line\n國際在線版權與信息產品\n" + (TRAD + "\n") * 2
    assert d.encoding == "utf-8+big5hkscs"
    assert d.regions == 3


def test_one_corrupt_byte_in_utf8_stays_utf8() -> None:
    d = decode_bytes("中文新闻内容".encode() + b"\xff" + "更多内容".encode())
    assert (d.text, d.encoding) == ("中文新闻内容\ufffd更多内容", "utf-8")
    assert "1 invalid" in d.reason


# --- truncated final sequence ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "name"), [("utf-8", "utf-8"), ("gbk", "gb18030"), ("big5", "big5hkscs"), ("utf-16-le", "utf-16-le")]
)
def test_truncated_multibyte_at_eof(codec: str, name: str) -> None:
    text = TRAD if codec == "big5" else SIMP
    data = text.encode(codec)[:-1]  # cut inside the final character
    d = decode_bytes(data)
    assert d.encoding == name
    assert d.text == text[:-1] + "\ufffd"
    assert "truncated" in d.reason


def test_gb18030_four_byte_sequence_cut_at_eof() -> None:
    data = "新闻招商𠀀".encode("gb18030")  # U+20000 is a four-byte sequence
    for cut in (1, 2, 3):
        d = decode_bytes(data[:-cut])
        assert (d.encoding, d.text) == ("gb18030", "新闻招商\ufffd")


# --- binary ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (gzip.compress(SIMP.encode()), "gzip-compressed data"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(64), "ELF executable"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    ],
)
def test_binary_magic_is_a_decode_error(data: bytes, why: str) -> None:
    assert looks_binary(data) == why
    with pytest.raises(DecodeError, match=why):
        decode_bytes(data)


def test_nul_and_control_bytes_are_binary() -> None:
    blob = bytes(range(256)) * 8
    assert looks_binary(blob) is not None
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(blob)


def test_text_is_not_binary() -> None:
    for text in (SIMP, TRAD):
        for codec in ("utf-8", "gbk" if text == SIMP else "big5", "utf-16-le", "utf-16-be"):
            assert looks_binary(text.encode(codec)) is None, codec
    # a stray NUL or form feed in a long text file does not make it binary
    assert looks_binary(SIMP.encode() * 20 + b"\x00\x0c" + SIMP.encode()) is None


def test_undecodable_bytes_are_a_decode_error() -> None:
    # Latin-1 prose: invalid as UTF-8, GB18030 and Big5 alike; not a Chinese dump
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes("café crème brûlée, naïve résumé".encode("latin-1"))


# --- scoring ---------------------------------------------------------------------------------


def test_score_separates_right_and_wrong_readings() -> None:
    right, _ = score_text(SIMP)
    wrong_big5, _ = score_text(SIMP.encode("gbk").decode("big5hkscs", errors="replace"))
    wrong_gb, _ = score_text(TRAD.encode("big5").decode("gb18030"))
    assert right > 0.95
    assert wrong_big5 < 0.3 and wrong_gb < 0.3


# --- properties ------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_raise_decode_error(data: bytes) -> None:
    try:
        d = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
        return
    assert isinstance(d, Decoded) and isinstance(d.text, str)
    assert 0.0 <= d.confidence <= 1.0 and d.regions >= 1


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(SIMP + TRAD + " \n0123456789abc"), min_size=1, max_size=80),
    st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "gb18030"]),
)
def test_round_trip_on_chinese_text(text: str, codec: str) -> None:
    d = decode_bytes(text.encode(codec))
    if text.isascii():
        assert d.text == text
    elif len(text.encode(codec)) >= 16 and sum(not c.isascii() for c in text) >= 4:
        assert d.text == text, (d.encoding, d.reason)


# --- real files ------------------------------------------------------------------------------


def _legacy_files(corpus_dir: Path) -> list[tuple[Path, set[str], str]]:
    out = []
    for folder, names, true in (("gb2312", {"gb18030"}, "gb18030"), ("big5", {"big5hkscs", "cp950"}, "big5hkscs")):
        out += [(p, names, true) for p in sorted((corpus_dir / "encodings" / folder).iterdir())]
    return out


def test_real_legacy_files_whole_and_first_1000_bytes(corpus_dir: Path) -> None:
    files = _legacy_files(corpus_dir)
    assert files
    for path, names, true in files:
        data = path.read_bytes()
        d = decode_bytes(data)
        assert d.encoding in names, (path.name, d)
        assert d.text == data.decode(true)
        head = decode_bytes(data[:1000])
        assert head.encoding in names or (head.encoding == "ascii" and data[:1000].isascii()), (path.name, head)


def test_junk_that_decodes_is_still_an_error() -> None:
    # Shift-JIS decodes as GB18030 without error, but reads as rare characters and kana
    with pytest.raises(DecodeError, match="not Chinese"):
        decode_bytes(("日本語のテキストです。ニュース記事を読みます。" * 5).encode("shift_jis"))


def test_internal_errors_surface_as_decode_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsclean.io.decode as mod

    def boom(data: bytes) -> Decoded:
        raise RuntimeError("bug")

    monkeypatch.setattr(mod, "_decode_legacy", boom)
    with pytest.raises(DecodeError, match="internal decoder error"):
        decode_bytes(SIMP.encode("gbk"))


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [SIMP, "Plain ASCII text, 2024-01-13."])
def test_utf32_without_bom(codec: str, text: str) -> None:
    d = decode_bytes(text.encode(codec))
    assert (d.text, d.encoding) == (text, codec)


def test_utf8_takes_the_fast_path_without_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsclean.io.decode as mod

    def no_scoring(text: str) -> tuple[float, int]:
        raise AssertionError("UTF-8 input must not be scored")

    monkeypatch.setattr(mod, "score_text", no_scoring)
    assert decode_bytes((SIMP * 50).encode("utf-8")).encoding == "utf-8"
