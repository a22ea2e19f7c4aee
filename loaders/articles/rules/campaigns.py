"""Emulation campaigns (phong trào thi đua) named in the article, through their aliases."""

from __future__ import annotations

from tdkt.loaders.articles.facts import CampaignMention
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.common import Context, evidence, paragraphs
from tdkt.loaders.gazetteer import Gazetteer


def extract(article: Article, context: Context, gazetteer: Gazetteer) -> list[CampaignMention]:
    """Every mention of a known campaign ("Chung sức xây dụng nông thôn mới" and "Cả nước
    chung tay xây dựng nông thôn mới" are one campaign)."""
    return [
        CampaignMention(match.entry, match.text, evidence(article, match.start, match.end))
        for paragraph in paragraphs(article)
        for match in gazetteer.find_campaigns(paragraph.text, paragraph.start)
    ]
