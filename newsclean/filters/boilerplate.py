"""Remove site furniture from news text: copyright and disclaimer blocks, footers, navigation,
share and print controls, related-reading lists, promos, comment-board rules, empty labels,
photo-caption markers, garbage lines and error-page text (ARTIFACTS.md §6).

Decisions are per line, from evidence a reader can check (:class:`LineDecision`):

1. **Line rules** (:mod:`newsclean.filters.boilerplate_rules`): a named pattern per kind of
   furniture. Shape-specific patterns (``【版权及免责声明】…``, ``京ICP备…``, a lone ``?``) remove the
   line wherever it stands; keyword patterns that prose can also contain (``版权所有``, ``分享到``)
   remove only a short or unpunctuated line, or any line in the footer zone.
2. **Blocks**: a disclaimer heading takes the numbered items under it; a related-reading heading
   takes the headline list under it; once a footer starts near the end (from the first rule hit
   after the last real paragraph), every line after it goes; a navigation run at the start goes up
   to its last navigation line.
3. **Page dumps**: when the text is a whole tag-stripped page (a long tail of menu-like lines
   outside the article), only the densest run of written prose is kept: the maximum-sum run of
   lines weighted +length for punctuated prose and negative for menu-like lines. Post footers
   (``张贴 @ …``, ``共 11 篇评论 发表评论 >>>``) split a blog or forum page into posts; the first
   post of substantial size is the page's article.
4. **Corpus mode** (``CleanConfig.repeated_lines``, :mod:`newsclean.filters.repeats`): a line
   whose key recurs across the corpus is furniture wherever it stands (rule ``repeated``).

A sentence of the article that merely mentions 版权 (a copyright lawsuit) stays: it is long,
punctuated and sits before the footer, and no shape-specific pattern matches it.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsclean.charsets import HAN_RE, common_han
from newsclean.filters.boilerplate_rules import (
    DISCLAIMER_WORDS,
    GATE,
    LATIN_PROSE,
    LINE_START_GATE,
    NUMBERED_ITEM,
    ORDINAL,
    RECORD_LABEL,
    RECORD_START,
    RULES_ANYWHERE,
    RULES_BY_FIRST_CHAR,
    SENTENCE_CLOSERS,
    SENTENCE_ENDERS,
    SENTENCE_PUNCT,
    TABLE_CAPTION,
)
from newsclean.filters.repeats import line_key

if TYPE_CHECKING:
    from newsclean.audit import ChangeLog
    from newsclean.config import CleanConfig

#: A line at most this long (non-space characters) counts as short: menu items, labels, headlines.
SHORT = 40
#: Lines outside the article in a page dump: at least this many menu-like lines must be there
#: before the dump rule fires, so a clean article with a short table or list is never trimmed.
DUMP_MIN_MENU_LINES = 8
#: ... and they must be at least this share of the non-blank lines outside the article.
DUMP_MIN_MENU_SHARE = 0.6
#: Rules whose hit at the start of the text marks a navigation run (everything before it goes).
_HEAD_RULES = frozenset({"navigation", "controls", "share", "repeated"})
#: Rules that start a footer block when they fire after the last real paragraph.
_FOOTER_RULES = frozenset({"footer", "disclaimer", "related", "comments", "error-page", "repeated"})

#: A blog or forum page split into posts by post footers: the first post whose prose run reaches
#: this share of the largest post's is the page's article.
DUMP_FIRST_POST_SHARE = 0.25
#: Weight of a footer-like line in the prose-run search: high enough that a run never crosses one
#: (a blog page's second post, a comment board), low enough to stay a plain float.
_BARRIER = 150.0

#: A government record table (:func:`_find_records`) names at least this many of its labels.
RECORD_MIN_LABELS = 4
#: A page tail of at most this many lines with no furniture stays with the article (:func:`_page_tail`).
TAIL_MAX_LINES = 20
#: A colon that ends one of the article run's last this-many lines announces an attached table.
TABLE_LEAD_LINES = 3
#: An attached table (:func:`_attached_table`) has at least this many cells ...
TABLE_MIN_CELLS = 3
#: ... and at least this share of them hold a digit.
TABLE_MIN_NUMBERED_SHARE = 0.25
# A digit, ASCII or fullwidth: table cells hold codes, counts, dates and numbered items.
_DIGIT = re.compile(r"[0-9０-９]")
# Chinese ordinals in order, for the heading that follows ``一、`` (``二、``).
_CN_DIGITS = "一二三四五六七八九十"
# Letters of scripts Chinese news does not use (Latin-1 and extended Latin letters, IPA, Greek to
# Ethiopic, Yi), Private Use Area characters and U+FFFD: a line made mostly of them is debris.
_ODD = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u1fff\ua000-\ua4cf\ue000-\uf8ff\ufffd]")
#: ... at least this share of a line's characters.
_DEBRIS_SHARE = 0.3
# Whitespace stripped around a line before the rules see it.
_STRIP = " \t\r\u3000\xa0"
# A content-farm pinyin gloss (ARTIFACTS.md §1), ignored when matching rules on raw input.
_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
# A run of several line breaks with only whitespace between (a blank line in the output).
_NEWLINE = "\n"


@dataclass(frozen=True, slots=True)
class LineDecision:
    """Why one line of the input is kept or removed.

    ``rule`` names the removing rule (also the ``kind`` logged), or for a kept line the rule that
    matched but lacked evidence; ``evidence`` says what was seen (position, length, punctuation,
    the matched text); ``score`` is the line's weight in the prose-run search (positive: prose).
    ``start`` is the offset of the line in the input.
    """

    line: str
    keep: bool
    rule: str | None = None
    evidence: str = ""
    score: float = 0.0
    start: int = 0


@dataclass(slots=True)
class _Line:
    text: str  # without the newline
    start: int
    stripped: str
    size: int  # non-space characters
    prose: bool
    ends_sentence: bool
    blank: bool  # size == 0 (a stored field: it is read several times per line)
    hit: str | None = None  # rule name that matched
    hit_text: str = ""
    scope: str = ""
    remove: str | None = None
    why: str = ""
    record: bool = False  # in a government document's record table: never removed

    @property
    def weight(self) -> float:
        """The line's weight in the prose-run search: 0 for a blank line only."""
        if self.blank:
            return 0.0
        if self.hit is not None and (self.scope == "any" or not self.prose):
            return -_BARRIER if self.hit in _FOOTER_RULES else -float(max(self.size, 10))
        if self.prose:
            return float(self.size)
        return -float(min(max(self.size, 8), 30))


