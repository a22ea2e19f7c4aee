"""Citations of legal and party documents.

A numbered mention resolves by its normalised number ("91/2017NĐ-CP" → 91/2017/NĐ-CP); a
number the tables do not hold is recorded with the type its code states ("Tờ trình số
13/TTr-UBND" → a submission). A law cited by name resolves to the law in force on the
article's date ("Luật Thi đua, khen thưởng" in 2019 → 15/2003/QH11 as amended, in 2024 →
06/2022/QH15), or to the year its name states ("… 2022") even in an undated text. A mention
with neither a full number nor a name the tables know is not a citation of an identifiable
document.

The stated date is compared with the document's own date (``Entry.valid_from``): equal →
agrees, different → disagrees, no date on record → unverifiable.

The speaker is the person named with a speech verb in the citing sentence, else in the first
sentence of its paragraph ("Phát biểu tại hội nghị, Phó Chủ tịch nước X …" introduces what
the paragraph reports).
"""

from __future__ import annotations

import re
from datetime import date

from tdkt.loaders.articles.dates import find_dates
from tdkt.loaders.articles.facts import AGREES, DISAGREES, UNVERIFIABLE, Citation
from tdkt.loaders.articles.numbers import DocumentMention, find_documents, find_headers
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.awards import document_key
from tdkt.loaders.articles.rules.common import (
    Context,
    Span,
    enclosing,
    evidence,
    paragraphs,
    split_sentences,
)
from tdkt.loaders.gazetteer import Entry, Gazetteer
from tdkt.text import match_key

_SPEECH = re.compile(
    r"(?<!\w)(?:phát\s+biểu|đề\s+nghị|nhấn\s+mạnh|chỉ\s+đạo|yêu\s+cầu|khẳng\s+định|cho\s+biết|"
    r"lưu\s+ý|nói|đề\s+cập|nêu\s+rõ|chỉ\s+rõ)(?!\w)",
    re.IGNORECASE,
)
_CODED = re.compile(r"[/\-]")
_ISSUED = re.compile(r"\b(?:ban hanh|ky)\s*$")


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[Citation]:
    content = paragraphs(article)
    found: list[tuple[list[Span], DocumentMention]] = []
    for mention in find_headers(article.text):  # a legal text's own number, in its header
        found.append(([Span(mention.start, mention.end, mention.text)], mention))
    for paragraph in content:
        mentions = find_documents(paragraph.text, paragraph.start)
        if mentions:  # most paragraphs cite nothing: split only those that do
            sentences = list(split_sentences(paragraph))
            found += [(sentences, m) for m in mentions]
    facts = []
    dated: dict[str, Entry] = {}  # law names this text has tied to a year, by match key
    for sentences, mention in found:
        entry = _resolve(context, gazetteer, mention, dated)
        citation = _citation(article, context, gazetteer, sentences, mention, entry)
        if citation is None:
            continue
        facts.append(citation)
        if mention.name_text and entry is not None and (mention.year_hint or mention.date):
            dated[match_key(mention.name_text)] = entry
    return facts


def _resolve(
    context: Context, gazetteer: Gazetteer, mention: DocumentMention, dated: dict[str, Entry]
) -> Entry | None:
    """The known document a mention names. A law's name with a year ("… năm 2003", "… 2022")
    or a date ("… ngày 15 tháng 6 năm 2022") is the law passed that year, else none; the same
    name bare, later in a text that dated it, is that law again ("Căn cứ Luật X ngày …; … của
    Luật X"); else the law in force on the article's date."""
    if mention.number:
        return gazetteer.document(mention.number)
    if not mention.name_text:
        return None
    year = mention.year_hint or (mention.date.year if mention.date else None)
    if year is not None:
        entry = gazetteer.document_by_name(f"{mention.name_text} năm {year}", date.max)
        passed = entry is not None and entry.valid_from is not None
        return entry if passed and entry.valid_from.year == year else None
    earlier = dated.get(match_key(mention.name_text))
    if earlier is not None or context.date is None:
        return earlier
    return gazetteer.document_by_name(mention.name_text, context.date)


def _citation(
    article: Article,
    context: Context,
    gazetteer: Gazetteer,
    sentences: list[Span],
    mention: DocumentMention,
    entry: Entry | None,
) -> Citation | None:
    sentence = enclosing(sentences, mention.start) or sentences[0]
    stated, stated_text = mention.date, mention.date_text
    if stated is None:
        stated, stated_text = _issued_before(sentence, mention, context)
    if mention.number:
        if entry is None and (mention.doc_type is None or not _CODED.search(mention.number)):
            return None  # a bare "số 34" or an untyped number identifies no document
        key = document_key(mention.number, context.host, stated, gazetteer)
    elif entry is not None:
        key = entry.key
    else:
        return None
    return Citation(
        document_key=key,
        document=entry,
        number_as_written=mention.number_as_written,
        number=mention.number,
        stated_date=stated,
        stated_date_text=stated_text,
        date_agreement=_agreement(stated, entry),
        speaker=_speaker(context, sentences, sentence),
        evidence=evidence(article, mention.start, mention.end),
        document_type=mention.doc_type,
    )


def _issued_before(
    sentence: Span, mention: DocumentMention, context: Context
) -> tuple[date | None, str | None]:
    """ "Ngày 31/5/2023, Chủ tịch UBND tỉnh đã ban hành Quyết định 946/QĐ-UBND": the date
    of an issuing verb just before the mention."""
    head = sentence.folded()[: mention.start - sentence.start]
    if not _ISSUED.search(head.rstrip()):
        return None, None
    dates = [
        d
        for d in find_dates(sentence.text, context.date, sentence.start)
        if d.end <= mention.start and not d.partial
    ]
    return (dates[-1].value, dates[-1].text) if dates else (None, None)


def _agreement(stated: date | None, entry: Entry | None) -> str | None:
    if stated is None:
        return None
    if entry is None or entry.valid_from is None:
        return UNVERIFIABLE
    return AGREES if entry.valid_from == stated else DISAGREES


def _speaker(context: Context, sentences: list[Span], sentence: Span) -> str | None:
    for candidate in (sentence, sentences[0]):
        if not _SPEECH.search(candidate.text):
            continue
        named = [
            (m.start, official.key)
            for official in context.officials
            for m in official.mentions
            if candidate.start <= m.start < candidate.end
        ]
        if named:
            return min(named)[1]
    return None
