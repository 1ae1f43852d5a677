"""strip-html: remove HTML tags, decode entities, restore entity names whose ``&`` was lost.

Damage (../shared/ARTIFACTS.md §5): crawled text keeps ``<br/>`` at line ends, ``&rdquo;``
``&ldquo;`` ``&nbsp;`` and, inside garble spans (§2), bare ``rdquo;``/``lsquo;`` whose ``&`` was
eaten (seed 003 ``招商?rdquo;也被``, ``轉變?yōu)?lsquo;地圖式``) and a bare ``br/>`` whose ``<`` was
eaten (seed 000 ``登門?!?br/>``).

Everything is done in ONE pass of one regex (:data:`HTML_RE`) over the input, so each logged
change has its offset in this filter's input and the log replays exactly:

- markup runs: consecutive tags, comments, ``<!DOCTYPE>``/CDATA, and ``<script>``/``<style>``
  blocks with their content; a run holding a block tag (``p``, ``div``, ``br``, ``li``, ``td``,
  ...) becomes a line break when text sits on both sides of it on the same line, otherwise it
  is removed (``text<br/>\\n`` does not gain a blank line). Kind ``tag``.
- escaped tags ``&lt;br /&gt;`` (double-escaped HTML): removed like tags. Kind ``tag``.
- entities ``&rdquo;`` ``&#12290;`` ``&#x3002;`` (also double-escaped ``&amp;ldquo;``):
  decoded with :func:`html.unescape`; ``&nbsp;``/``&#160;`` become a plain space. Kind ``entity``.
- bare entity names (``rdquo;`` ``ldquo;`` ``lsquo;`` ``rsquo;`` ``nbsp;`` ``quot;`` ``mdash;``
  ``ndash;`` ``hellip;`` ``middot;``) and a bare ``br/>``: restored/removed only right after a
  character that is neither an ASCII letter or digit nor a space (a Han character, CJK
  punctuation, ``?``), where the ``&`` or ``<`` was lost to garble. Kinds ``bare-entity``, ``tag``.

Left alone, by design: a ``<`` that does not open a known HTML tag name followed by space,
``/`` or ``>`` (``a < b``, ``x<y``, ``<3``, ``1 < 2``, ``<<三国演义>>``, ``《书名》``); e-mail
addresses in angle brackets (``<a@b.com>``: the name ``a`` is followed by ``@``, so it is text,
the address is worth keeping); single-letter tags whose attributes have no ``=`` (``a<b and
c>d`` is maths, not ``<b>``); named entities without the final ``;`` (``&copy2024``, URL
parameters such as ``?id=1&para=2``: html.unescape would turn them into ``©``/``¶``); unknown
names (``&foo;``); ``quot;`` after a letter (``x quot;``, ``aquot;``).
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsclean.audit import ChangeLog
    from newsclean.config import CleanConfig

#: Tag names that separate blocks of text: such a tag between two pieces of text on one line
#: becomes a line break.
BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog div dl dt fieldset
    figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend
    li main marquee menu nav noscript ol option p pre section select summary table tbody td tfoot th
    thead title tr ul""".split()
)

#: Inline tag names (removed without a line break). Only known names count as tags at all.
INLINE_TAGS = frozenset(
    """a abbr acronym area audio b base bdi bdo big button canvas circle cite code col colgroup
    defs del dfn em embed font g i img input ins kbd label lineargradient link map mark meta nobr
    object param path picture polygon q rect rp rt ruby s samp small source spacer span stop strike
    strong sub sup svg script style template textarea time track tt u use video wbr o:p""".split()
)

#: Known tag names of two letters or more, longest first (so ``<br>`` is not read as ``<b``).
_NAMES = "|".join(sorted((n for n in BLOCK_TAGS | INLINE_TAGS if len(n) > 1), key=len, reverse=True))
#: One-letter tag names: a, b, i, p, q, s, u.
_SHORT = "".join(sorted(n for n in BLOCK_TAGS | INLINE_TAGS if len(n) == 1))
#: Attribute text: unquoted characters or quoted values (which may hold ``>``); bounded to
#: keep matching linear.
_ATTRS = r"""(?:[^<>"']|"[^"]*"|'[^']*'){0,1000}?"""

