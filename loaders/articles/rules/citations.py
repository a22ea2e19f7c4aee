"""Citations of legal and party documents.

A numbered mention resolves by its normalised number ("91/2017NĐ-CP" → 91/2017/NĐ-CP); a
law cited by name resolves to the law in force on the article's date ("Luật Thi đua, khen
thưởng" in 2019 → 15/2003/QH11 as amended, in 2024 → 06/2022/QH15). A mention with neither
a number nor a name the tables know is not a citation of an identifiable document.

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
from tdkt.loaders.articles.numbers import DocumentMention, find_documents
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

_SPEECH = re.compile(
    r"(?<!\w)(?:phát\s+biểu|đề\s+nghị|nhấn\s+mạnh|chỉ\s+đạo|yêu\s+cầu|khẳng\s+định|cho\s+biết|"
    r"lưu\s+ý|nói|đề\s+cập|nêu\s+rõ|chỉ\s+rõ)(?!\w)",
    re.IGNORECASE,
)
_ISSUED = re.compile(r"\b(?:ban hanh|ky)\s*$")


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[Citation]:
    facts = []
    for paragraph in paragraphs(article):
        sentences = list(split_sentences(paragraph))
        for mention in find_documents(paragraph.text, paragraph.start):
            citation = _citation(article, context, gazetteer, sentences, mention)
            if citation is not None:
                facts.append(citation)
    return facts


def _citation(
    article: Article,
    context: Context,
    gazetteer: Gazetteer,
    sentences: list[Span],
    mention: DocumentMention,
) -> Citation | None:
    sentence = enclosing(sentences, mention.start) or sentences[0]
    stated, stated_text = mention.date, mention.date_text
    if stated is None:
        stated, stated_text = _issued_before(sentence, mention, context)
    if mention.number:
        entry = gazetteer.document(mention.number)
        key = document_key(mention.number, context.host, stated, gazetteer)
    elif mention.name_text and context.date is not None:
        name = mention.name_text + (f" năm {mention.year_hint}" if mention.year_hint else "")
        entry = gazetteer.document_by_name(name, context.date)
        if entry is None:
            return None
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