#: Marks that end a sentence (:data:`SENTENCE_END`), for str.endswith.
_ENDERS = tuple(SENTENCE_ENDERS)


def _split(text: str) -> list[_Line]:
    """The lines of ``text`` with what the rules need to know about each.

    Each feature is computed for all lines at once (a list comprehension over C string methods
    and compiled patterns), not in a per-line loop of statements (issue 7):
    ``size`` counts non-space characters; ``ends_sentence`` is :data:`SENTENCE_END` (the last
    character once closing quotes and brackets are stripped is a sentence end); ``prose`` needs
    sentence punctuation on a line of 20+ characters or one that ends a sentence, or a run of
    Latin words, and no symbol debris.
    """
    raws = text.split(_NEWLINE)
    strips = [raw.strip(_STRIP) for raw in raws]
    # Non-space characters: str.split() splits on exactly the characters that \s matches in a
    # str pattern, at C speed (a regex sub costs ~10 ns a character).
    sizes = [len("".join(s.split())) for s in strips]
    ends = [s.rstrip(SENTENCE_CLOSERS).endswith(_ENDERS) for s in strips]
    punct, latin = SENTENCE_PUNCT.search, LATIN_PROSE.search
    prose = [
        s != "" and (((size >= 20 or end) and punct(s) is not None) or latin(s) is not None)
        for s, size, end in zip(strips, sizes, ends, strict=True)
    ]
    if _ODD.search(text) is not None:
        odd = _ODD.search
        prose = [
            p and (odd(s) is None or not _is_debris(s, size)) for p, s, size in zip(prose, strips, sizes, strict=True)
        ]
    starts = itertools.accumulate((len(raw) + 1 for raw in raws[:-1]), initial=0)
    return [
        _Line(raw, start, s, size, p, end, size == 0)
        for raw, start, s, size, p, end in zip(raws, starts, strips, sizes, prose, ends, strict=True)
    ]