#: One HTML tag: ``<`` + optional ``/`` + a known name + optional attributes + optional ``/`` +
#: ``>``. The name must end at space, ``/`` or ``>``, so ``<a@b.com>`` and ``<3`` are not tags.
#: A one-letter name takes attributes only in ``name=value`` form, so ``a<b and c>d`` is not a tag.
_TAG = (
    rf"</?(?:{_NAMES})(?=[\s/>])(?:\s{_ATTRS})?\s*/?\s*>"
    rf"|</?[{_SHORT}](?:\s+[A-Za-z][\w:-]*\s*={_ATTRS})?\s*/?\s*>"
)
#: Comments, <!DOCTYPE ...>, <![CDATA[...]]>: never text.
_COMMENT = r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<!doctype\b[^<>]*>"
#: A script or style element with its content (code and CSS are never article text).
_SCRIPT = r"<(?P<blk>script|style)\b[^>]*>.*?</(?P=blk)\s*>"
#: An escaped tag: ``&lt;br /&gt;`` (double-escaped pages show markup as text), also escaped
#: twice (``&amp;lt;``) or only half (``&lt;br/>``), which decoding would turn into a tag.
_ESC_TAG = (
    rf"&(?:amp;)*lt;/?(?:{_NAMES}|[{_SHORT}])(?=\s|/|&(?:amp;)*gt;|>)"
    rf"(?:\s(?:[^<>&]|&(?:amp;)*(?:quot|#39|amp);){{0,200}}?)?\s*/?\s*(?:&(?:amp;)*gt;|>)"
)
#: An entity ending in ``;``: named, decimal or hex; ``&amp;`` may double it (``&amp;ldquo;``,
#: ``&amp;amp;lt;``), and all the escaping is undone at once so the filter is idempotent.
_ENTITY = r"&(?:amp;)*(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
#: Entity names found bare (``&`` eaten by garble); restored only after a character that is
#: not an ASCII letter, digit, ``&``, ``#`` or space (checked in code), so English keeps its words.
BARE_ENTITY_NAMES = ("rdquo", "ldquo", "lsquo", "rsquo", "nbsp", "quot", "mdash", "ndash", "hellip", "middot")

#: Markup and entities, in one alternation (leftmost wins, so matches never overlap). The
#: lookahead lets the regex engine skip to the next ``<`` or ``&`` quickly. Groups: ``run``, a
#: run of markup; ``esc``, an escaped tag; ``ent``, an entity.
HTML_RE = re.compile(
    rf"(?=[<&])(?:(?P<run>(?:{_SCRIPT}|{_COMMENT}|{_TAG})+)|(?P<esc>{_ESC_TAG})|(?P<ent>{_ENTITY}))",
    re.IGNORECASE | re.DOTALL,
)

#: Where a bare entity name or a bare ``br>`` may end: a ``;`` or ``>`` preceded by the tail of
#: one of :data:`BARE_ENTITY_NAMES` or of ``br>``/``br/>``. Starting on a literal keeps this scan
#: fast; the exact name and the character before it are checked in :func:`_bare_edits`.
_BARE_HINT_RE = re.compile(
    r"[;>](?:(?<=quo;)|(?<=nbsp;)|(?<=quot;)|(?<=dash;)|(?<=hellip;)|(?<=middot;)|(?<=br>)|(?<=/>))"
)
#: A bare br tag, checked where :data:`_BARE_HINT_RE` found a ``>``.
_BARE_BR_RE = re.compile(r"br\s{0,3}/?>")

#: Script/style elements, cut out of a run before looking for block tags in it.
_SCRIPT_RE = re.compile(_SCRIPT, re.IGNORECASE | re.DOTALL)
#: Block tag names inside a markup run (to decide between a line break and nothing).
_BLOCK_NAME_RE = re.compile(rf"</?(?:{'|'.join(sorted(BLOCK_TAGS, key=len, reverse=True))})(?=[\s/>])", re.IGNORECASE)
#: Same for escaped tags.
_ESC_BLOCK_RE = re.compile(
    rf"&(?:amp;)*lt;/?(?:{'|'.join(sorted(BLOCK_TAGS, key=len, reverse=True))})\b", re.IGNORECASE
)

#: Horizontal space ignored when looking for text beside a tag.
_HSPACE = " \t\u3000\xa0"


def _separates_text(text: str, start: int, end: int) -> bool:
    """True if non-space text sits on the same line both before ``start`` and after ``end``."""
    before = text[max(0, start - 40) : start].rstrip(_HSPACE)
    after = text[end : end + 40].lstrip(_HSPACE)
    return bool(before) and bool(after) and before[-1] not in "\r\n" and after[0] not in "\r\n"


