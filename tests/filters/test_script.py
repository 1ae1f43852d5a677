"""Tests for newsclean.filters.script: script labels and machine-conversion detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean.filters.script import detect_script, script_counts, simplified_only, traditional_only


def test_tables_hold_the_textbook_pairs() -> None:
    assert set("們這國說為會來時産") <= traditional_only()
    assert set("们这国说为会来时") <= simplified_only()
    # characters printed every day in both scripts are evidence for neither
    for ch in "中台于后里干著群峰乾":
        assert ch not in traditional_only() or ch not in simplified_only()
    assert not {"台", "于", "后", "里", "干", "群"} & simplified_only()
    assert "乾" not in traditional_only() and "著" not in traditional_only()
    assert not traditional_only() & simplified_only()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("我们在对接企业过程中发现了新机会", "simplified"),
        ("我們在對接企業過程中發現了新機會", "traditional"),
        ("台北市的户外夜市很熱鬧，這裡的人說國語，來來往往，顧客們買東西", "traditional"),  # one leftover (户)
        ("我们这个国家", "simplified"),
        ("我們这个國家说", "mixed"),
        ("中文", "simplified"),  # no script-specific character: valid as simplified
        ("Hello, world (iPhone) 1,000", "none"),
        ("", "none"),
    ],
)
def test_labels(text: str, label: str) -> None:
    assert detect_script(text).label == label


def test_glosses_mark_machine_conversion() -> None:
    farm = "中國產(chǎn)業(yè)經(jīng)濟(jì)信息網(wǎng)   時(shí)間:2024-01-13"
    info = detect_script(farm)
    assert info.label == "traditional" and info.machine_converted and info.glosses == 6


def test_genuine_traditional_and_few_glosses_are_not_machine_converted() -> None:
    genuine = "國際在線專稿：一批重點項目將在峰會期間集中簽約，産業"
    assert not detect_script(genuine).machine_converted
    # one or two glosses quoted in a genuine text (a language column) are not a content farm
    assert not detect_script("這個字讀作愛(ài)，國語課").machine_converted
    assert not detect_script("這個字讀作愛(ài)，那個字讀作樂(lè)，國語課的老師說").machine_converted
    # ... but a short farm snippet, glossed at every converted character, is
    assert detect_script("項(xiàng)目").machine_converted
    assert detect_script("招商、項(xiàng)目,為何如此之“重”?").machine_converted
    # glosses on simplified text do not make it "converted"
    assert not detect_script("这个项(xiàng)目的进(jìn)度与(yǔ)计划").machine_converted


def test_counts_are_distinct_characters() -> None:
    assert script_counts("們們們們") == (1, 0)


def test_seeds(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    infos = {p.name[:3]: detect_script(p.read_text(encoding="utf-8")) for p in seeds}
    for name in ("000", "001", "002", "003"):
        assert infos[name].label == "traditional" and infos[name].machine_converted, name
        assert infos[name].glosses > 100
    assert infos["004"].label == "traditional"
    assert not infos["004"].machine_converted and infos["004"].glosses == 0


def test_taiwan_dev_articles_are_genuine_traditional(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "taiwan").glob("*.txt"))
    assert len(files) > 200
    for path in files:
        info = detect_script(path.read_text(encoding="utf-8"))
        assert info.label == "traditional" and not info.machine_converted, path.name


def test_cwced_dumps_are_simplified(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "cwced").glob("*.dump.txt"))
    assert files
    labels = [detect_script(p.read_text(encoding="utf-8")).label for p in files]
    # one dump holds a mojibake span of rare traditional-looking characters (mixed)
    assert labels.count("simplified") >= len(files) - 1
    assert "traditional" not in labels