def _is_debris(stripped: str, size: int) -> bool:
    """A line of symbol debris, not prose: many letters of scripts that Chinese news does not use
    (what is left of a GBK page read as UTF-8, ARTIFACTS.md §3) and fewer common Chinese characters."""
    odd = len(_ODD.findall(stripped))
    if odd < 5 or odd < _DEBRIS_SHARE * size:
        return False
    common = common_han()
    return sum(1 for c in HAN_RE.findall(stripped) if c in common) < odd


@lru_cache(maxsize=4096)
def _rule_hit(stripped: str) -> tuple[str, str, str] | None:
    """The first rule that matches a stripped line: (name, matched text, scope).

    A pure function of the line, cached: a site's furniture lines recur on every page it
    publishes, so in a corpus most flagged lines have been seen before.
    """
    # Raw input may still carry pinyin glosses (關(guān)鍵詞(cí):); match the rules without them.
    probe = _GLOSS.sub("", stripped) if "(" in stripped else stripped
    # Only the rules that can match a line starting with this character, in rule order (most
    # rules are anchored: the others could only fail).
    for rule in RULES_BY_FIRST_CHAR.get(probe[:1], RULES_ANYWHERE):
        pos = 0
        if rule.first is not None:
            # No match starts before the first character that can start one (a ^ inside the
            # pattern needs that character at 0 too; lookbehinds still see the whole line).
            at = rule.first.search(probe)
            if at is None:
                continue
            pos = at.start()
        m = rule.pattern.search(probe, pos)
        if m:
            return rule.name, m.group(0), rule.scope
    return None


def _flagged_starts(scan: str) -> list[int]:
    """Offsets in ``scan`` of the lines the gates flag, in order: the lines :data:`GATE` finds a
    keyword on (after one match the search goes on from the next line), and the garbage lines
    :data:`LINE_START_GATE` finds (rare: merged in only when there are some)."""
    starts: list[int] = []
    search = GATE.search
    m = search(scan)
    while m is not None:
        pos = m.start()
        starts.append(scan.rfind(_NEWLINE, 0, pos) + 1)
        end = scan.find(_NEWLINE, pos)
        m = search(scan, end + 1) if end >= 0 else None
    # Behind an added line break each match starts at the break before its line, which is the
    # line's own offset in `scan`.
    garbage = [m.start() for m in LINE_START_GATE.finditer(_NEWLINE + scan)]
    if garbage:
        starts = sorted(set(starts).union(garbage))
    return starts


