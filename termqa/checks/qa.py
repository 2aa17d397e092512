"""Structure rules on content: echoed Q&A answers and English paragraphs left untranslated.

Empty sections are in termqa/checks/sections.py; a source block without a translation is ST01
in termqa/checks/structure.py.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from rapidfuzz.fuzz import ratio

from termqa.checks.base import Context, Rule
from termqa.checks.sections import SECTION_RULES, Item, outline
from termqa.model import Category, Document, Hit, Segment, SegmentKind, Severity


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONTENT_POS = frozenset(("名詞", "動詞", "形容詞", "形状詞"))
# Normalized forms that carry no content of their own (light verbs, formal nouns, wh-words).
_LIGHT = _words(
    "為る 有る 居る 成る 出来る 事 物 様 為 何 の ん 方 点 場合 中 際 等 所 訳 筈 "
    "言う 思う 行う 良い 無い 以下 以上 それ これ 次 とき 時 ところ こと もの よう ため わけ はず"
)
_NEGATION = frozenset(("ない", "無い", "ず", "ぬ", "ん", "ませ", "いいえ", "いえ"))
_POLARITY_START = re.compile(r"(?:はい|いいえ|いえ|ええ|Yes|No)\b[、,。.!！]?", re.IGNORECASE)
_NOISE = re.compile(r"[\s、。，．,.!?！？「」『』（）()・:：]+")
_WH_WORD = re.compile("何|なに|なぜ|どう|どの|どこ|どれ|どんな|どちら|いつ|誰|だれ|いくつ|いくら")
_QUESTION_FORM = re.compile(r"(?:[?？]|(?:です|ます|でしょう|ません|のです|んです)か[。．.]?)$")
_HEDGE = re.compile(r"ない(?:の|ん)?(?:です|でしょう)か[。．.?？]?$")
_SENTENCE_END = re.compile(r"[。！？!?](?=.)")
_ECHO_RATIO = 85  # rapidfuzz ratio of question and answer (punctuation and spaces removed)
_QUOTE_LIMIT = 40
_BODY_KINDS = frozenset(
    (SegmentKind.PARAGRAPH, SegmentKind.LIST_ITEM, SegmentKind.QUESTION, SegmentKind.ANSWER)
)
_QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|\"[^\"\n]*\"|‘[^’]*’")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_JA = re.compile("[\u3041-\u30ff\u3400-\u9fff]")
_REFERENCE = re.compile(r"\bet al\b|\barXiv\b|\bdoi\b|\bProceedings\b|^\[\d+\]")
_MIN_WORDS = 6
_JA_LABEL = re.compile("\\s*[^\\s:：]{0,10}[\u3041-\u30ff\u3400-\u9fff][^\\s:：]{0,10}[:：]")
_CONTINUATION = frozenset((SegmentKind.PARAGRAPH, SegmentKind.LIST_ITEM))


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def _content(text: str, ctx: Context) -> frozenset[str]:
    return frozenset(
        t.normalized.lower()
        for t in ctx.ja.tokens(text)
        if t.pos in _CONTENT_POS and t.normalized not in _LIGHT
    )


def _negated(text: str, ctx: Context) -> bool:
    return any(t.surface in _NEGATION or t.normalized in _NEGATION for t in ctx.ja.tokens(text))


def echoed_answer(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """A Q&A answer repeats or merely rephrases its question, or is itself a question.

    Why: an answer that restates the question tells the reader nothing; it is a typical slip
    of generated or hastily edited Q&A blocks.

    Bad:
        target: Q: この手法の限界は何ですか。\\nA: この手法の限界は何でしょうか。
    Good:
        target: Q: この手法の限界は何ですか。\\nA: 長い文書では検索の精度が下がる点です。
    """
    items = outline(ctx)
    for i, (prev, item) in enumerate(itertools.pairwise(items), start=1):
        if item.kind is not SegmentKind.ANSWER or prev.kind is not SegmentKind.QUESTION:
            continue
        if prev.seg.section != item.seg.section or not item.text.strip():
            continue
        following = items[i + 1].kind if i + 1 < len(items) else None
        if following in _CONTINUATION:
            continue  # `A: 次のように動きます。` introduces the list or paragraph that follows
        reason = _echo(prev.text, item.text, ctx)
        if reason:
            end = item.start + len(item.text.rstrip())
            message = f"answer '{_clip(item.text)}' {reason} '{_clip(prev.text)}'"
            yield item.seg, Hit(item.start, end, message)


def _echo(question: str, answer: str, ctx: Context) -> str:
    """How the answer echoes the question, or '' when it answers it.

    A yes/no question may be answered by restating it (`使えますか` / `使えます`), so only a
    question with a wh-word gets the restatement tests; an answer that is itself a question
    (or a verbatim copy) is an echo either way.
    """
    q_text, a_text = _NOISE.sub("", question), _NOISE.sub("", answer)
    if not a_text:
        return ""
    q_words, a_words = _content(question, ctx), _content(answer, ctx)
    if _asks_back(answer.strip(), q_words, a_words):
        return "asks back instead of answering"
    if q_text == a_text:
        return "repeats the question"
    polar = _POLARITY_START.match(answer.strip()) is not None
    if _WH_WORD.search(question) and not polar and _negated(answer, ctx) == _negated(question, ctx):
        if ratio(q_text, a_text) >= _ECHO_RATIO:
            return "repeats the question"
        if a_words and a_words <= q_words:
            return "only restates the question"
    return ""


def _asks_back(body: str, q_words: frozenset[str], a_words: frozenset[str]) -> bool:
    """The answer is a question: one sentence, or one about the question's own words."""
    if not _QUESTION_FORM.search(body) or _HEDGE.search(body):
        return False
    single = _SENTENCE_END.search(body) is None
    return single or bool(q_words and len(q_words & a_words) * 2 >= len(q_words))


