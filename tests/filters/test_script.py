"""Tests for newsclean.filters.script: script labels and machine-conversion detection."""

from __future__ import annotations

import json
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


# --- converter fingerprints (machine conversion without glosses)


def test_fingerprints_count_only_converter_contexts() -> None:
    from newsclean.filters.script import count_fingerprints

    assert count_fingerprints("春節后上班，并且合伙人由于連云港") == 5
    assert count_fingerprints("爲了衆人，喫飯") == 3  # OpenCC s2t's standard variants
    # genuine traditional usage of the same characters: none counts
    for text in ("里長說，若干公里外的皇后大道", "村里長與市里長", "人云亦云", "干擾", "只有台灣", "羣峯啓裏着産"):
        assert count_fingerprints(text) == 0, text


def test_fingerprints_flag_gloss_free_conversion_only_when_confident() -> None:
    farm = "春節后上班第一天，并且由于連云港項目多，我們先后拜訪了企業。" * 2
    assert detect_script(farm).machine_converted
    # two fingerprints are not enough; nor is a low density in a long text
    assert not detect_script("春節后上班，并且國語課的老師說").machine_converted
    long = "國語課的老師說，我們這個週末去台北。" * 300 + "春節后，并且由于"
    assert not detect_script(long).machine_converted
    # simplified text full of the same characters is simplified, never "converted"
    assert not detect_script("春节后上班，并且由于连云港项目多，我们先后拜访了").machine_converted


def test_gloss_free_seeds_are_machine_converted(shared_dir: Path) -> None:
    from newsclean.filters.pinyin import strip_pinyin
    from newsclean.filters.repair import repair_text

    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        text = strip_pinyin(repair_text(path.read_text(encoding="utf-8")))
        info = detect_script(text)
        assert info.glosses == 0 and info.label == "traditional", path.name
        assert info.machine_converted == (not path.name.startswith("004")), path.name


def test_fast_label_matches_distinct_counts(corpus_dir: Path, shared_dir: Path) -> None:
    """The search-based label equals the label from exact distinct counts on real text."""
    from newsclean.filters.script import _MAJORITY

    paths = [*sorted((corpus_dir / "taiwan").glob("*.txt")), *sorted((corpus_dir / "cwced").glob("*.dump.txt"))]
    paths += sorted((shared_dir / "seeds").glob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        trad, simp = script_counts(text)
        if trad + simp == 0:
            continue
        expected = (
            "traditional"
            if trad >= _MAJORITY * (trad + simp)
            else "simplified"
            if simp >= _MAJORITY * (trad + simp)
            else "mixed"
        )
        assert detect_script(text).label == expected, path.name


def test_supplementary_characters_are_counted_exactly() -> None:
    assert detect_script("我們這個國家\U00020000").label == "traditional"


def _reference_detect(text: str) -> tuple[str, bool, int]:
    """detect_script as first written: exact distinct counts of every document (slow, simple)."""
    from newsclean.filters.script import _MAJORITY, _MIN_GLOSSES, _fingerprinted, count_glosses

    trad, simp = script_counts(text)
    if trad + simp == 0:
        label = "simplified" if any("\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" for c in text) else "none"
    elif trad >= _MAJORITY * (trad + simp):
        label = "traditional"
    elif simp >= _MAJORITY * (trad + simp):
        label = "simplified"
    else:
        label = "mixed"
    glosses = count_glosses(text) if label != "none" else 0
    if label not in ("traditional", "mixed"):
        return label, False, glosses
    machine = glosses >= _MIN_GLOSSES or (glosses > 0 and 2 * glosses >= trad) or _fingerprinted(text)
    return label, machine, glosses


def test_bounded_counting_gives_the_exact_verdict() -> None:
    """detect_script counts only as far as the verdict needs (a few of one script in a text of
    the other); on random mixes near every threshold it agrees with exact counting."""
    import random

    rnd = random.Random(7)
    trad = sorted(c for c in traditional_only() if c <= "\uffff")
    simp = sorted(c for c in simplified_only() if c <= "\uffff")
    ext_b = sorted(c for c in traditional_only() | simplified_only() if c > "\uffff")
    neutral = "中文的是在了人有和大"
    glosses = ["項(xiàng)", "產(chǎn)", "業(yè)"]
    for _ in range(3000):
        n_trad, n_simp = rnd.choice([0, 1, 2, 3, 5, 9, 10, 11, 19, 20, 21, 40, 90, 200]), rnd.randint(0, 25)
        if rnd.random() < 0.5:
            n_trad, n_simp = n_simp, n_trad
        pool = rnd.sample(trad, min(n_trad, 60)) if n_trad else []
        chars = [rnd.choice(pool) for _ in range(n_trad * 2)] if pool else []
        chars += rnd.sample(simp, n_simp) + list(neutral) * rnd.randint(0, 30)
        chars += rnd.sample(ext_b, 1) if rnd.random() < 0.05 else []
        rnd.shuffle(chars)
        if rnd.random() < 0.3:
            chars[rnd.randint(0, len(chars)) :] += [rnd.choice(glosses) for _ in range(rnd.randint(1, 3))]
        text = "".join(chars)
        info = detect_script(text)
        assert (info.label, info.machine_converted, info.glosses) == _reference_detect(text), text


def test_shipped_opencc_tables_are_those_of_the_installed_opencc() -> None:
    # The precomputed tables (newsclean/data/opencc_tables.json) are used only with the OpenCC
    # version they were derived from; with it, they must equal what deriving gives now.
    import opencc

    from newsclean.filters import convert, script

    shipped = script.shipped_opencc_tables()
    data = json.loads((Path(script.__file__).parents[1] / "data" / "opencc_tables.json").read_text(encoding="utf-8"))
    if data["opencc"] != opencc.__version__:
        assert shipped is None  # another OpenCC: derived at run time instead
        return
    assert shipped is not None
    trad, simp = script.derive_script_tables()
    assert (set(shipped["traditional_only"]), set(shipped["simplified_only"])) == (trad, simp)
    assert len(trad) > 2000 and len(simp) > 2000
    for config in convert.CONFIGS:
        if convert._has_config(config):
            assert set(shipped["unstable"][config]) == convert.derive_unstable_outputs(config), config