def _gate_hits(text: str) -> dict[int, tuple[str, str, str]]:
    """Rule hits by line offset, checking only the lines the gates flag (the fast path).

    :data:`~newsclean.filters.boilerplate_rules.GATE` and ``LINE_START_GATE`` find every line a
    rule could match, so a document without a flagged line costs two regex scans, and only flagged
    lines pay for the rules.

    Raw input may still carry pinyin glosses (``關(guān)鍵詞(cí)：``), which :func:`_rule_hit` drops
    before matching. The gates then scan the text without them (one ``sub``; a gloss never spans
    a line break, so the lines stay the same lines): they flag the lines with a rule's keyword,
    not every glossed line.
    """
    hits: dict[int, tuple[str, str, str]] = {}
    scan, line_starts = text, None
    if "(" in text and _GLOSS.search(text) is not None:
        scan = _GLOSS.sub("", text)
        line_starts = list(itertools.accumulate((len(line) + 1 for line in text.split(_NEWLINE)), initial=0))
    line_no = scanned = 0  # line number of `scanned`, a line start in `scan` (glossed text only)
    for start in _flagged_starts(scan):
        if line_starts is None:
            end = text.find(_NEWLINE, start)
            line = text[start:] if end < 0 else text[start:end]
        else:  # the same line in the text with its glosses
            line_no += scan.count(_NEWLINE, scanned, start)
            scanned = start
            start = line_starts[line_no]
            line = text[start : line_starts[line_no + 1] - 1]
        stripped = line.strip(_STRIP)
        if stripped:
            hit = _rule_hit(stripped)
            if hit is not None:
                hits[start] = hit
    return hits


def _match_repeated(line: _Line, repeated: frozenset[str]) -> None:
    """Corpus mode: a line whose key recurs across the corpus is furniture, unless a
    shape-specific rule already named it (the more specific name is kept)."""
    if line.blank or (line.hit is not None and line.scope == "any"):
        return
    key = line_key(line.stripped)
    if key in repeated:
        line.hit, line.hit_text, line.scope = "repeated", f"recurs across the corpus (key {key[:16]!r})", "any"


def _mark(line: _Line, rule: str, why: str) -> None:
    if line.remove is None and not line.blank and not line.record:
        line.remove, line.why = rule, why


def _find_records(lines: list[_Line], text: str, starts: list[int]) -> None:
    """Keep a government document's record table (索引号, 发文机关, 成文日期, 发文字号, 发布日期…).

    An information-disclosure page opens its document with this table of labels and values; it
    is part of the published document (the number and dates by which it is cited), not site
    furniture, though its short unpunctuated cells look like a menu. A block that starts with
    索引号 and holds at least :data:`RECORD_MIN_LABELS` such labels is kept, label and value lines
    alike, up to the first line that is neither a label nor the value after one.
    """
    # Only lines that start with 索 can open a table (RECORD_START): the lines that hold a 索 are
    # found from its few offsets in ``text`` (``starts``: each line's offset), not by testing every
    # line. A table's block is skipped.
    holding: list[int] = []
    at = text.find("索")
    while at >= 0:
        holding.append(bisect_right(starts, at) - 1)
        at = text.find("索", at + 1)
    resume = 0
    for i in [k for k in dict.fromkeys(holding) if lines[k].stripped.startswith("索")]:
        if i < resume or RECORD_START.match(lines[i].stripped) is None:
            continue
        block, labels, after_label, j = [], 0, True, i
        while j < len(lines):
            ln = lines[j]
            if ln.blank:
                j += 1
                continue
            if RECORD_LABEL.match(ln.stripped):
                labels += 1
                after_label = ln.stripped.endswith((":", "："))
            elif after_label and ln.size <= 2 * SHORT:
                after_label = False
            else:
                break
            block.append(ln)
            j += 1
        if labels >= RECORD_MIN_LABELS:
            for ln in block:
                ln.record, ln.hit = True, None
        resume = max(j, i + 1)


def _apply_line_rules(lines: list[_Line]) -> None:
    """Rule 1: shape-specific hits go anywhere; keyword hits only on short or unpunctuated lines."""
    for ln in lines:
        if ln.hit is None:
            continue
        if ln.scope == "any":
            _mark(ln, ln.hit, f"matched {ln.hit_text!r}")
        elif not ln.prose or (ln.size <= SHORT and not ln.ends_sentence):
            _mark(ln, ln.hit, f"matched {ln.hit_text!r} on a short unpunctuated line ({ln.size} chars)")