def untranslated_paragraph(doc: Document, ctx: Context) -> Iterator[tuple[Segment, Hit]]:
    """A paragraph or list item of the Japanese text is English, left untranslated.

    Why: an English block inside the Japanese digest is a translation that never happened;
    titles, metadata, code and quotations are English on purpose, a body paragraph is not.

    Bad:
        target: We propose a new routing method that balances the load across experts.
    Good:
        target: エキスパート間の負荷を分散する新しいルーティング手法を提案します。
    """
    for item in outline(ctx):
        if item.kind not in _BODY_KINDS or not _mostly_english(item.text):
            continue
        raw = item.seg.target.raw[item.start : item.end].lstrip()
        if raw.startswith(("|", ">")) or _quoted_line(doc, item):
            continue
        end = item.start + len(item.text.rstrip())
        yield item.seg, Hit(item.start, end, f"English paragraph '{_clip(item.text)}' in target")


def _mostly_english(text: str) -> bool:
    """Six or more English words, hardly any Japanese; not a title or a reference entry."""
    text = _QUOTED.sub(" ", text)
    if _JA_LABEL.match(text):
        return False  # `原文: We propose …` quotes the English on purpose
    words = _WORD.findall(text)
    if len(words) < _MIN_WORDS:
        return False
    letters = sum(len(w) for w in words)
    if len(_JA.findall(text)) * 10 > letters or _REFERENCE.search(text):
        return False
    body = text.strip()
    capitals = sum(1 for w in words if w[0].isupper())
    return body[-1:] in ".!?:;" or capitals * 10 < len(words) * 6


def _quoted_line(doc: Document, item: Item) -> bool:
    """The block sits in a Markdown blockquote (`>` before it on its line)."""
    seg = item.seg
    if item.start:
        raw = seg.target.raw
        prefix = raw[raw.rfind("\n", 0, item.start) + 1 : item.start]
    elif seg.target.offsets is None:
        start = seg.target.start
        prefix = doc.text[doc.text.rfind("\n", 0, start) + 1 : start]
    else:
        return False
    return ">" in prefix


RULES: tuple[Rule, ...] = (
    Rule(
        "ST02",
        "echoed-answer",
        Category.STRUCTURE,
        Severity.MAJOR,
        check_document=echoed_answer,
    ),
    Rule(
        "ST03",
        "untranslated-paragraph",
        Category.STRUCTURE,
        Severity.MAJOR,
        check_document=untranslated_paragraph,
    ),
    *SECTION_RULES,
)