def _decode_entity(entity: str) -> str:
    """The text of one ``;``-terminated entity (leading ``&amp;`` escapes undone), or itself.

    Numeric references to nothing useful (``&#0;``, surrogates, control characters, beyond
    U+10FFFF), which html.unescape turns into U+FFFD or a control character, are kept as they are.
    """
    original = entity
    while entity[:5].lower() == "&amp;" and len(entity) > 5 and entity[5] != ";":
        entity = "&" + entity[5:]
    new = html.unescape(entity)
    if new == entity or not new:
        return original
    if any(ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n") for ch in new):
        return original
    return new.replace("\xa0", " ")


#: One edit: (start, end, kind, replacement) in the filter's input.
_Edit = tuple[int, int, str, str]


def _markup_edits(text: str) -> list[_Edit]:
    """Edits for the tags, escaped tags and entities that :data:`HTML_RE` finds."""
    edits: list[_Edit] = []
    for m in HTML_RE.finditer(text):
        old = m.group(0)
        if m.group("ent") is not None:
            kind, new = "entity", _decode_entity(old)
        else:
            if m.group("run") is not None:
                block = _BLOCK_NAME_RE.search(_SCRIPT_RE.sub("", old) if "<s" in old.lower() else old)
            else:
                block = _ESC_BLOCK_RE.search(old)
            nl = block is not None and _separates_text(text, m.start(), m.end())
            kind, new = "tag", "\n" if nl else ""
        if new != old:
            edits.append((m.start(), m.end(), kind, new))
    return edits


def _prev_char(text: str, start: int, replaced: dict[int, tuple[int, str]]) -> str:
    """The character that will precede ``start`` in the output ("" at the start of the text).

    ``replaced`` maps the end of each markup edit to (its start, its replacement), so a bare
    name right after a decoded entity (``&#12290;br/>``) is judged by what the reader will see.
    """
    while start in replaced:
        start, new = replaced[start]
        if new:
            return new[-1]
    return text[start - 1] if start else ""


def _after_lost_byte(prev: str) -> bool:
    """True if ``prev`` is where a lost ``&`` can be: not an ASCII letter, digit, ``&``, ``#``
    or space, and not the start of the text."""
    return bool(prev) and not (prev.isspace() or (prev.isascii() and (prev.isalnum() or prev in "&#")))


def _bare_edits(text: str, replaced: dict[int, tuple[int, str]]) -> list[_Edit]:
    """Edits for bare entity names (``?rdquo;``) and bare ``br/>`` whose first byte garble ate.

    Adds each edit to ``replaced``, so ``?rdquo;br/>`` loses both in one pass (idempotence).
    """
    edits: list[_Edit] = []
    for m in _BARE_HINT_RE.finditer(text):
        end = m.end()
        if text[end - 1] == ";":
            for name in BARE_ENTITY_NAMES:
                start = end - len(name) - 1
                if text.startswith(name, start) and _after_lost_byte(_prev_char(text, start, replaced)):
                    edits.append((start, end, "bare-entity", _decode_entity(f"&{name};")))
                    replaced[end] = (start, edits[-1][3])
                    break
        else:
            for start in range(end - 3, max(-1, end - 9), -1):
                if _BARE_BR_RE.fullmatch(text, start, end):
                    prev = _prev_char(text, start, replaced)
                    if prev == "?" or (prev and not prev.isascii()):
                        nl = _separates_text(text, start, end)
                        edits.append((start, end, "tag", "\n" if nl else ""))
                        replaced[end] = (start, edits[-1][3])
                    break
    return edits


def strip_html(text: str, config: CleanConfig | None = None, log: ChangeLog | None = None) -> str:
    """Remove HTML tags and decode entities, including bare ones whose ``&`` garble ate (ARTIFACTS.md §5).

    Safe because only known tag names count as tags, only ``;``-terminated entities are
    decoded, and bare names only where no English word can be (after CJK text or ``?``); see
    the module docstring for what is left alone. Every edit is logged (kinds ``tag``,
    ``entity``, ``bare-entity``).

    >>> strip_html("“鏈式招商&rdquo;也被擺到更加重要的位置<br/>")
    '“鏈式招商”也被擺到更加重要的位置'
    >>> strip_html("從‘地毯式招商’轉變為?lsquo;地圖式招商’")
    '從‘地毯式招商’轉變為?‘地圖式招商’'
    >>> strip_html("第一段</p><p>第二段")
    '第一段\\n第二段'
    >>> strip_html("若 a < b 且 x<y，見<<三国演义>>或 <a@b.com>")
    '若 a < b 且 x<y，見<<三国演义>>或 <a@b.com>'
    """
    del config  # no options yet
    if "<" not in text and "&" not in text and ";" not in text and ">" not in text:
        return text  # fast path: nothing this filter could touch
    edits = _markup_edits(text) if ("<" in text or "&" in text) else []
    bare = _bare_edits(text, {e: (s, new) for s, e, _, new in edits}) if (";" in text or ">" in text) else []
    if bare:  # a bare name inside markup already handled (``&amp;rdquo;``, ``<br/>``) is not bare
        starts = [e[0] for e in edits]
        for b in bare:
            i = bisect.bisect_left(starts, b[1])  # edits starting before b ends; the last may overlap
            if i == 0 or edits[i - 1][1] <= b[0]:
                edits.insert(i, b)
                starts.insert(i, b[0])
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for start, end, kind, new in edits:
        parts.append(text[pos:start])
        parts.append(new)
        if log is not None:
            log.add(kind, text[start:end], new, start)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