def _apply_blocks(lines: list[_Line]) -> None:
    """Rule 2: disclaimer headings take their numbered items, related headings their headline lists."""
    # Only the lines under a heading are marked, and the search resumes after them: the headings
    # still ahead are those that were there before the first one was processed.
    headings = [k for k, ln in enumerate(lines) if ln.remove in ("disclaimer", "related") and ln.hit == ln.remove]
    resume = 0
    for i in headings:
        if i < resume:
            continue
        ln = lines[i]
        rule = "disclaimer" if ln.remove == "disclaimer" else "related"
        j = i + 1
        while j < len(lines):
            nxt = lines[j]
            if nxt.blank:
                j += 1
                continue
            if rule == "disclaimer":
                taken = (
                    NUMBERED_ITEM.match(nxt.stripped) is not None
                    or nxt.remove == "disclaimer"
                    or DISCLAIMER_WORDS.search(nxt.stripped) is not None
                )
            else:
                taken = nxt.hit is None and not (nxt.prose and nxt.ends_sentence)
            if not taken:
                break
            _mark(nxt, rule, f"under the {rule} heading {ln.stripped[:20]!r}")
            j += 1
        resume = j


def _apply_footer(lines: list[_Line]) -> None:
    """Rule 2: from the first furniture hit after the last real paragraph, everything goes."""
    start: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i]
        if ln.blank:
            continue
        if ln.hit in _FOOTER_RULES and (ln.remove is not None or not ln.prose):
            start = i
        elif ln.remove is None and ln.prose:
            break
    if start is None:
        return
    for k in range(start, len(lines)):
        ln = lines[k]
        _mark(ln, ln.hit or "footer", f"in the footer block that starts at line {start + 1}")


def _apply_head(lines: list[_Line]) -> None:
    """Rule 2: a navigation run at the start goes up to its last navigation line."""
    last: int | None = None
    for i, ln in enumerate(lines):
        if ln.blank:
            continue
        if ln.hit in _HEAD_RULES:
            last = i
        elif ln.prose and ln.remove is None:
            break
    if last is None:
        return
    for k in range(last + 1):
        _mark(lines[k], lines[k].hit or "navigation", f"in the navigation run that ends at line {last + 1}")


def _best_run(weights: list[float], lo: int = 0, hi: int | None = None) -> tuple[int, int, float]:
    """The maximum-sum run of line weights (Kadane) in ``weights[lo:hi]`` (:attr:`_Line.weight`
    of each line): [first, last] line indexes and the sum. A blank line (weight 0) never ends the
    best run."""
    best, best_span = float("-inf"), (lo, lo - 1)
    total, first = 0.0, lo
    for i in range(lo, len(weights) if hi is None else hi):
        if total <= 0:
            total, first = 0.0, i
        w = weights[i]
        total += w
        if total > best and w != 0.0:
            best, best_span = total, (first, i)
    return best_span[0], best_span[1], best


def _post_run(lines: list[_Line]) -> tuple[int, int, set[int]]:
    """The article run of a page dump, and the lines of other posts' runs.

    Post footers (``张贴 @ …``, ``共 11 篇评论 发表评论 >>>``: the ``comments`` rule) split a blog
    or forum page into posts; the page's own article is the first post whose run is at least
    :data:`DUMP_FIRST_POST_SHARE` of the largest one (later posts are older entries or replies).
    """
    # _Line.weight, with its common case (a line no rule hit) spelled out: no property call per line.
    weights = [
        ln.weight
        if ln.hit is not None
        else 0.0
        if ln.blank
        else float(ln.size)
        if ln.prose
        else -float(min(max(ln.size, 8), 30))
        for ln in lines
    ]
    cuts = [i for i, ln in enumerate(lines) if ln.hit == "comments" and ln.remove is not None]
    if not cuts:
        first, last, best = _best_run(weights)
        if best <= 0:
            # No prose at all (a page of menus, or of undecodable debris): no article run, and
            # the page-dump test below decides whether the whole page is furniture.
            return 0, -1, set()
        return first, last, set()
    bounds = [0, *(c + 1 for c in cuts), len(lines)]
    runs = [_best_run(weights, lo, hi) for lo, hi in itertools.pairwise(bounds)]
    runs = [r for r in runs if r[1] >= r[0] and r[2] > 0]
    if not runs:
        return 0, -1, set()
    top = max(r[2] for r in runs)
    chosen = next(r for r in runs if r[2] >= DUMP_FIRST_POST_SHARE * top)
    others = {k for r in runs if r is not chosen for k in range(r[0], r[1] + 1)}
    return chosen[0], chosen[1], others


def _section_heading_before(lines: list[_Line], first: int, last: int) -> int:
    """The article run widened back to the numbered heading of its first section.

    A heading such as ``一、培养目标：`` is short and ends no sentence, so the prose-run search
    leaves it outside; it belongs to the article when the run holds the next heading of the same
    series (``二、…``). Returns the new first line.
    """
    k = first - 1
    while k >= 0 and lines[k].blank:
        k -= 1
    if k < 0 or lines[k].hit is not None or lines[k].remove is not None:
        return first
    m = ORDINAL.match(lines[k].stripped)
    if m is None:
        return first
    opening, number, closing = m.groups()
    successor = _successor(number)
    wanted = opening + successor + closing
    if any(lines[i].stripped.startswith(wanted) for i in range(first, last + 1)):
        return k
    return first


def _successor(number: str) -> str:
    """The next ordinal: ``2`` after ``1``, ``二`` after ``一``, ``十一`` after ``十``."""
    if number.isdigit():
        return str(int(number) + 1)
    at = _CN_DIGITS.find(number)
    return _CN_DIGITS[at + 1] if 0 <= at < len(_CN_DIGITS) - 1 else number + "一"


def _attached_table(lines: list[_Line], last: int) -> int:
    """The article run widened forward over a table or list the article introduces.

    A page's article may end with a table (``附：招生专业及考试科目`` and then one short cell per
    line, as a tag-stripped ``<table>`` leaves it) or a list announced by a line ending in ``：``.
    Cells are short and unpunctuated like a link menu's, so the prose-run search leaves them out.
    They are the article's when they follow its last line directly (after a caption or a ``：``
    line, or after a colon that ends one of the run's last lines), run up to the first line a
    rule flags (a footer, a comment form, a menu word), and a good share of them carry numbers
    (codes, counts, dates, ``1、`` items), which a menu of site sections does not. Returns the
    new last line.
    """
    k = last + 1
    while k < len(lines) and lines[k].blank:
        k += 1
    if k >= len(lines):
        return last
    lead = lines[k].stripped
    if TABLE_CAPTION.match(lead) is None and not lead.endswith(("：", ":")) and not _announces_list(lines, last):
        return last
    end, cells, numbered = k, 0, 0
    while end < len(lines) and lines[end].hit is None and lines[end].remove is None:
        ln = lines[end]
        if not ln.blank:
            cells += 1
            numbered += _DIGIT.search(ln.stripped) is not None
        end += 1
    end -= 1
    while end > k and lines[end].blank:
        end -= 1
    if cells < TABLE_MIN_CELLS or numbered < TABLE_MIN_NUMBERED_SHARE * cells:
        return last
    return end


def _page_tail(lines: list[_Line], last: int) -> int:
    """The article run widened to the end of the page when nothing after it is furniture.

    A page whose tail holds no footer, menu word or other rule hit, and a sentence or more of
    prose among at most :data:`TAIL_MAX_LINES` lines, ends with the article's own last lines (an
    error page's instructions and form, a short note): they stay. Returns the new last line.
    """
    tail = [ln for ln in lines[last + 1 :] if not ln.blank]
    if not tail or len(tail) > TAIL_MAX_LINES:
        return last
    if any(ln.hit is not None or ln.remove is not None for ln in tail):
        return last
    if not any(ln.prose and ln.ends_sentence for ln in tail):
        return last
    return len(lines) - 1


def _announces_list(lines: list[_Line], last: int) -> bool:
    """Whether one of the run's last few lines ends in a colon (``动力系统主要参数：``) and only short
    lines follow it in the run: a list or table starts there and may run on past the run."""
    seen = 0
    for i in range(last, -1, -1):
        ln = lines[i]
        if ln.blank:
            continue
        if ln.stripped.endswith(("：", ":")):
            return True
        seen += 1
        if seen >= TABLE_LEAD_LINES or ln.size > SHORT:
            return False
    return False


def _apply_dump(lines: list[_Line]) -> None:
    """Rule 3: in a whole-page dump keep only the densest run of prose."""
    first, last, other_posts = _post_run(lines)
    if last < first and other_posts:
        return
    # The run may open with the page's headline, date and source: short lines that end no sentence.
    while first < last and (lines[first].blank or (lines[first].size <= SHORT and not lines[first].ends_sentence)):
        first += 1
    if first <= last:
        first = _section_heading_before(lines, first, last)
        last = _attached_table(lines, last)
        last = _page_tail(lines, last)
    # The lines outside the run, by slicing (no article run: all of them; other_posts is then empty).
    beyond = lines[:first] + lines[last + 1 :] if first <= last else lines
    if other_posts:
        outside = [ln for k, ln in enumerate(lines) if not ln.blank and not first <= k <= last and k not in other_posts]
    else:
        outside = [ln for ln in beyond if not ln.blank]
    menu = sum(1 for ln in outside if not ln.prose or ln.hit is not None)
    if menu < DUMP_MIN_MENU_LINES or menu < DUMP_MIN_MENU_SHARE * len(outside):
        return
    if not any(ln.hit is not None for ln in outside):
        return  # no site furniture outside the run: an article with a list or table, not a page
    where = f"outside the article run (lines {first + 1}-{last + 1})" if first <= last else "no prose on the page"
    why = f"page dump: {where}"
    for ln in beyond:
        if ln.remove is None and not ln.blank and not ln.record:  # _mark, inlined: most of a page goes here
            ln.remove, ln.why = "outside-main", why


def _classify(
    text: str, repeated: frozenset[str] = frozenset(), hits: dict[int, tuple[str, str, str]] | None = None
) -> list[_Line]:
    lines = _split(text)
    if hits is None:
        hits = _gate_hits(text)
    if hits:
        # Each hit's key is the offset of its line: found by bisection (a few hits, many lines).
        starts = [ln.start for ln in lines]
        for start, hit in hits.items():
            ln = lines[bisect_left(starts, start)]
            ln.hit, ln.hit_text, ln.scope = hit
    if repeated:
        for ln in lines:
            _match_repeated(ln, repeated)
    if hits and "索" in text:
        _find_records(lines, text, starts)
    _apply_line_rules(lines)
    _apply_blocks(lines)
    _apply_head(lines)
    _apply_footer(lines)
    _apply_dump(lines)
    return lines


def classify_lines(text: str, config: CleanConfig | None = None) -> list[LineDecision]:
    """Say for each line of ``text`` whether :func:`strip_boilerplate` keeps it, and why.

    One decision per ``\\n``-separated line (blank lines included, kept), in order. With a
    ``config`` whose ``repeated_lines`` is set (corpus mode), lines with a learnt key are
    furniture too (rule ``repeated``).

    >>> [(d.keep, d.rule) for d in classify_lines("招商引资是经济高质量发展的生命线。\\n关键词：")]
    [(True, None), (False, 'empty-label')]
    """
    return [
        LineDecision(
            line=ln.text,
            keep=ln.remove is None,
            rule=ln.remove or ln.hit,
            evidence=ln.why or (f"matched {ln.hit_text!r} but the line is long prose" if ln.hit else ""),
            score=ln.weight,
            start=ln.start,
        )
        for ln in _classify(text, config.repeated_lines if config is not None else frozenset())
    ]


def strip_boilerplate(text: str, config: CleanConfig | None = None, log: ChangeLog | None = None) -> str:
    """Remove copyright, disclaimer, footer, navigation, promo and caption lines (ARTIFACTS.md §6).

    Each removed line is logged with its rule name as ``kind`` and its offset in ``text``; blank
    lines left doubled, leading or trailing by a removal go too (kind ``blank``). Safe because a
    line goes only on shape-specific evidence or by its place in a footer, navigation or page-dump
    block (see the module docstring); article paragraphs that mention 版权 stay. Text with no
    furniture is returned as it is, after one regex search.

    >>> strip_boilerplate("驗收時限壓縮至15個工作日。\\n延伸閱讀\\n版權所有:中國產業經濟信息網京ICP備11041399號-2")
    '驗收時限壓縮至15個工作日。'
    >>> strip_boilerplate("法院認定被告侵犯原告版權，判賠5萬元。\\n記者問及版權所有人時，他拒絕回應。")
    '法院認定被告侵犯原告版權，判賠5萬元。\\n記者問及版權所有人時，他拒絕回應。'
    """
    repeated = config.repeated_lines if config is not None else frozenset()
    hits = _gate_hits(text)
    if not hits and not repeated:
        return text  # no rule fires, so no block or page-dump rule can either
    lines = _classify(text, repeated, hits)
    if all(ln.remove is None for ln in lines):
        return text
    keep = [ln.remove is None for ln in lines]
    # A final newline ends the text with an empty segment: it stays, so the text still ends with one.
    _drop_stray_blanks(lines[:-1] if text.endswith(_NEWLINE) else lines, keep)
    result = _NEWLINE.join([ln.text for ln, kept in zip(lines, keep, strict=True) if kept])
    if log is not None:
        _log_removed(lines, keep, log)
    if log is not None and not keep[-1] and any(keep):
        # The last input line went: the newline that ended the last kept line goes with it.
        last = max(i for i, k in enumerate(keep) if k)
        log.add("blank", _NEWLINE, "", lines[last].start + len(lines[last].text))
    return result


def _log_removed(lines: list[_Line], keep: list[bool], log: ChangeLog) -> None:
    """Log each removed line, with the newline after it (the text's last line has none)."""
    last = len(lines) - 1
    if log.keep:
        for i, (ln, kept) in enumerate(zip(lines, keep, strict=True)):
            if not kept:
                log.add(ln.remove or "blank", ln.text + _NEWLINE if i < last else ln.text, "", ln.start)
        return
    # Counts only (no audit): the totals of one add per line, in bulk. Every removal but the
    # last line's holds its newline; add skips an empty one, which only the last line can be.
    gone = [len(ln.text) for ln, kept in zip(lines, keep, strict=True) if not kept]
    if not gone:
        return
    last_gone = not keep[last]
    count = len(gone) - (last_gone and lines[last].text == "")
    chars = sum(gone) + len(gone) - last_gone
    log.add_counts(count, chars, 0)


def _drop_stray_blanks(lines: list[_Line], keep: list[bool]) -> None:
    """Drop blank lines that a removal left leading, trailing or doubled (others stay as they are)."""
    prev_blank, removed = True, False  # at the start, a blank line would lead
    for i, ln in enumerate(lines):
        if not keep[i]:
            removed = True
            continue
        if ln.blank and prev_blank and removed:
            keep[i] = False
            ln.remove, ln.why = "blank", "blank line left doubled or leading by a removal"
            continue
        prev_blank, removed = ln.blank, False
    removed = False
    for i in range(len(lines) - 1, -1, -1):
        if not keep[i]:
            removed = True
        elif not lines[i].blank:
            break
        elif removed:
            keep[i] = False
            lines[i].remove, lines[i].why = "blank", "blank line left trailing by a removal"
